import type { PoolClient } from 'pg';
import type { Answer } from '../../core/answer.js';
import { answerCreated, event, wants, wantsMoments, type WebhookEvent } from '../outbox/events.js';
import { momentsOf, MOMENT_WINDOW_DAYS } from '../outbox/moments.js';
import { CLAIMED_COLUMNS, claimedOf, deliveryOf, DELIVERY_COLUMNS, payloadOf, webhookOf, type ClaimedRow, type DeliveryRow, type Outbox, type WebhookRecord, type WebhookRow } from './outbox.js';
import { dayOf, numbered, SUMMARY_SQL, type SumsRecord } from './rollup.js';

/**
 * The outbox's tables. `webhook_marks` holds the answers ingest marked for `answer.created` (a
 * row appended by the answers' own insert statement; the answer row is never updated for it). An
 * `answer.created` delivery has no event row (its body is the stored answer); forgetting an
 * answer forgets its deliveries (a trigger: a foreign key would check the answer on every
 * insert), deleting a target its deliveries.
 */
export const OUTBOX_MIGRATION = {
  name: 'webhook outbox',
  sql: `
    CREATE TABLE webhook_marks (seq bigserial PRIMARY KEY, answer_id text COLLATE "C" NOT NULL);
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
      created_ms bigint NOT NULL
    );
    CREATE TABLE webhook_deliveries (
      id           bigserial PRIMARY KEY,
      event_id     text COLLATE "C" NOT NULL,
      type         text NOT NULL,
      answer_id    text COLLATE "C",
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
    CREATE INDEX webhook_deliveries_answer ON webhook_deliveries (answer_id) WHERE answer_id IS NOT NULL;
    CREATE INDEX webhook_deliveries_created ON webhook_deliveries (created_ms);
    -- The deliveries of stored events (not answers'): few, for pruning events no delivery needs.
    CREATE INDEX webhook_deliveries_event ON webhook_deliveries (event_id) WHERE answer_id IS NULL;
    CREATE FUNCTION answers_forget_deliveries() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN DELETE FROM webhook_deliveries WHERE answer_id = old.id; RETURN NULL; END $$;
    CREATE TRIGGER answers_forget_deliveries AFTER DELETE ON answers FOR EACH ROW EXECUTE FUNCTION answers_forget_deliveries();
    CREATE TABLE moments (touchpoint text COLLATE "C" PRIMARY KEY, active boolean NOT NULL, changed_at text NOT NULL);
    CREATE TABLE digests (day text COLLATE "C" PRIMARY KEY, event_id text NOT NULL, created_at text NOT NULL);`,
};

type Using = <T>(tx: boolean, work: (client: PoolClient) => Promise<T>) => Promise<T>;

/**
 * The outbox on PostgreSQL. Inside the answers' insert transaction, the collector reads `targets`,
 * marks the answers a target wants (in `INSERT_ANSWERS` itself) and calls `onInsert`. Several
 * collectors share the deliveries: each claims due ones with `FOR UPDATE SKIP LOCKED` and a
 * lease, so an event goes out once in the normal case, and again only after a lease ran out.
 */
