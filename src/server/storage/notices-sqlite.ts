import type BetterSqlite3 from 'better-sqlite3';
import { UPDATES_MAX, type Notice } from '../../core/notice.js';
import { changed, GROUP_SQL, impactOf, NOTICE_COLUMNS, noticeOf, valuesOfNotice, windowOf, withUpdate, WRITE_COLUMNS, type CommentRecord, type GroupRecord, type ImpactPeriod, type NewNotice, type NoticeRecord, type NoticeStorage } from './notices.js';
import { noticeEvent, type WebhookEvent } from '../outbox/events.js';
import type { Actor } from './storage.js';

type Database = BetterSqlite3.Database;

/** The notice an answer carried, as SQLite reads it from the stored JSON (indexed by `answers_notice`). */
const NOTICE_OF_ANSWER = "json_extract(body, '$.context.notice')";

/** The migration `sqlite.ts` applies after its own: the notices, and the index that finds the answers given during one. */
export const NOTICES_MIGRATION = {
  name: 'notices',
  up: (db: Database) =>
    db.exec(`
      CREATE TABLE notices (
        id          TEXT PRIMARY KEY,
        severity    TEXT NOT NULL,
        title       TEXT NOT NULL,
        body        TEXT NOT NULL,
        link        TEXT,
        touchpoints TEXT,
        starts_at   TEXT NOT NULL,
        starts_ms   INTEGER NOT NULL,
        ends_at     TEXT,
        ends_ms     INTEGER,
        updates     TEXT NOT NULL,
        resolved_at TEXT,
        resolved_ms INTEGER,
        close_ms    INTEGER,
        created_at  TEXT NOT NULL,
        created_by  TEXT NOT NULL,
        changed_at  TEXT NOT NULL,
        changed_by  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX notices_newest ON notices (starts_ms DESC, id);
      CREATE INDEX notices_open ON notices (close_ms);
      CREATE INDEX answers_notice ON answers (${NOTICE_OF_ANSWER});`),
};

const FAR = Number.MAX_SAFE_INTEGER;

/** Notices on SQLite; `retrying` is the engine's own wrapper (another process's lock, disk errors). */
export function noticesSqlite(db: Database, retrying: <T>(work: () => T) => Promise<T>, emit: (e: WebhookEvent, nowMs: number) => void = () => {}): NoticeStorage {
  const insert = db.prepare(
    `INSERT INTO notices (id, ${WRITE_COLUMNS.join(', ')}, created_at, created_by) VALUES (?, ${WRITE_COLUMNS.map(() => '?').join(', ')}, ?, ?)`,
  );
  const update = db.prepare(`UPDATE notices SET ${WRITE_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`);
  const byId = db.prepare<[string], NoticeRecord>(`SELECT ${NOTICE_COLUMNS} FROM notices WHERE id = ?`);
  const newest = db.prepare<[number], NoticeRecord>(`SELECT ${NOTICE_COLUMNS} FROM notices ORDER BY starts_ms DESC, id LIMIT ?`);
  const active = db.prepare<[number, number], NoticeRecord>(`SELECT ${NOTICE_COLUMNS} FROM notices WHERE starts_ms <= ? AND (close_ms IS NULL OR close_ms > ?)`);
  const overlapping = db.prepare<[number, number, number], NoticeRecord>(
    `SELECT ${NOTICE_COLUMNS} FROM notices WHERE starts_ms < ? AND (close_ms IS NULL OR close_ms > ?) ORDER BY starts_ms DESC, id LIMIT ?`,
  );

  const during = db.prepare<[string, number, number], GroupRecord>(`SELECT ${GROUP_SQL} FROM answers WHERE ${NOTICE_OF_ANSWER} = ? AND created_ms >= ? AND created_ms < ?`);
  // The same touchpoints before it started and after it ended; for a notice on every touchpoint,
  // those the answers during it came from.
  const outside = (named: boolean) =>
    db.prepare<unknown[], GroupRecord>(`
      SELECT ${GROUP_SQL} FROM answers
      WHERE touchpoint IN (${named ? 'SELECT value FROM json_each(@touchpoints)' : `SELECT DISTINCT touchpoint FROM answers WHERE ${NOTICE_OF_ANSWER} = @id`})
        AND created_ms >= @since AND created_ms < @until AND (created_ms < @start OR created_ms >= @close)
        AND coalesce(${NOTICE_OF_ANSWER}, '') <> @id`);
  const outsideNamed = outside(true);
  const outsideAll = outside(false);
  const comments = db.prepare<[string, number, number], CommentRecord>(`
    SELECT id, touchpoint, comment, created_at, effort, effort_scale, emotion FROM answers
    WHERE ${NOTICE_OF_ANSWER} = ? AND created_ms >= ? AND created_ms < ? AND comment IS NOT NULL AND withheld_reason IS NULL
    ORDER BY created_ms DESC, id LIMIT 5`);

  const impacts = (notices: readonly Notice[], { sinceMs = -FAR, untilMs = FAR }: ImpactPeriod) =>
    notices.map((n) => {
      const { startMs, closeMs } = windowOf(n);
      const params = { id: n.id, since: sinceMs, until: untilMs, start: startMs, close: closeMs };
      const out = n.touchpoints === null ? outsideAll.get(params) : outsideNamed.get({ ...params, touchpoints: JSON.stringify(n.touchpoints) });
      return { ...n, impact: impactOf(during.get(n.id, sinceMs, untilMs), out, comments.all(n.id, sinceMs, untilMs)) };
    });

  const read = (id: string) => {
    const row = byId.get(id);
    return row ? noticeOf(row) : null;
  };
  const write = (n: Notice, actor: Actor) => update.run(...valuesOfNotice(n, actor), n.id);
  // IMMEDIATE: the row read is the row changed, whatever another process does meanwhile.
  const change = db.transaction((id: string, apply: (n: Notice) => Notice, actor: Actor): Notice | null => {
    const n = read(id);
    if (!n) return null;
    const next = apply(n);
    write(next, actor);
    // Its webhook (notice.updated or notice.resolved) commits with it.
    emit(noticeEvent(n, next, Date.parse(actor.at)), Date.parse(actor.at));
    return next;
  });
  const create = db.transaction((n: NewNotice, actor: Actor): Notice => {
    const notice: Notice = { ...n, updates: [], resolvedAt: null };
    insert.run(n.id, ...valuesOfNotice(notice, actor), actor.at, actor.by);
    emit(noticeEvent(null, notice, Date.parse(actor.at)), Date.parse(actor.at));
    return notice;
  });

  return {
    createNotice: (n, actor) => retrying(() => create(n, actor)),
    changeNotice: (id, c, actor) => retrying(() => change.immediate(id, (n) => changed(n, c), actor)),
    addNoticeUpdate: (id, u, resolve, actor) => retrying(() => change.immediate(id, (n) => withUpdate(n, u, resolve, UPDATES_MAX), actor)),
    notice: (id) => retrying(() => read(id)),
    notices: (limit) => retrying(() => newest.all(limit).map(noticeOf)),
    activeNotices: (nowMs) => retrying(() => active.all(nowMs, nowMs).map(noticeOf)),
    noticesIn: (period, limit) => retrying(() => impacts(overlapping.all(period.untilMs ?? FAR, period.sinceMs ?? -FAR, limit).map(noticeOf), period)),
    noticeImpacts: (notices, period) => retrying(() => impacts(notices, period)),
  };
}
