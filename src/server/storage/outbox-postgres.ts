import type { PoolClient } from 'pg';
import type { Answer } from '../../core/answer.js';
import { answerCreated, event, wants, type WebhookEvent } from '../outbox/events.js';
import { momentsOf, MOMENT_WINDOW_DAYS } from '../outbox/moments.js';
import { claimedOf, deliveryOf, DELIVERY_COLUMNS, payloadOf, webhookOf, type ClaimedRow, type DeliveryRow, type Outbox, type WebhookRecord, type WebhookRow } from './outbox.js';
import { dayOf, numbered, SUMMARY_SQL, type SumsRecord } from './rollup.js';

/** The outbox's tables: an answer's events go with it (`ON DELETE CASCADE`), deliveries with their event and target. */
export const OUTBOX_MIGRATION = {
  name: 'webhook outbox',
  sql: `
    CREATE TABLE webhooks (
      id         text COLLATE "C" PRIMARY KEY,
      url        text NOT NULL,
      events     text NOT NULL,
      format     text NOT NULL,
      filter     text NOT NULL,
      secret     text NOT NULL,
      created_at text COLLATE "C" NOT NULL
    );
    CREATE TABLE webhook_events (
      id         text COLLATE "C" PRIMARY KEY,
      type       text NOT NULL,
      payload    text NOT NULL,
      answer_id  text COLLATE "C" REFERENCES answers (id) ON DELETE CASCADE,
      created_ms bigint NOT NULL
    );
    CREATE INDEX webhook_events_answer ON webhook_events (answer_id) WHERE answer_id IS NOT NULL;
    CREATE TABLE webhook_deliveries (
      id           bigserial PRIMARY KEY,
      event_id     text COLLATE "C" NOT NULL REFERENCES webhook_events (id) ON DELETE CASCADE,
      webhook_id   text COLLATE "C" NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
      state        text NOT NULL DEFAULT 'pending',
      attempts     integer NOT NULL DEFAULT 0,
      created_ms   bigint NOT NULL,
      next_ms      bigint NOT NULL,
      lease_ms     bigint NOT NULL DEFAULT 0,
      last_at      text,
      last_status  integer,
      last_error   text,
      delivered_at text
    );
    CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_ms) WHERE state = 'pending';
    CREATE INDEX webhook_deliveries_target ON webhook_deliveries (webhook_id, id DESC);
    CREATE INDEX webhook_deliveries_event ON webhook_deliveries (event_id);
    CREATE TABLE moments (touchpoint text COLLATE "C" PRIMARY KEY, active boolean NOT NULL, changed_at text NOT NULL);
    CREATE TABLE digests (day text COLLATE "C" PRIMARY KEY, event_id text NOT NULL, created_at text NOT NULL);`,
};

type Using = <T>(tx: boolean, work: (client: PoolClient) => Promise<T>) => Promise<T>;

/**
 * The outbox on PostgreSQL. `onInsert` runs inside the answers' insert transaction. Several
 * collectors share the deliveries: each claims due ones with `FOR UPDATE SKIP LOCKED` and a
 * lease, so an event goes out once in the normal case, and again only after a lease ran out.
 */
