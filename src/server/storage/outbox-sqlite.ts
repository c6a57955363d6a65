import type BetterSqlite3 from 'better-sqlite3';
import type { Answer } from '../../core/answer.js';
import { answerCreated, event, wants, wantsMoments, webhooksPending, type WebhookEvent } from '../outbox/events.js';
import { momentsOf, MOMENT_WINDOW_DAYS } from '../outbox/moments.js';
import { CLAIMED_COLUMNS, claimedOf, deliveryOf, DELIVERY_COLUMNS, GIVE_UP_MS, payloadOf, webhookOf, type ClaimedRow, type DeliveryRow, type Outbox, type Outcome, type WebhookRecord, type WebhookRow } from './outbox.js';
import { dayOf, SUMMARY_SQL, type SumsRecord } from './rollup.js';

type Database = BetterSqlite3.Database;

/**
 * The outbox's tables. `webhook_marks` holds the answers ingest marked for `answer.created`, in
 * the order they came (rows appended to the end of one table, nothing else to update); an
 * `answer.created` delivery has no event row, its body is the stored answer. Forgetting an answer
 * forgets its deliveries (a trigger, as for its notes).
 */
export const OUTBOX_MIGRATION = {
  name: 'webhook outbox',
  up: (db: Database) =>
    db.exec(`
      CREATE TABLE webhook_marks (seq INTEGER PRIMARY KEY, answer_id TEXT NOT NULL) STRICT;
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
        created_ms INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE webhook_deliveries (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id     TEXT NOT NULL,
        type         TEXT NOT NULL,
        answer_id    TEXT,
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
      CREATE INDEX webhook_deliveries_answer ON webhook_deliveries (answer_id) WHERE answer_id IS NOT NULL;
      CREATE INDEX webhook_deliveries_created ON webhook_deliveries (created_ms);
      -- The deliveries of stored events (not answers'): few, for pruning events no delivery needs.
      CREATE INDEX webhook_deliveries_event ON webhook_deliveries (event_id) WHERE answer_id IS NULL;
      CREATE TABLE moments (touchpoint TEXT PRIMARY KEY, active INTEGER NOT NULL, changed_at TEXT NOT NULL) STRICT;
      CREATE TABLE digests (day TEXT PRIMARY KEY, event_id TEXT NOT NULL, created_at TEXT NOT NULL) STRICT;
      CREATE TRIGGER answers_forget_deliveries AFTER DELETE ON answers BEGIN
        DELETE FROM webhook_deliveries WHERE answer_id = lower(old.id);
      END;`),
};

/**
 * The outbox on SQLite. Inside the answers' insert transaction, the collector reads `targets` and
 * calls `onInsert` with the answers it stored: the events they cause commit with them or not at all.
 */
