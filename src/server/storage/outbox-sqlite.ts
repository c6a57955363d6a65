import type BetterSqlite3 from 'better-sqlite3';
import type { Answer } from '../../core/answer.js';
import { answerCreated, event, wants, type WebhookEvent } from '../outbox/events.js';
import { momentsOf, MOMENT_WINDOW_DAYS } from '../outbox/moments.js';
import { claimedOf, deliveryOf, DELIVERY_COLUMNS, GIVE_UP_MS, payloadOf, webhookOf, type ClaimedRow, type DeliveryRow, type Outbox, type Outcome, type WebhookRecord, type WebhookRow } from './outbox.js';
import { dayOf, SUMMARY_SQL, type SumsRecord } from './rollup.js';

type Database = BetterSqlite3.Database;

/** The outbox's tables: forgetting an answer forgets its events (a trigger, as for its notes). */
export const OUTBOX_MIGRATION = {
  name: 'webhook outbox',
  up: (db: Database) =>
    db.exec(`
      CREATE TABLE webhooks (
        id         TEXT PRIMARY KEY,
        url        TEXT NOT NULL,
        events     TEXT NOT NULL,
        format     TEXT NOT NULL,
        filter     TEXT NOT NULL,
        secret     TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE webhook_events (
        id         TEXT PRIMARY KEY,
        type       TEXT NOT NULL,
        payload    TEXT NOT NULL,
        answer_id  TEXT,
        created_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX webhook_events_answer ON webhook_events (answer_id) WHERE answer_id IS NOT NULL;
      CREATE TABLE webhook_deliveries (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id     TEXT NOT NULL,
        webhook_id   TEXT NOT NULL,
        state        TEXT NOT NULL DEFAULT 'pending',
        attempts     INTEGER NOT NULL DEFAULT 0,
        created_ms   INTEGER NOT NULL,
        next_ms      INTEGER NOT NULL,
        lease_ms     INTEGER NOT NULL DEFAULT 0,
        last_at      TEXT,
        last_status  INTEGER,
        last_error   TEXT,
        delivered_at TEXT
      ) STRICT;
      CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_ms) WHERE state = 'pending';
      CREATE INDEX webhook_deliveries_target ON webhook_deliveries (webhook_id, id DESC);
      CREATE INDEX webhook_deliveries_event ON webhook_deliveries (event_id);
      CREATE TABLE moments (touchpoint TEXT PRIMARY KEY, active INTEGER NOT NULL, changed_at TEXT NOT NULL) STRICT;
      CREATE TABLE digests (day TEXT PRIMARY KEY, event_id TEXT NOT NULL, created_at TEXT NOT NULL) STRICT;
      CREATE TRIGGER answers_forget_events AFTER DELETE ON answers BEGIN
        DELETE FROM webhook_deliveries WHERE event_id IN (SELECT id FROM webhook_events WHERE answer_id = lower(old.id));
        DELETE FROM webhook_events WHERE answer_id = lower(old.id);
      END;`),
};

/**
 * The outbox on SQLite. `onInsert` runs inside the answers' insert transaction: the events they
 * cause commit with them or not at all.
 */
