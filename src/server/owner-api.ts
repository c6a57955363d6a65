import type { IncomingMessage, ServerResponse } from 'node:http';
import { EMOTIONS, isObject, TOUCHPOINT_PATTERN, UUID_PATTERN } from '../core/answer.js';
import { EFFORT_BANDS, NOTE_MAX, STATES, WITHHELD_NOTE_MAX, WITHHELD_REASONS, type InboxPage, type State, type TouchpointNames, type WithheldReason } from '../core/inbox.js';
import type { OwnerAuth } from './auth.js';
import { encodeCursor } from './cursor.js';
import { exportInbox } from './export.js';
import { HttpError, readObject, sendJson, textField as text } from './http.js';
import { before, limit, oneOf, param, period } from './params.js';
import { searchTokens, type InboxQuery } from './storage/inbox-query.js';
import { ReplyConflict, type Actor, type Change, type Storage } from './storage/storage.js';

export const INBOX_LIMIT = { default: 50, max: 200 };
export const AUDIT_LIMIT = { default: 50, max: 200 };
export const REPLY_MAX = 2000;
/** Answers one bulk change may name. */
export const BULK_MAX = 500;
const BODY_BYTES = 64 * 1024;
const SEARCH_MAX = 200;

type Params = URLSearchParams;

/**
 * The owner's API: the inbox (`GET /api/inbox`), triage and moderation (`PATCH /api/feedback/:id`),
 * notes, the public reply, the audit log and exports. Every handler admits only the owner
 * (`auth.requireOwner`: bearer token, or the session cookie from the collector's own origin) and
 * records who did what. There is no way to withhold a rating, or to withhold by score: withholding
 * takes one answer's comment off the public wall, for a reason about what it says.
 */
