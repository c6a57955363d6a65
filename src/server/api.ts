import type { IncomingMessage, ServerResponse } from 'node:http';
import { TOUCHPOINT_PATTERN, UUID_PATTERN } from '../core/answer.js';
import type { FeedPage } from '../core/feed.js';
import type { TouchpointNames } from '../core/inbox.js';
import type { OwnerAuth } from './auth.js';
import { sendPublicJson } from './cache.js';
import { encodeCursor } from './cursor.js';
import type { dispatcher } from './outbox/dispatcher.js';
import { ownerApi } from './owner-api.js';
import { webhooksApi } from './webhooks-api.js';
import { noticesApi, SUMMARY_NOTICES } from './notices-api.js';
import { before, limit, param, period } from './params.js';
import { publicProjection } from './public.js';
import type { Storage } from './storage/storage.js';
import { HttpError, parseJson, readBody, requireJson, sendJson } from './http.js';
import { MAX_BODY_BYTES, parseAnswers } from './ingest.js';
import type { groupWriter } from './writer.js';

export const FEED_LIMIT = { default: 20, max: 100 };

export interface ApiDeps {
  storage: Storage;
  writer: ReturnType<typeof groupWriter>;
  /** Who the owner is: bearer token or session cookie (`auth.ts`). */
  auth: OwnerAuth;
  /** The `context` keys the public feed shows (`TOUCHPOINT_PUBLIC_CONTEXT`). */
  publicContext?: readonly string[];
  /** Sends webhooks (`outbox/dispatcher.ts`). */
  dispatch: ReturnType<typeof dispatcher>;
  webhookAllowPrivate?: boolean;
  /** The clock webhook events are scheduled by (tests move it). */
  now?: () => number;
  /** Display names of touchpoints per language (`TOUCHPOINT_NAMES`), for the wall, the journey and the inbox. */
  names?: TouchpointNames;
}

type Params = URLSearchParams;
type Handler = (req: IncomingMessage, res: ServerResponse, params: Params, match: RegExpExecArray) => Promise<void> | void;

/** The API router: a path under `/api/` → its handler; unknown path 404, wrong method 405. */
export function api({ storage, writer, auth, publicContext = [], names = {}, dispatch, webhookAllowPrivate = false, now }: ApiDeps) {
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
    const position = before(params);
    const count = limit(params, FEED_LIMIT);
    // One more than asked tells whether there is a next page.
    const items = (await storage.feed({ touchpoint, before: position, limit: count + 1 })).map(shown);
    const page: FeedPage = { items: items.slice(0, count), next: null };
    if (items.length > count) {
      const end = page.items[count - 1];
      page.next = encodeCursor({ ms: Date.parse(end.createdAt), id: end.id });
    }
    sendPublicJson(req, res, page);
  }

  /** `GET /api/summary?since=&until=`: the shared summary maths over the answers in [since, until), from daily rollups. */
  async function summary(req: IncomingMessage, res: ServerResponse, params: Params): Promise<void> {
    const p = period(params);
    // The notices of the period, each with how it felt there (issue 13), for the journey map;
    // no field at all when there are none, so a site without notices sees the summary it knew.
    const notices = await storage.noticesIn({ sinceMs: p.since?.ms, untilMs: p.until?.ms }, SUMMARY_NOTICES);
    sendPublicJson(req, res, { ...(await storage.summary(p)), names, ...(notices.length && { notices }) });
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

  const owner = ownerApi({ storage, auth, names });
  const webhooks = webhooksApi({ storage, auth, dispatch, allowPrivate: webhookAllowPrivate, now });
  const notices = noticesApi({ storage, auth });
  const routes: [RegExp, Partial<Record<string, Handler>>][] = [
    [/^\/api\/feedback$/, { GET: feed, POST: ingest, PATCH: owner.changeMany }],
    [/^\/api\/summary$/, { GET: summary }],
    [/^\/api\/feedback\/([^/]{1,100})$/, { PATCH: owner.change }],
    [/^\/api\/feedback\/([^/]{1,100})\/reply$/, { POST: owner.reply, DELETE: owner.deleteReply }],
    [/^\/api\/feedback\/([^/]{1,100})\/notes$/, { POST: owner.addNote }],
    [/^\/api\/inbox$/, { GET: owner.inbox }],
    [/^\/api\/inbox\/export$/, { GET: owner.exportView }],
    [/^\/api\/inbox\/([^/]{1,100})$/, { GET: owner.item }],
    [/^\/api\/audit$/, { GET: owner.audit }],
    [/^\/api\/webhooks$/, { GET: webhooks.list, POST: webhooks.create }],
    [/^\/api\/webhooks\/([^/]{1,100})$/, { PATCH: webhooks.change, DELETE: webhooks.remove }],
    [/^\/api\/webhooks\/([^/]{1,100})\/test$/, { POST: webhooks.test }],
    [/^\/api\/webhooks\/([^/]{1,100})\/deliveries$/, { GET: webhooks.deliveries }],
    [/^\/api\/webhooks\/([^/]{1,100})\/deliveries\/([^/]{1,30})\/redeliver$/, { POST: webhooks.redeliver }],
    [/^\/api\/journeys\/([^/]{1,100})$/, { DELETE: forget }],
    [/^\/api\/notices$/, { GET: notices.list, POST: notices.create }],
    [/^\/api\/notices\/([^/]{1,100})$/, { GET: notices.one, PATCH: notices.change }],
    [/^\/api\/notices\/([^/]{1,100})\/updates$/, { POST: notices.addUpdate }],
    [/^\/api\/status$/, { GET: notices.status }],
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
