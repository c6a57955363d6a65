import type { IncomingMessage, ServerResponse } from 'node:http';
import { codePoints, TOUCHPOINT_PATTERN, UUID_PATTERN } from '../core/answer.js';
import type { FeedPage } from '../core/feed.js';
import type { OwnerAuth } from './auth.js';
import { sendPublicJson } from './cache.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { publicProjection } from './public.js';
import type { Storage } from './storage/storage.js';
import { HttpError, parseJson, readBody, requireJson, sendJson } from './http.js';
import { MAX_BODY_BYTES, parseAnswers } from './ingest.js';
import type { groupWriter } from './writer.js';

export const FEED_LIMIT = { default: 20, max: 100 };
export const REPLY_MAX = 2000;
const REPLY_BODY_BYTES = 16 * 1024;

export interface ApiDeps {
  storage: Storage;
  writer: ReturnType<typeof groupWriter>;
  /** Who the owner is: bearer token or session cookie (`auth.ts`). */
  auth: OwnerAuth;
  /** The `context` keys the public feed shows (`TOUCHPOINT_PUBLIC_CONTEXT`). */
  publicContext?: readonly string[];
}

type Params = URLSearchParams;
type Handler = (req: IncomingMessage, res: ServerResponse, params: Params, match: RegExpExecArray) => Promise<void> | void;

/** The API router: a path under `/api/` → its handler; unknown path 404, wrong method 405. */
export function api({ storage, writer, auth, publicContext = [] }: ApiDeps) {
  const shown = publicProjection(publicContext);

  /** `POST /api/feedback`: one answer, or `{"events":[…]}`. 200 only once committed. */
  async function ingest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    requireJson(req, { textPlain: true });
    const { valid, rejected } = parseAnswers(parseJson(await readBody(req, MAX_BODY_BYTES), false));
    const isNew = await writer.write(valid);
    const accepted = isNew.filter(Boolean).length;
    sendJson(res, 200, { accepted, duplicates: isNew.length - accepted, rejected });
  }

  /** `GET /api/feedback?touchpoint=&before=&limit=`: every answer, newest first, as the public may see it. No filter by score, on purpose. */
  async function feed(req: IncomingMessage, res: ServerResponse, params: Params): Promise<void> {
    const touchpoint = param(params, 'touchpoint');
    if (touchpoint !== undefined && !TOUCHPOINT_PATTERN.test(touchpoint))
      throw new HttpError(400, 'touchpoint: must be 1-64 characters of A-Z a-z 0-9 . _ : -');
    const rawBefore = param(params, 'before');
    const before = rawBefore === undefined ? undefined : decodeCursor(rawBefore);
    if (before === null) throw new HttpError(400, 'before: must be a cursor from a previous page\'s "next"');
    const rawLimit = param(params, 'limit') ?? String(FEED_LIMIT.default);
    const limit = /^\d{1,3}$/.test(rawLimit) ? Number(rawLimit) : NaN;
    if (!(limit >= 1 && limit <= FEED_LIMIT.max)) throw new HttpError(400, `limit: must be a whole number from 1 to ${FEED_LIMIT.max}`);
    // One more than asked tells whether there is a next page.
    const items = (await storage.feed({ touchpoint, before, limit: limit + 1 })).map(shown);
    const page: FeedPage = { items: items.slice(0, limit), next: null };
    if (items.length > limit) {
      const end = page.items[limit - 1];
      page.next = encodeCursor({ ms: Date.parse(end.createdAt), id: end.id });
    }
    sendPublicJson(req, res, page);
  }

  /** `GET /api/summary?since=&until=`: the shared summary maths over the answers in [since, until), from daily rollups. */
  async function summary(req: IncomingMessage, res: ServerResponse, params: Params): Promise<void> {
    const since = instant(params, 'since');
    const until = instant(params, 'until');
    if (since && until && until.ms <= since.ms) throw new HttpError(400, 'until: must be later than since');
    sendPublicJson(req, res, await storage.summary({ since, until }));
  }

  /**
   * `DELETE /api/journeys/:journey`: erases every answer given with this journey id. The random id
   * is the proof: only the browser that holds it (`Touchpoint.forget()`) or the owner, who sees it
   * in their data, knows it. Idempotent.
   */
  async function forget(_req: IncomingMessage, res: ServerResponse, _params: Params, match: RegExpExecArray): Promise<void> {
    if (!UUID_PATTERN.test(match[1])) throw new HttpError(400, 'journey: must be the UUID the widget sent as "journey"');
    sendJson(res, 200, { deleted: await storage.forgetJourney(match[1]) });
  }

  /** `POST /api/feedback/:id/reply` `{"text"}`: the owner's public reply, shown with the answer in the feed. */
  async function reply(req: IncomingMessage, res: ServerResponse, _params: Params, match: RegExpExecArray): Promise<void> {
    await auth.requireOwner(req);
    requireJson(req);
    const body = parseJson(await readBody(req, REPLY_BODY_BYTES)) as { text?: unknown } | null;
    const text = typeof body?.text === 'string' ? body.text.trim() : '';
    if (!text || codePoints(text) > REPLY_MAX) throw new HttpError(422, `text: must be a string of 1 to ${REPLY_MAX} characters`);
    const item = await storage.reply(match[1], text, new Date().toISOString());
    if (!item) throw new HttpError(404, 'no answer with that id');
    sendJson(res, 200, item);
  }

  const routes: [RegExp, Partial<Record<string, Handler>>][] = [
    [/^\/api\/feedback$/, { GET: feed, POST: ingest }],
    [/^\/api\/summary$/, { GET: summary }],
    [/^\/api\/feedback\/([^/]{1,100})\/reply$/, { POST: reply }],
    [/^\/api\/journeys\/([^/]{1,100})$/, { DELETE: forget }],
    [/^\/api\/session$/, { GET: auth.status, POST: auth.signIn, DELETE: auth.signOut }],
  ];

  return async (req: IncomingMessage, res: ServerResponse, path: string, params: Params): Promise<void> => {
    for (const [pattern, methods] of routes) {
      const match = pattern.exec(path);
      if (!match) continue;
      const method = req.method === 'HEAD' ? 'GET' : req.method!;
      const handler = methods[method];
      if (!handler) throw new HttpError(405, `${req.method} is not allowed here; use ${Object.keys(methods).join(' or ')}`, { Allow: Object.keys(methods).join(', ') });
      return handler(req, res, params, match);
    }
    throw new HttpError(404, `no API route ${path}`);
  };
}

/** A query parameter; empty counts as absent, so `?touchpoint=` means "all". */
function param(params: Params, name: string): string | undefined {
  const value = params.get(name);
  return value === null || value === '' ? undefined : value;
}

const ISO_INSTANT = /^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d{1,3})?)?(Z|[+-]\d\d:\d\d))?$/;

function instant(params: Params, name: string): { iso: string; ms: number } | undefined {
  const value = param(params, name);
  if (value === undefined) return undefined;
  const ms = ISO_INSTANT.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new HttpError(400, `${name}: must be an ISO 8601 timestamp, e.g. 2026-01-31T00:00:00Z`);
  return { iso: new Date(ms).toISOString(), ms };
}