export function sqliteOutbox(db: Database, retrying: <T>(work: () => T) => Promise<T>) {
  const allTargets = db.prepare<[], WebhookRow>('SELECT * FROM webhooks ORDER BY created_at, id');
  const insertEvent = db.prepare('INSERT INTO webhook_events (id, type, payload, answer_id, created_ms) VALUES (?, ?, ?, ?, ?)');
  const insertDelivery = db.prepare('INSERT INTO webhook_deliveries (event_id, webhook_id, created_ms, next_ms) VALUES (?, ?, ?, ?)');

  /** Writes an event and its deliveries to the targets that want it; how many. */
  function write(e: WebhookEvent, targets: WebhookRecord[], nowMs: number): number {
    const to = targets.filter((t) => wants(t, e));
    if (!to.length) return 0;
    insertEvent.run(e.id, e.type, payloadOf(e), e.answerId ?? null, nowMs);
    for (const t of to) insertDelivery.run(e.id, t.id, nowMs, nowMs);
    return to.length;
  }

  const daySums = db.prepare<number[], SumsRecord>(SUMMARY_SQL.daySums);
  const momentOf = db.prepare<[string], { active: number }>('SELECT active FROM moments WHERE touchpoint = ?');
  const setMoment = db.prepare('INSERT INTO moments (touchpoint, active, changed_at) VALUES (?, ?, ?) ON CONFLICT (touchpoint) DO UPDATE SET active = excluded.active, changed_at = excluded.changed_at');

  /** Inside the insert transaction: `answer.created` for each new answer, and moments of truth that started or ended. */
  function onInsert(added: readonly Answer[], nowMs: number): number {
    if (!added.length) return 0;
    const targets = allTargets.all().map(webhookOf);
    if (!targets.length) return 0;
    let written = 0;
    for (const a of added) written += write(answerCreated(a, nowMs), targets, nowMs);
    if (targets.some((t) => t.events.some((e) => e.startsWith('moment_of_truth.')))) {
      const today = dayOf(nowMs);
      const sums = daySums.all(today - MOMENT_WINDOW_DAYS + 1, today + 1);
      for (const m of momentsOf(sums, new Set(added.map((a) => a.touchpoint)), nowMs)) {
        const was = momentOf.get(m.touchpoint)?.active === 1;
        if (was === m.active) continue;
        setMoment.run(m.touchpoint, m.active ? 1 : 0, new Date(nowMs).toISOString());
        written += write(event(m.active ? 'moment_of_truth.started' : 'moment_of_truth.ended', m.data, nowMs), targets, nowMs);
      }
    }
    return written;
  }

  const enqueue = db.transaction((e: WebhookEvent, nowMs: number, only?: string) =>
    write(e, allTargets.all().map(webhookOf).filter((t) => only === undefined || t.id === only), nowMs),
  );
  const insertDigest = db.prepare('INSERT OR IGNORE INTO digests (day, event_id, created_at) VALUES (?, ?, ?)');
  const enqueueDigest = db.transaction((day: string, e: WebhookEvent, nowMs: number): boolean => {
    if (insertDigest.run(day, e.id, new Date(nowMs).toISOString()).changes === 0) return false;
    write(e, allTargets.all().map(webhookOf), nowMs);
    return true;
  });

  // Leased in one statement: SQLite's write lock makes the claim atomic across processes on one file.
  const lease = db.prepare<[number, number, number, number], { id: number }>(`
    UPDATE webhook_deliveries SET lease_ms = ?
    WHERE id IN (SELECT id FROM webhook_deliveries WHERE state = 'pending' AND next_ms <= ? AND lease_ms <= ? ORDER BY next_ms, id LIMIT ?)
    RETURNING id`);
  const claimedRows = db.prepare<[string], ClaimedRow>(`
    SELECT d.id AS delivery_id, d.attempts, d.created_ms, e.id AS event_id, e.type, e.payload, e.answer_id, w.*
    FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id JOIN webhooks w ON w.id = d.webhook_id
    WHERE d.id IN (SELECT value FROM json_each(?)) ORDER BY d.next_ms, d.id`);
  const anyDue = db.prepare<[number, number], { one: number }>("SELECT 1 AS one FROM webhook_deliveries WHERE state = 'pending' AND next_ms <= ? AND lease_ms <= ? LIMIT 1");
  const claim = db.transaction((nowMs: number, limit: number, leaseUntilMs: number) => {
    const ids = lease.all(leaseUntilMs, nowMs, nowMs, limit).map((r) => r.id);
    return ids.length ? claimedRows.all(JSON.stringify(ids)).map(claimedOf) : [];
  });

  const delivered = db.prepare("UPDATE webhook_deliveries SET state = 'delivered', attempts = attempts + 1, lease_ms = 0, last_at = ?, last_status = ?, last_error = NULL, delivered_at = ? WHERE id = ?");
  const failedAttempt = db.prepare('UPDATE webhook_deliveries SET state = ?, attempts = attempts + 1, lease_ms = 0, next_ms = ?, last_at = ?, last_status = ?, last_error = ? WHERE id = ?');
  function settleOne(id: string, o: Outcome): void {
    const at = new Date(o.atMs).toISOString();
    if (o.delivered) delivered.run(at, o.status, at, id);
    else failedAttempt.run(o.retryAtMs === null ? 'failed' : 'pending', o.retryAtMs ?? 0, at, o.status, o.error, id);
  }
  const settleAll = db.transaction((settled: readonly { id: string; outcome: Outcome }[]) => settled.forEach(({ id, outcome }) => settleOne(id, outcome)));
  const deliveriesOf = db.prepare<[string, number], DeliveryRow>(`
    SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
    WHERE d.webhook_id = ? ORDER BY d.id DESC LIMIT ?`);
  const again = db.prepare("UPDATE webhook_deliveries SET state = 'pending', next_ms = ?, created_ms = ?, lease_ms = 0 WHERE webhook_id = ? AND id = ?");
  const withheld = db.prepare<[string], { id: string }>('SELECT lower(id) AS id FROM answers WHERE id IN (SELECT value FROM json_each(?)) AND withheld_reason IS NOT NULL');
  const pruneDeliveries = db.prepare("DELETE FROM webhook_deliveries WHERE state <> 'pending' AND created_ms < ?");
  const pruneEvents = db.prepare('DELETE FROM webhook_events WHERE created_ms < ? AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = webhook_events.id)');
  const findTarget = db.prepare<[string], WebhookRow>('SELECT * FROM webhooks WHERE id = ?');
  const deleteTarget = db.transaction((id: string) => {
    db.prepare('DELETE FROM webhook_deliveries WHERE webhook_id = ?').run(id);
    return db.prepare('DELETE FROM webhooks WHERE id = ?').run(id).changes > 0;
  });

  const outbox: Outbox = {
    createWebhook: (t) =>
      retrying(() => void db.prepare('INSERT INTO webhooks (id, url, events, format, filter, secret, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(t.id, t.url, JSON.stringify(t.events), t.format, t.filter, t.secret, t.createdAt)),
    webhooks: () => retrying(() => allTargets.all().map(webhookOf)),
    updateWebhook: (id, patch) =>
      retrying(() => {
        const row = findTarget.get(id);
        if (!row) return null;
        const next = { ...webhookOf(row), ...patch };
        db.prepare('UPDATE webhooks SET url = ?, events = ?, format = ?, filter = ? WHERE id = ?').run(next.url, JSON.stringify(next.events), next.format, next.filter, id);
        return next;
      }),
    deleteWebhook: (id) => retrying(() => deleteTarget(id)),
    enqueue: (e, nowMs, only) => retrying(() => enqueue(e, nowMs, only)),
    enqueueDigest: (day, e, nowMs) => retrying(() => enqueueDigest(day, e, nowMs)),
    // A read first: polling an idle outbox never takes the write lock.
    claim: (nowMs, limit, leaseUntilMs) => retrying(() => (anyDue.get(nowMs, nowMs) ? claim(nowMs, limit, leaseUntilMs) : [])),
    settle: (id, o) => retrying(() => settleOne(id, o)),
    settleAll: (settled) => retrying(() => settleAll(settled)),
    deliveries: (webhookId, limit) => retrying(() => deliveriesOf.all(webhookId, limit).map(deliveryOf)),
    redeliver: (webhookId, deliveryId, nowMs) => retrying(() => /^\d{1,15}$/.test(deliveryId) && again.run(nowMs, nowMs, webhookId, Number(deliveryId)).changes > 0),
    withheldAmong: (ids) => retrying(() => new Set(ids.length ? withheld.all(JSON.stringify(ids.map((i) => i.toLowerCase()))).map((r) => r.id) : [])),
    prune: (beforeMs) => retrying(() => pruneDeliveries.run(beforeMs).changes + pruneEvents.run(beforeMs).changes),
  };
  /** Inside another change's transaction (a notice): writes its event for the targets that want it. */
  const emit = (e: WebhookEvent, nowMs: number): number => write(e, allTargets.all().map(webhookOf), nowMs);
  return { outbox, onInsert, emit };
}

export { GIVE_UP_MS };
