import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OwnerAuth } from './auth.js';
import { HttpError, readObject, sendJson } from './http.js';
import type { dispatcher } from './outbox/dispatcher.js';
import { event, newSecret, WEBHOOK_EVENTS, WEBHOOK_FILTERS, WEBHOOK_FORMATS, type WebhookFilter, type WebhookFormat, type WebhookTarget } from './outbox/events.js';
import { isPrivateHost } from './outbox/private-address.js';
import { limit } from './params.js';
import type { WebhookPatch, WebhookRecord } from './storage/outbox.js';
import type { Storage } from './storage/storage.js';

type Params = URLSearchParams;
const BODY_BYTES = 16 * 1024;
const URL_MAX = 2000;
export const DELIVERIES_LIMIT = { default: 50, max: 200 };
/** How long `POST /api/webhooks/:id/test` waits for the attempt before answering 202. */
const TEST_WAIT_MS = 12_000;

const shown = ({ secret: _, ...target }: WebhookRecord): WebhookTarget => target;

/**
 * The owner's webhook targets (`/api/webhooks`): create (the secret is shown once), list, change,
 * delete, test, and the deliveries with their last attempt, which can be sent again.
 */
export function webhooksApi({ storage, auth, dispatch, allowPrivate, now = Date.now }: { storage: Storage; auth: OwnerAuth; dispatch: ReturnType<typeof dispatcher>; allowPrivate: boolean; now?: () => number }) {
  const body = (req: IncomingMessage) => readObject(req, BODY_BYTES);

  function url(value: unknown): string {
    const text = typeof value === 'string' ? value.trim() : '';
    const parsed = text.length <= URL_MAX && URL.canParse(text) ? new URL(text) : null;
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) throw new HttpError(422, 'url: must be an http or https URL');
    if (parsed.username || parsed.password) throw new HttpError(422, 'url: must not carry a user name or password');
    if (!allowPrivate && isPrivateHost(parsed.hostname)) throw new HttpError(422, 'url: is a loopback or private address; set TOUCHPOINT_WEBHOOK_ALLOW_PRIVATE=1 to allow it');
    return parsed.href;
  }

  function patchOf(b: Record<string, unknown>, creating: boolean): WebhookPatch {
    const unknown = Object.keys(b).filter((k) => !['url', 'events', 'format', 'filter'].includes(k));
    if (unknown.length) throw new HttpError(400, `unknown field ${JSON.stringify(unknown[0])}: send url, events, format, filter`);
    const patch: WebhookPatch = {};
    if (creating || b.url !== undefined) patch.url = url(b.url);
    if (creating || b.events !== undefined) {
      const events = b.events;
      if (!Array.isArray(events) || !events.length || !events.every((e) => WEBHOOK_EVENTS.includes(e as never)))
        throw new HttpError(422, `events: must be a non-empty list of ${WEBHOOK_EVENTS.join(', ')}`);
      patch.events = [...new Set(events as WebhookTarget['events'])];
    }
    if (b.format !== undefined || creating) {
      const format = b.format ?? 'standard';
      if (!WEBHOOK_FORMATS.includes(format as WebhookFormat)) throw new HttpError(422, `format: must be ${WEBHOOK_FORMATS.join(' or ')}`);
      patch.format = format as WebhookFormat;
    }
    if (b.filter !== undefined || creating) {
      const filter = b.filter ?? 'all';
      if (!WEBHOOK_FILTERS.includes(filter as WebhookFilter)) throw new HttpError(422, `filter: must be ${WEBHOOK_FILTERS.join(' or ')}`);
      patch.filter = filter as WebhookFilter;
    }
    return patch;
  }

  const notFound = () => new HttpError(404, 'no webhook with that id');

  return {
    /** `POST /api/webhooks`: `201` with the target and its `secret`, shown this once. */
    async create(req: IncomingMessage, res: ServerResponse): Promise<void> {
      await auth.requireOwner(req);
      const patch = patchOf(await body(req), true) as Required<WebhookPatch>;
      const target: WebhookRecord = { id: randomUUID(), ...patch, createdAt: new Date().toISOString(), secret: newSecret() };
      await storage.outbox.createWebhook(target);
      sendJson(res, 201, target);
    },

    async list(req: IncomingMessage, res: ServerResponse): Promise<void> {
      await auth.requireOwner(req);
      sendJson(res, 200, { items: (await storage.outbox.webhooks()).map(shown) });
    },

    async change(req: IncomingMessage, res: ServerResponse, _params: Params, match: RegExpExecArray): Promise<void> {
      await auth.requireOwner(req);
      const patch = patchOf(await body(req), false);
      if (!Object.keys(patch).length) throw new HttpError(400, 'send url, events, format and/or filter');
      const target = await storage.outbox.updateWebhook(match[1], patch);
      if (!target) throw notFound();
      sendJson(res, 200, shown(target));
    },

    async remove(req: IncomingMessage, res: ServerResponse, _params: Params, match: RegExpExecArray): Promise<void> {
      await auth.requireOwner(req);
      if (!(await storage.outbox.deleteWebhook(match[1]))) throw notFound();
      res.writeHead(204, { 'Cache-Control': 'no-store' }).end();
    },

    /** `POST /api/webhooks/:id/test`: a signed `webhook.test` event through the outbox; `200` with the first attempt, or `202` while it is still on its way. */
    async test(req: IncomingMessage, res: ServerResponse, _params: Params, match: RegExpExecArray): Promise<void> {
      await auth.requireOwner(req);
      const e = event('webhook.test', { message: 'A test event from Touchpoint: this target receives and verifies webhooks.' }, now());
      const outcome = dispatch.outcomeOf(e.id, TEST_WAIT_MS);
      if (!(await storage.outbox.enqueue(e, now(), match[1]))) throw notFound();
      dispatch.wake();
      const result = await outcome;
      if (!result) return sendJson(res, 202, { eventId: e.id, delivered: null });
      sendJson(res, 200, { eventId: e.id, delivered: result.delivered, status: result.status, error: result.delivered ? null : result.error });
    },

    async deliveries(req: IncomingMessage, res: ServerResponse, params: Params, match: RegExpExecArray): Promise<void> {
      await auth.requireOwner(req);
      const count = limit(params, DELIVERIES_LIMIT);
      if (!(await storage.outbox.webhooks()).some((t) => t.id === match[1])) throw notFound();
      sendJson(res, 200, { items: await storage.outbox.deliveries(match[1], count) });
    },

    async redeliver(req: IncomingMessage, res: ServerResponse, _params: Params, match: RegExpExecArray): Promise<void> {
      await auth.requireOwner(req);
      if (!(await storage.outbox.redeliver(match[1], match[2], now()))) throw new HttpError(404, 'no such delivery for that webhook');
      dispatch.wake();
      sendJson(res, 202, { queued: true });
    },
  };
}