export function ownerApi({ storage, auth, names }: { storage: Storage; auth: OwnerAuth; names: TouchpointNames }) {
  const actor = (req: IncomingMessage): Promise<Actor> => auth.actor(req);
  const body = (req: IncomingMessage) => readObject(req, BODY_BYTES);

  function query(params: Params, pageSize: number): InboxQuery {
    const touchpoint = param(params, 'touchpoint');
    if (touchpoint !== undefined && !TOUCHPOINT_PATTERN.test(touchpoint)) throw new HttpError(400, 'touchpoint: must be 1-64 characters of A-Z a-z 0-9 . _ : -');
    const q = param(params, 'q');
    if (q !== undefined && q.length > SEARCH_MAX) throw new HttpError(400, `q: at most ${SEARCH_MAX} characters`);
    const { since, until } = period(params);
    return {
      state: oneOf(params, 'state', STATES),
      touchpoint,
      emotion: oneOf(params, 'emotion', EMOTIONS),
      effort: oneOf(params, 'effort', EFFORT_BANDS),
      comment: oneOf(params, 'comment', ['with', 'without'] as const),
      words: q === undefined ? undefined : searchTokens(q),
      since: since?.ms,
      until: until?.ms,
      before: before(params),
      limit: pageSize,
    };
  }

  const notFound = () => new HttpError(404, 'no answer with that id');

  /** The answer ids in a path or a bulk body: the UUIDs the widget made. */
  function answerId(id: string): string {
    if (!UUID_PATTERN.test(id)) throw new HttpError(400, 'id: must be the UUID of an answer');
    return id;
  }


  /** A change from a PATCH body: `state` and/or `withheld`, nothing else (there is nothing to set on a rating). */
  function changeOf(b: Record<string, unknown>, allowed: readonly string[]): Change {
    const unknown = Object.keys(b).filter((k) => !allowed.includes(k));
    if (unknown.length) throw new HttpError(400, `unknown field ${JSON.stringify(unknown[0])}: send "state" and/or "withheld"`);
    if (b.state === undefined && b.withheld === undefined) throw new HttpError(400, 'send "state" and/or "withheld"');
    const change: Change = {};
    if (b.state !== undefined) {
      if (!STATES.includes(b.state as State)) throw new HttpError(422, `state: must be one of ${STATES.join(', ')}`);
      change.state = b.state as State;
    }
    if (b.withheld === null) change.withheld = null;
    else if (b.withheld !== undefined) {
      const w = b.withheld;
      if (!isObject(w)) throw new HttpError(422, 'withheld: must be null or {"reason", "note"?}');
      const extra = Object.keys(w).filter((k) => k !== 'reason' && k !== 'note');
      if (extra.length) throw new HttpError(422, `withheld: unknown field ${JSON.stringify(extra[0])}; a comment is withheld for a reason about what it says, never for its score`);
      if (!WITHHELD_REASONS.includes(w.reason as WithheldReason)) throw new HttpError(422, `withheld.reason: must be one of ${WITHHELD_REASONS.join(', ')}`);
      const note = w.note === undefined || w.note === null || (typeof w.note === 'string' && !w.note.trim()) ? null : text(w.note, 'withheld.note', WITHHELD_NOTE_MAX);
      if (w.reason === 'other' && note === null) throw new HttpError(422, 'withheld.note: say why, when the reason is "other"');
      change.withheld = { reason: w.reason as WithheldReason, note };
    }
    return change;
  }

  return {
    /** `GET /api/inbox?…`: a page of answers with the owner's work on them, newest first, and the counts per state. */
    async inbox(req: IncomingMessage, res: ServerResponse, params: Params): Promise<void> {
      await auth.requireOwner(req);
      const q = query(params, limit(params, INBOX_LIMIT));
      // One more than asked tells whether there is a next page.
      const [{ items, counts, countsExact }, touchpoints] = await Promise.all([storage.inbox({ ...q, limit: q.limit + 1 }), storage.touchpoints()]);
      const page: InboxPage = { items: items.slice(0, q.limit), next: null, counts, countsExact, names, touchpoints };
      if (items.length > q.limit) {
        const end = page.items[q.limit - 1];
        page.next = encodeCursor({ ms: Date.parse(end.createdAt), id: end.id });
      }
      sendJson(res, 200, page);
    },

    /** `GET /api/inbox/:id`: one answer (the journey map links to it). */
    async item(req: IncomingMessage, res: ServerResponse, _params: Params, match: RegExpExecArray): Promise<void> {
      await auth.requireOwner(req);
      const item = await storage.inboxItem(answerId(match[1]));
      if (!item) throw notFound();
      sendJson(res, 200, item);
    },

    /** `GET /api/inbox/export?format=csv|ndjson&…`: every answer of the filtered view, as a download. */
    async exportView(req: IncomingMessage, res: ServerResponse, params: Params): Promise<void> {
      await auth.requireOwner(req);
      const format = oneOf(params, 'format', ['csv', 'ndjson'] as const);
      if (!format) throw new HttpError(400, 'format: must be one of csv, ndjson');
      await exportInbox(req, res, storage, query(params, 500), format);
    },

    /** `PATCH /api/feedback/:id` `{"state"?, "withheld"?}`. */
    async change(req: IncomingMessage, res: ServerResponse, _params: Params, match: RegExpExecArray): Promise<void> {
      const who = await actor(req);
      const id = answerId(match[1]);
      const [item] = await storage.change([id], changeOf(await body(req), ['state', 'withheld']), who);
      if (!item) throw notFound();
      sendJson(res, 200, item);
    },

    /** `PATCH /api/feedback` `{"ids": […], "state"?, "withheld"?}`: one change to many answers, in one transaction. */
    async changeMany(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const who = await actor(req);
      const b = await body(req);
      if (!Array.isArray(b.ids) || b.ids.length < 1 || b.ids.length > BULK_MAX || !b.ids.every((id) => typeof id === 'string' && UUID_PATTERN.test(id)))
        throw new HttpError(400, `ids: must be 1 to ${BULK_MAX} answer ids`);
      const ids = b.ids as string[];
      const items = await storage.change(ids, changeOf(b, ['ids', 'state', 'withheld']), who);
      const found = new Set(items.map((i) => i.id.toLowerCase()));
      sendJson(res, 200, { items, missing: ids.filter((id) => !found.has(id.toLowerCase())) });
    },

    /** `POST /api/feedback/:id/notes` `{"text"}`: a private note, for the team only. */
    async addNote(req: IncomingMessage, res: ServerResponse, _params: Params, match: RegExpExecArray): Promise<void> {
      const who = await actor(req);
      const id = answerId(match[1]);
      const item = await storage.addNote(id, text((await body(req)).text, 'text', NOTE_MAX), who);
      if (!item) throw notFound();
      sendJson(res, 201, item);
    },

    /**
     * `POST /api/feedback/:id/reply` `{"text", "version"?}`: writes or edits the public reply. With
     * `version` (the one the owner edited; 0: there was none), a reply changed meanwhile is a 409
     * carrying the current item, so a second editor never silently overwrites the first.
     */
    async reply(req: IncomingMessage, res: ServerResponse, _params: Params, match: RegExpExecArray): Promise<void> {
      const who = await actor(req);
      const id = answerId(match[1]);
      const b = await body(req);
      const reply = text(b.text, 'text', REPLY_MAX);
      if (b.version !== undefined && !(Number.isSafeInteger(b.version) && (b.version as number) >= 0))
        throw new HttpError(422, 'version: must be the reply\'s "version" (0 when there was none)');
      try {
        const item = await storage.reply(id, reply, who, b.version as number | undefined);
        if (!item) throw notFound();
        sendJson(res, 200, item);
      } catch (error) {
        if (!(error instanceof ReplyConflict)) throw error;
        sendJson(res, 409, { error: error.message, current: error.current });
      }
    },

    /** `DELETE /api/feedback/:id/reply`: the reply leaves the wall; its text stays in the history. */
    async deleteReply(req: IncomingMessage, res: ServerResponse, _params: Params, match: RegExpExecArray): Promise<void> {
      const who = await actor(req);
      const item = await storage.deleteReply(answerId(match[1]), who);
      if (!item) throw notFound();
      sendJson(res, 200, item);
    },

    /** `GET /api/audit?before=&limit=`: who did what to which answer, newest first. */
    async audit(req: IncomingMessage, res: ServerResponse, params: Params): Promise<void> {
      await auth.requireOwner(req);
      const raw = param(params, 'before');
      if (raw !== undefined && !/^[1-9]\d{0,15}$/.test(raw)) throw new HttpError(400, 'before: must be a cursor from a previous page\'s "next"');
      const count = limit(params, AUDIT_LIMIT);
      const entries = await storage.audit({ before: raw === undefined ? undefined : Number(raw), limit: count + 1 });
      const items = entries.slice(0, count);
      sendJson(res, 200, { items: items.map(({ seq: _, ...e }) => e), next: entries.length > count ? String(items.at(-1)!.seq) : null });
    },
  };
}
