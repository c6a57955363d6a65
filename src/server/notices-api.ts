import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isObject, LANGS, TOUCHPOINT_PATTERN, type Lang } from '../core/answer.js';
import { BODY_MAX, byUrgency, isActive, LINK_MAX, NOTICE_TOUCHPOINTS_MAX, SEVERITIES, TITLE_MAX, type Notice, type NoticeText, type Severity, type StatusPage } from '../core/notice.js';
import type { OwnerAuth } from './auth.js';
import { sendPublicJson } from './cache.js';
import { HttpError, readObject, sendJson, textField } from './http.js';
import { limit, param } from './params.js';
import { NoticeRefused, type NewNotice, type NoticeChange } from './storage/notices.js';
import type { Actor, Storage } from './storage/storage.js';

export const NOTICES_LIMIT = { default: 50, max: 200 };
/** Notices `/api/summary` carries: the newest that overlap its period. */
export const SUMMARY_NOTICES = 20;
const BODY_BYTES = 64 * 1024;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,3})?)?(Z|[+-]\d\d:\d\d)$/;
const FIELDS = ['severity', 'title', 'body', 'link', 'touchpoints', 'startsAt', 'endsAt'];

type Params = URLSearchParams;

/** A text the owner wrote: a string, or `{"en": …, "es": …}` in the languages Touchpoint speaks. */
export function noticeText(value: unknown, name: string, max: number): NoticeText {
  const one = (t: unknown, at: string): string => textField(t, at, max);
  if (!isObject(value)) {
    if (typeof value === 'string') return one(value, name);
    throw new HttpError(422, `${name}: must be a string, or an object keyed by language ({"en": …, "es": …})`);
  }
  const keys = Object.keys(value);
  if (!keys.length) throw new HttpError(422, `${name}: write it in one language at least`);
  const text: Partial<Record<Lang, string>> = {};
  for (const key of keys) {
    if (!LANGS.includes(key as Lang)) throw new HttpError(422, `${name}: "${key.slice(0, 20)}" is not a language Touchpoint speaks (${LANGS.join(', ')})`);
    text[key as Lang] = one(value[key], `${name}.${key}`);
  }
  return text;
}

function instant(value: unknown, name: string): string {
  const ms = typeof value === 'string' && ISO.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new HttpError(422, `${name}: must be an ISO 8601 time with its offset, e.g. 2026-01-31T09:00:00Z`);
  return new Date(ms).toISOString();
}

function link(value: unknown): string | null {
  if (value === null) return null;
  let url: URL | null = null;
  try {
    url = typeof value === 'string' && value.length <= LINK_MAX ? new URL(value) : null;
  } catch {}
  if (!url || !/^https?:$/.test(url.protocol)) throw new HttpError(422, `link: must be null or an absolute http(s) URL of at most ${LINK_MAX} characters`);
  return url.href;
}

function touchpoints(value: unknown): string[] | null {
  if (value === null) return null;
  if (!Array.isArray(value) || !value.length || value.length > NOTICE_TOUCHPOINTS_MAX || !value.every((t) => typeof t === 'string' && TOUCHPOINT_PATTERN.test(t)))
    throw new HttpError(422, `touchpoints: must be null (all) or 1 to ${NOTICE_TOUCHPOINTS_MAX} touchpoint ids (A-Z a-z 0-9 . _ : -)`);
  return [...new Set(value as string[])];
}

/** The fields of a POST or PATCH body, each checked; `now` is what `startsAt: "now"` (or none, on create) means. */
function fields(b: Record<string, unknown>, now: string): NoticeChange {
  const unknown = Object.keys(b).filter((k) => !FIELDS.includes(k) && k !== 'resolvedAt');
  if (unknown.length) throw new HttpError(400, `unknown field ${JSON.stringify(unknown[0].slice(0, 40))}; a notice has ${FIELDS.join(', ')}`);
  const c: NoticeChange = {};
  if (b.severity !== undefined) {
    if (!SEVERITIES.includes(b.severity as Severity)) throw new HttpError(422, `severity: must be one of ${SEVERITIES.join(', ')}`);
    c.severity = b.severity as Severity;
  }
  if (b.title !== undefined) c.title = noticeText(b.title, 'title', TITLE_MAX);
  if (b.body !== undefined) c.body = noticeText(b.body, 'body', BODY_MAX);
  if (b.link !== undefined) c.link = link(b.link);
  if (b.touchpoints !== undefined) c.touchpoints = touchpoints(b.touchpoints);
  if (b.startsAt !== undefined) c.startsAt = b.startsAt === 'now' ? now : instant(b.startsAt, 'startsAt');
  if (b.endsAt !== undefined) c.endsAt = b.endsAt === null ? null : instant(b.endsAt, 'endsAt');
  return c;
}

/**
 * Notices: the owner tells customers about an incident at the touchpoints it affects
 * (`POST /api/notices`, `PATCH /api/notices/:id`, `POST /api/notices/:id/updates`), and
 * `<cx-status>` shows the active ones (`GET /api/status?touchpoint=`, public, with an ETag).
 */