export function postgresOutbox(using: Using) {
  const targetsOf = async (client: PoolClient) => (await client.query<WebhookRow>('SELECT * FROM webhooks ORDER BY created_at, id')).rows.map(webhookOf);

  /**
   * Writes events and their deliveries to the targets that want them: two statements however many
   * (a batch of answers costs two round trips, not two per answer).
   */
  async function writeAll(client: PoolClient, events: readonly WebhookEvent[], targets: WebhookRecord[], nowMs: number): Promise<number> {
    const wanted = events.map((e) => ({ e, to: targets.filter((t) => wants(t, e)) })).filter((w) => w.to.length);
    if (!wanted.length) return 0;
    await client.query(
      'INSERT INTO webhook_events (id, type, payload, answer_id, created_ms) SELECT id, type, payload, answer_id, $5 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS e(id, type, payload, answer_id)',
      [wanted.map((w) => w.e.id), wanted.map((w) => w.e.type), wanted.map((w) => payloadOf(w.e)), wanted.map((w) => w.e.answerId ?? null), nowMs],
    );
    const pairs = wanted.flatMap((w) => w.to.map((t) => [w.e.id, t.id]));
    await client.query('INSERT INTO webhook_deliveries (event_id, webhook_id, created_ms, next_ms) SELECT event_id, webhook_id, $3, $3 FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS d(event_id, webhook_id, n) ORDER BY n', [
      pairs.map((p) => p[0]),
      pairs.map((p) => p[1]),
      nowMs,
    ]);
    return pairs.length;
  }
  const write = (client: PoolClient, e: WebhookEvent, targets: WebhookRecord[], nowMs: number) => writeAll(client, [e], targets, nowMs);

  async function onInsert(client: PoolClient, added: readonly Answer[], nowMs: number): Promise<number> {
    if (!added.length) return 0;
    const targets = await targetsOf(client);
    if (!targets.length) return 0;
    let written = await writeAll(client, added.map((a) => answerCreated(a, nowMs)), targets, nowMs);
    if (targets.some((t) => t.events.some((e) => e.startsWith('moment_of_truth.')))) {
      const today = dayOf(nowMs);
      const { rows: sums } = await client.query<SumsRecord>(numbered(SUMMARY_SQL.daySums), [today - MOMENT_WINDOW_DAYS + 1, today + 1]);
      for (const m of momentsOf(sums, new Set(added.map((a) => a.touchpoint)), nowMs)) {
        // The row is the lock: two collectors deciding the same touchpoint's change take turns.
        await client.query('INSERT INTO moments (touchpoint, active, changed_at) VALUES ($1, false, $2) ON CONFLICT DO NOTHING', [m.touchpoint, new Date(nowMs).toISOString()]);
        const { rows } = await client.query<{ active: boolean }>('SELECT active FROM moments WHERE touchpoint = $1 FOR UPDATE', [m.touchpoint]);
        if (rows[0].active === m.active) continue;
        await client.query('UPDATE moments SET active = $2, changed_at = $3 WHERE touchpoint = $1', [m.touchpoint, m.active, new Date(nowMs).toISOString()]);
        written += await write(client, event(m.active ? 'moment_of_truth.started' : 'moment_of_truth.ended', m.data, nowMs), targets, nowMs);
      }
    }
    return written;
  }

  const outbox: Outbox = {
    createWebhook: (t) =>
      using(false, async (client) => {
        await client.query('INSERT INTO webhooks (id, url, events, format, filter, secret, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [t.id, t.url, JSON.stringify(t.events), t.format, t.filter, t.secret, t.createdAt]);
      }),
    webhooks: () => using(false, targetsOf),
    updateWebhook: (id, patch) =>
      using(true, async (client) => {
        const { rows } = await client.query<WebhookRow>('SELECT * FROM webhooks WHERE id = $1 FOR UPDATE', [id]);
        if (!rows.length) return null;
        const next = { ...webhookOf(rows[0]), ...patch };
        await client.query('UPDATE webhooks SET url = $1, events = $2, format = $3, filter = $4 WHERE id = $5', [next.url, JSON.stringify(next.events), next.format, next.filter, id]);
        return next;
      }),
    deleteWebhook: (id) => using(false, async (client) => ((await client.query('DELETE FROM webhooks WHERE id = $1', [id])).rowCount ?? 0) > 0),
    enqueue: (e, nowMs, only) => using(true, async (client) => write(client, e, (await targetsOf(client)).filter((t) => only === undefined || t.id === only), nowMs)),
    enqueueDigest: (day, e, nowMs) =>
      using(true, async (client) => {
        const { rowCount } = await client.query('INSERT INTO digests (day, event_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [day, e.id, new Date(nowMs).toISOString()]);
        if (!rowCount) return false;
        await write(client, e, await targetsOf(client), nowMs);
        return true;
      }),
    claim: (nowMs, limit, leaseUntilMs) =>
      using(true, async (client) => {
        const { rows } = await client.query<ClaimedRow>(
          `WITH due AS (
             SELECT id FROM webhook_deliveries WHERE state = 'pending' AND next_ms <= $1 AND lease_ms <= $1
             ORDER BY next_ms, id LIMIT $2 FOR UPDATE SKIP LOCKED
           ), leased AS (
             UPDATE webhook_deliveries d SET lease_ms = $3 FROM due WHERE d.id = due.id
             RETURNING d.id, d.attempts, d.created_ms, d.event_id, d.webhook_id, d.next_ms
           )
           SELECT l.id AS delivery_id, l.attempts, l.created_ms, e.id AS event_id, e.type, e.payload, e.answer_id, w.*
           FROM leased l JOIN webhook_events e ON e.id = l.event_id JOIN webhooks w ON w.id = l.webhook_id
           ORDER BY l.next_ms, l.id`,
          [nowMs, limit, leaseUntilMs],
        );
        return rows.map(claimedOf);
      }),
    settle: (id, o) =>
      using(false, async (client) => {
        const at = new Date(o.atMs).toISOString();
        if (o.delivered)
          await client.query("UPDATE webhook_deliveries SET state = 'delivered', attempts = attempts + 1, lease_ms = 0, last_at = $1, last_status = $2, last_error = NULL, delivered_at = $1 WHERE id = $3", [at, o.status, id]);
        else
          await client.query('UPDATE webhook_deliveries SET state = $1, attempts = attempts + 1, lease_ms = 0, next_ms = $2, last_at = $3, last_status = $4, last_error = $5 WHERE id = $6', [
            o.retryAtMs === null ? 'failed' : 'pending',
            o.retryAtMs ?? 0,
            at,
            o.status,
            o.error,
            id,
          ]);
      }),
    settleAll: (settled) =>
      using(true, async (client) => {
        if (!settled.length) return;
        const o = settled.map((s) => s.outcome);
        await client.query(
          `UPDATE webhook_deliveries d SET
             state = CASE WHEN u.delivered THEN 'delivered' WHEN u.retry_ms IS NULL THEN 'failed' ELSE 'pending' END,
             attempts = d.attempts + 1, lease_ms = 0,
             next_ms = CASE WHEN u.delivered THEN d.next_ms ELSE coalesce(u.retry_ms, 0) END,
             last_at = u.at, last_status = u.status, last_error = u.error,
             delivered_at = CASE WHEN u.delivered THEN u.at ELSE d.delivered_at END
           FROM unnest($1::bigint[], $2::boolean[], $3::integer[], $4::text[], $5::text[], $6::bigint[]) AS u(id, delivered, status, error, at, retry_ms)
           WHERE d.id = u.id`,
          [
            settled.map((s) => s.id),
            o.map((x) => x.delivered),
            o.map((x) => x.status),
            o.map((x) => (x.delivered ? null : x.error)),
            o.map((x) => new Date(x.atMs).toISOString()),
            o.map((x) => (x.delivered ? null : x.retryAtMs)),
          ],
        );
      }),
    deliveries: (webhookId, limit) =>
      using(false, async (client) =>
        (await client.query<DeliveryRow>(`SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id WHERE d.webhook_id = $1 ORDER BY d.id DESC LIMIT $2`, [webhookId, limit])).rows.map(deliveryOf),
      ),
    redeliver: (webhookId, deliveryId, nowMs) =>
      using(false, async (client) => {
        if (!/^\d{1,15}$/.test(deliveryId)) return false;
        const { rowCount } = await client.query("UPDATE webhook_deliveries SET state = 'pending', next_ms = $1, created_ms = $1, lease_ms = 0 WHERE webhook_id = $2 AND id = $3", [nowMs, webhookId, deliveryId]);
        return (rowCount ?? 0) > 0;
      }),
    withheldAmong: (ids) =>
      using(false, async (client) => {
        if (!ids.length) return new Set<string>();
        const { rows } = await client.query<{ id: string }>('SELECT id FROM answers WHERE id = ANY($1::text[]) AND withheld_reason IS NOT NULL', [ids.map((i) => i.toLowerCase())]);
        return new Set(rows.map((r) => r.id));
      }),
    prune: (beforeMs) =>
      using(false, async (client) => {
        const a = await client.query("DELETE FROM webhook_deliveries WHERE state <> 'pending' AND created_ms < $1", [beforeMs]);
        const b = await client.query('DELETE FROM webhook_events e WHERE created_ms < $1 AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id)', [beforeMs]);
        return (a.rowCount ?? 0) + (b.rowCount ?? 0);
      }),
  };
  /** Inside another change's transaction (a notice): writes its event for the targets that want it. */
  const emit = async (client: PoolClient, e: WebhookEvent, nowMs: number): Promise<number> => write(client, e, await targetsOf(client), nowMs);
  return { outbox, onInsert, emit };
}