export function postgresOutbox(using: Using) {
  const targetsOf = async (client: PoolClient) => (await client.query<WebhookRow>('SELECT * FROM webhooks ORDER BY created_at, id')).rows.map(webhookOf);

  /**
   * Writes events' deliveries to the targets that want them, due at `nowMs`, and the bodies of
   * those that are not a stored answer: at most two statements however many events.
   */
  async function writeAll(client: PoolClient, events: readonly WebhookEvent[], targets: WebhookRecord[], nowMs: number): Promise<number> {
    const wanted = events.map((e) => ({ e, to: targets.filter((t) => wants(t, e)) })).filter((w) => w.to.length);
    if (!wanted.length) return 0;
    const stored = wanted.filter((w) => !w.e.answerId);
    if (stored.length)
      await client.query('INSERT INTO webhook_events (id, type, payload, created_ms) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[])', [
        stored.map((w) => w.e.id),
        stored.map((w) => w.e.type),
        stored.map((w) => payloadOf(w.e)),
        stored.map((w) => Date.parse(w.e.timestamp)),
      ]);
    const pairs = wanted.flatMap((w) => w.to.map((t) => ({ e: w.e, t })));
    await client.query(
      `INSERT INTO webhook_deliveries (event_id, type, answer_id, webhook_id, created_ms, next_ms)
       SELECT event_id, type, answer_id, webhook_id, created_ms, $6
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[]) WITH ORDINALITY AS d(event_id, type, answer_id, webhook_id, created_ms, n) ORDER BY n`,
      [pairs.map((p) => p.e.id), pairs.map((p) => p.e.type), pairs.map((p) => p.e.answerId ?? null), pairs.map((p) => p.t.id), pairs.map((p) => Date.parse(p.e.timestamp)), nowMs],
    );
    return pairs.length;
  }
  const write = (client: PoolClient, e: WebhookEvent, targets: WebhookRecord[], nowMs: number) => writeAll(client, [e], targets, nowMs);

  /** Inside the insert transaction, after the answers: moments of truth that started or ended. */
  async function onInsert(client: PoolClient, added: readonly Answer[], nowMs: number, targets: WebhookRecord[]): Promise<number> {
    if (!added.length || !targets.some(wantsMoments)) return 0;
    let written = 0;
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
    return written;
  }

  /**
   * Marked answers become deliveries as the dispatcher claims them, a claim's worth at a time
   * (ingest pays for a mark, the dispatcher for the rows, at the pace it sends), each mark by one
   * collector. A mark whose answer was forgotten since goes without a delivery.
   */
  async function deliverMarked(client: PoolClient, nowMs: number, limit: number): Promise<void> {
    const { rows } = await client.query<{ body: string; received_ms: string }>(
      `WITH picked AS (
         DELETE FROM webhook_marks WHERE seq IN (SELECT seq FROM webhook_marks ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED) RETURNING seq, answer_id
       )
       SELECT a.body, a.received_ms FROM picked JOIN answers a ON a.id = picked.answer_id ORDER BY picked.seq`,
      [limit],
    );
    // Targets as they are now: one added or changed since the answer arrived counts.
    if (rows.length) await writeAll(client, rows.map((r) => answerCreated(JSON.parse(r.body) as Answer, Number(r.received_ms))), await targetsOf(client), nowMs);
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
        await deliverMarked(client, nowMs, limit);
        const { rows } = await client.query<ClaimedRow>(
          `WITH due AS (
             SELECT id FROM webhook_deliveries WHERE state = 'pending' AND next_ms <= $1 AND lease_ms <= $1
             ORDER BY next_ms, id LIMIT $2 FOR UPDATE SKIP LOCKED
           ), leased AS (
             UPDATE webhook_deliveries d SET lease_ms = $3 FROM due WHERE d.id = due.id
             RETURNING d.id, d.attempts, d.created_ms, d.event_id, d.type, d.answer_id, d.webhook_id, d.next_ms
           )
           SELECT d.id AS delivery_id, ${CLAIMED_COLUMNS}, w.*
           FROM leased d JOIN webhooks w ON w.id = d.webhook_id
           LEFT JOIN answers a ON a.id = d.answer_id LEFT JOIN webhook_events e ON d.answer_id IS NULL AND e.id = d.event_id
           ORDER BY d.next_ms, d.id`,
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
        (await client.query<DeliveryRow>(`SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d WHERE d.webhook_id = $1 ORDER BY d.id DESC LIMIT $2`, [webhookId, limit])).rows.map(deliveryOf),
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
    prune: (beforeMs, limit) =>
      using(true, async (client) => {
        const { rowCount } = await client.query(
          "DELETE FROM webhook_deliveries WHERE id IN (SELECT id FROM webhook_deliveries WHERE created_ms < $1 AND state <> 'pending' ORDER BY created_ms LIMIT $2)",
          [beforeMs, limit],
        );
        await client.query('DELETE FROM webhook_events e WHERE created_ms < $1 AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id AND d.answer_id IS NULL)', [beforeMs]);
        return rowCount ?? 0;
      }),
  };
  /** Inside another change's transaction (a notice): writes its event for the targets that want it. */
  const emit = async (client: PoolClient, e: WebhookEvent, nowMs: number): Promise<number> => write(client, e, await targetsOf(client), nowMs);
  return { outbox, targets: targetsOf, onInsert, emit };
}