export function noticesApi({ storage, auth }: { storage: Storage; auth: OwnerAuth }) {
  const actor = (req: IncomingMessage): Promise<Actor> => auth.actor(req);
  const body = (req: IncomingMessage) => readObject(req, BODY_BYTES);

  const notFound = () => new HttpError(404, 'no notice with that id');
  const noticeId = (id: string) => {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw notFound();
    return id;
  };

  /** Refusals decided against what is stored become their status; anything else is not ours to change. */
  async function refusing<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof NoticeRefused) throw new HttpError(error.status, error.message);
      throw error;
    }
  }

  return {
    /** `POST /api/notices`: a new notice, now or scheduled. */
    async create(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const who = await actor(req);
      const b = await body(req);
      if (b.resolvedAt !== undefined) throw new HttpError(400, 'a new notice is not resolved; resolve it with POST /api/notices/:id/updates {"body", "resolve": true}');
      const c = fields(b, who.at);
      if (!c.severity) throw new HttpError(422, `severity: must be one of ${SEVERITIES.join(', ')}`);
      if (!c.title) throw new HttpError(422, 'title: required');
      if (!c.body) throw new HttpError(422, 'body: required');
      const notice: NewNotice = {
        id: randomUUID(),
        severity: c.severity,
        title: c.title,
        body: c.body,
        link: c.link ?? null,
        touchpoints: c.touchpoints ?? null,
        startsAt: c.startsAt ?? who.at,
        endsAt: c.endsAt ?? null,
      };
      if (notice.endsAt !== null && Date.parse(notice.endsAt) <= Date.parse(notice.startsAt)) throw new HttpError(422, 'endsAt: must be later than startsAt');
      sendJson(res, 201, await storage.createNotice(notice, who));
    },

    /** `GET /api/notices?limit=`: the newest notices, each with how it felt (`impact`). */
    async list(req: IncomingMessage, res: ServerResponse, params: Params): Promise<void> {
      await auth.requireOwner(req);
      const notices = await storage.notices(limit(params, NOTICES_LIMIT));
      sendJson(res, 200, { notices: await storage.noticeImpacts(notices, {}) });
    },

    /** `GET /api/notices/:id`: one notice with its whole timeline and its impact. */
    async one(req: IncomingMessage, res: ServerResponse, _params: Params, match: RegExpExecArray): Promise<void> {
      await auth.requireOwner(req);
      const notice = await storage.notice(noticeId(match[1]));
      if (!notice) throw notFound();
      sendJson(res, 200, (await storage.noticeImpacts([notice], {}))[0]);
    },

    /** `PATCH /api/notices/:id`: any field; `{"resolvedAt": null}` reopens a resolved notice. */
    async change(req: IncomingMessage, res: ServerResponse, _params: Params, match: RegExpExecArray): Promise<void> {
      const who = await actor(req);
      const id = noticeId(match[1]);
      const b = await body(req);
      if (b.resolvedAt !== undefined && b.resolvedAt !== null)
        throw new HttpError(422, 'resolvedAt: only null (reopen); resolve with POST /api/notices/:id/updates {"body", "resolve": true}, its final update');
      const c = fields(b, who.at);
      if (b.resolvedAt === null) c.resolvedAt = null;
      if (!Object.keys(c).length) throw new HttpError(400, `send at least one of ${FIELDS.join(', ')}, resolvedAt`);
      const notice = await refusing(() => storage.changeNotice(id, c, who));
      if (!notice) throw notFound();
      sendJson(res, 200, notice);
    },

    /** `POST /api/notices/:id/updates` `{"body", "resolve"?}`: appended to the timeline; `resolve` closes the notice with it. */
    async addUpdate(req: IncomingMessage, res: ServerResponse, _params: Params, match: RegExpExecArray): Promise<void> {
      const who = await actor(req);
      const id = noticeId(match[1]);
      const b = await body(req);
      const extra = Object.keys(b).filter((k) => k !== 'body' && k !== 'resolve');
      if (extra.length) throw new HttpError(400, `unknown field ${JSON.stringify(extra[0].slice(0, 40))}; send "body" and, to close the notice with it, "resolve": true`);
      if (b.resolve !== undefined && typeof b.resolve !== 'boolean') throw new HttpError(422, 'resolve: must be true or false');
      const update = { at: who.at, body: noticeText(b.body, 'body', BODY_MAX) };
      const notice = await refusing(() => storage.addNoticeUpdate(id, update, b.resolve === true, who));
      if (!notice) throw notFound();
      sendJson(res, 201, notice);
    },

    /**
     * `GET /api/status?touchpoint=`: the notices active now at that touchpoint (every active
     * notice without one), most urgent first, each with its latest update only. Public, with an
     * `ETag` and a short `Cache-Control`, so polling costs a 304.
     */
    async status(req: IncomingMessage, res: ServerResponse, params: Params): Promise<void> {
      const touchpoint = param(params, 'touchpoint');
      if (touchpoint !== undefined && !TOUCHPOINT_PATTERN.test(touchpoint)) throw new HttpError(400, 'touchpoint: must be 1-64 characters of A-Z a-z 0-9 . _ : -');
      const now = Date.now();
      const notices = (await storage.activeNotices(now))
        .filter((n) => isActive(n, now, touchpoint))
        .sort(byUrgency)
        .map((n): Notice => ({ ...n, updates: n.updates.slice(-1) }));
      const page: StatusPage = { notices };
      sendPublicJson(req, res, page);
    },
  };
}