export function sqliteOutbox(db: Database, retrying: <T>(work: () => T) => Promise<T>) {
  const allTargets = db.prepare<[], WebhookRow>('SELECT * FROM webhooks ORDER BY created_at, id');
  const insertEvent = db.prepare('INSERT INTO webhook_events (id, type, payload, created_ms) VALUES (?, ?, ?, ?)');
  const insertDelivery = db.prepare('INSERT INTO webhook_deliveries (event_id, type, answer_id, webhook_id, created_ms, next_ms) VALUES (?, ?, ?, ?, ?, ?)');

  /** Writes an event's deliveries to the targets that want it, due at `nowMs`, and its body unless the stored answer is that; how many. */
  function write(e: WebhookEvent, targets: WebhookRecord[], nowMs: number): number {
    const to = targets.filter((t) => wants(t, e));
    if (!to.length) return 0;
    const answerId = e.answerId ?? null;
    const createdMs = Date.parse(e.timestamp);
    if (answerId === null) insertEvent.run(e.id, e.type, payloadOf(e), createdMs);
    for (const t of to) insertDelivery.run(e.id, e.type, answerId, t.id, createdMs, nowMs);
    return to.length;
  }

  /** The targets, read inside the insert transaction before the answers. */
  const targets = (): WebhookRecord[] => allTargets.all().map(webhookOf);

  const daySums = db.prepare<number[], SumsRecord>(SUMMARY_SQL.daySums);
  const momentOf = db.prepare<[string], { active: number }>('SELECT active FROM moments WHERE touchpoint = ?');
  const setMoment = db.prepare('INSERT INTO moments (touchpoint, active, changed_at) VALUES (?, ?, ?) ON CONFLICT (touchpoint) DO UPDATE SET active = excluded.active, changed_at = excluded.changed_at');

  const insertMark = db.prepare('INSERT INTO webhook_marks (answer_id) VALUES (?)');

  /** Inside the insert transaction, after the answers: marks those a target wants, and writes moments of truth that started or ended. */
  function onInsert(added: readonly Answer[], nowMs: number, targets: WebhookRecord[]): number {
    if (!added.length || !targets.length) return 0;
    let written = 0;
    for (const a of added) if (webhooksPending(targets, a)) insertMark.run(a.id.toLowerCase()), written++;
    if (!targets.some(wantsMoments)) return written;
    const today = dayOf(nowMs);
    const sums = daySums.all(today - MOMENT_WINDOW_DAYS + 1, today + 1);
    for (const m of momentsOf(sums, new Set(added.map((a) => a.touchpoint)), nowMs)) {
      const was = momentOf.get(m.touchpoint)?.active === 1;
      if (was === m.active) continue;
      setMoment.run(m.touchpoint, m.active ? 1 : 0, new Date(nowMs).toISOString());
      written += write(event(m.active ? 'moment_of_truth.started' : 'moment_of_truth.ended', m.data, nowMs), targets, nowMs);
    }
    return written;
  }

  // Marked answers become deliveries as the dispatcher claims them, a claim's worth at a time:
  // ingest pays for a mark, the dispatcher for the rows, at the pace it sends. A mark whose answer
  // was forgotten since goes without a delivery.
  const marked = db.prepare<[number], { seq: number; body: string | null; received_ms: number | null }>(
    'SELECT m.seq, a.body, a.received_ms FROM webhook_marks m LEFT JOIN answers a ON a.id = m.answer_id ORDER BY m.seq LIMIT ?',
  );
  const unmark = db.prepare('DELETE FROM webhook_marks WHERE seq <= ?');
  function deliverMarked(nowMs: number, limit: number): void {
    const marks = marked.all(limit);
    if (!marks.length) return;
    // Targets as they are now: one added or changed since the answer arrived counts.
    const targets = allTargets.all().map(webhookOf);
    for (const m of marks) if (m.body !== null) write(answerCreated(JSON.parse(m.body) as Answer, m.received_ms!), targets, nowMs);
    unmark.run(marks.at(-1)!.seq);
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
    SELECT d.id AS delivery_id, ${CLAIMED_COLUMNS}, w.*
    FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
    LEFT JOIN answers a ON a.id = d.answer_id LEFT JOIN webhook_events e ON d.answer_id IS NULL AND e.id = d.event_id
    WHERE d.id IN (SELECT value FROM json_each(?)) ORDER BY d.next_ms, d.id`);
  const anyDue = db.prepare<[number, number], { one: number }>(`
    SELECT 1 AS one FROM webhook_deliveries WHERE state = 'pending' AND next_ms <= ? AND lease_ms <= ?
    UNION ALL SELECT 1 FROM webhook_marks LIMIT 1`);
  const claim = db.transaction((nowMs: number, limit: number, leaseUntilMs: number) => {
    deliverMarked(nowMs, limit);
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
  const deliveriesOf = db.prepare<[string, number], DeliveryRow>(`SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d WHERE d.webhook_id = ? ORDER BY d.id DESC LIMIT ?`);
  const again = db.prepare("UPDATE webhook_deliveries SET state = 'pending', next_ms = ?, created_ms = ?, lease_ms = 0 WHERE webhook_id = ? AND id = ?");
  const withheld = db.prepare<[string], { id: string }>('SELECT lower(id) AS id FROM answers WHERE id IN (SELECT value FROM json_each(?)) AND withheld_reason IS NOT NULL');
  const pruneDeliveries = db.prepare("DELETE FROM webhook_deliveries WHERE id IN (SELECT id FROM webhook_deliveries WHERE created_ms < ? AND state <> 'pending' ORDER BY created_ms LIMIT ?)");
  const pruneEvents = db.prepare('DELETE FROM webhook_events WHERE created_ms < ? AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = webhook_events.id AND d.answer_id IS NULL)');
  const prune = db.transaction((beforeMs: number, limit: number): number => {
    const deleted = pruneDeliveries.run(beforeMs, limit).changes;
    pruneEvents.run(beforeMs);
    return deleted;
  });
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
    prune: (beforeMs, limit) => retrying(() => prune(beforeMs, limit)),
  };
  /** Inside another change's transaction (a notice): writes its event for the targets that want it. */
  const emit = (e: WebhookEvent, nowMs: number): number => write(e, allTargets.all().map(webhookOf), nowMs);
  return { outbox, targets, onInsert, emit };
}

export { GIVE_UP_MS };
