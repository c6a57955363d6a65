import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type BetterSqlite3 from 'better-sqlite3';
import type { Answer } from '../../core/answer.js';
import { COUNT_COLUMNS, countsOfSums, rollupsOf, rowOf, ROLLUP_COLUMNS, ROLLUP_MERGE, slices, splitPeriod, SUMMARY_SQL, summaryOf, valuesOf, type EndsRecord, type Rollup, type Row, type SumsRecord } from './rollup.js';
import { feedItem, negativeOf, ROW_COLUMNS, rowOfRecord, type AnswerRecord, type NegativeRecord, type RowRecord } from './records.js';
import { MissingDriver, SESSION_IDLE_MS, SESSION_TOUCH_MS, StorageUnavailable, type FeedQuery, type Storage } from './storage.js';

type Database = BetterSqlite3.Database;

/**
 * Migrations, applied in order on start and recorded in `touchpoint_migrations`. The first is
 * the schema collectors before migrations created (`IF NOT EXISTS`), so their files upgrade.
 * Answers are kept as the exact JSON that was validated (`body`), plus the columns queries need;
 * times also as epoch milliseconds, since ISO strings with and without milliseconds do not sort as text.
 */
const MIGRATIONS: { name: string; up: (db: Database) => void }[] = [
  {
    name: 'answers',
    up: (db) =>
      db.exec(`
        CREATE TABLE IF NOT EXISTS answers (
          id           TEXT PRIMARY KEY COLLATE NOCASE,
          touchpoint   TEXT NOT NULL,
          created_at   TEXT NOT NULL,
          created_ms   INTEGER NOT NULL,
          effort       INTEGER,
          effort_scale INTEGER NOT NULL,
          emotion      TEXT,
          comment      TEXT,
          stage        TEXT,
          body         TEXT NOT NULL,
          received_ms  INTEGER NOT NULL,
          reply_text   TEXT,
          reply_at     TEXT
        ) STRICT;
        CREATE INDEX IF NOT EXISTS answers_newest ON answers (created_ms DESC, id DESC);
        CREATE INDEX IF NOT EXISTS answers_touchpoint_newest ON answers (touchpoint, created_ms DESC, id DESC);`),
  },
  {
    name: 'journeys, negative comments and daily rollups',
    up(db) {
      db.exec(`
        ALTER TABLE answers ADD COLUMN journey TEXT;
        ALTER TABLE answers ADD COLUMN negative INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE rollups (
          day INTEGER NOT NULL, touchpoint TEXT NOT NULL, stage TEXT NOT NULL,
          count INTEGER NOT NULL,
          ${COUNT_COLUMNS.slice(1).map((c) => `${c} INTEGER NOT NULL`).join(', ')},
          first_ms INTEGER NOT NULL, first_id TEXT NOT NULL, first_at TEXT NOT NULL,
          last_ms INTEGER NOT NULL, last_id TEXT NOT NULL, last_at TEXT NOT NULL,
          PRIMARY KEY (day, touchpoint, stage)
        ) STRICT, WITHOUT ROWID;`);
      // Backfill from the stored JSON: a collector upgraded with data keeps its numbers.
      const update = db.prepare('UPDATE answers SET journey = ?, negative = ? WHERE id = ?');
      const rows = db.prepare<[], { body: string }>('SELECT body FROM answers').all().map(({ body }) => rowOf(JSON.parse(body)));
      for (const r of rows) update.run(r.journey, r.negative ? 1 : 0, r.id);
      const upsert = upsertRollup(db);
      for (const rollup of rollupsOf(rows)) upsert.run(valuesOf(rollup));
      db.exec(`
        CREATE INDEX answers_journey ON answers (journey);
        CREATE INDEX answers_negative ON answers (touchpoint, created_ms DESC, id) WHERE negative = 1;`);
    },
  },
  {
    // id: the SHA-256 (hex) of the cookie's random id. Times as `toISOString()`, which always has
    // milliseconds, so they compare as text.
    name: 'owner sessions',
    up: (db) =>
      db.exec(`
        CREATE TABLE sessions (
          id           TEXT PRIMARY KEY,
          created_at   TEXT NOT NULL,
          last_seen_at TEXT NOT NULL
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX sessions_last_seen ON sessions (last_seen_at);`),
  },
];

const upsertRollup = (db: Database) =>
  db.prepare<unknown[]>(`INSERT INTO rollups AS r (${ROLLUP_COLUMNS.join(', ')}) VALUES (${ROLLUP_COLUMNS.map(() => '?').join(', ')}) ${ROLLUP_MERGE}`);

/** How long a write waits, without blocking the event loop, for another process's lock. */
const BUSY_WAIT_MS = 5000;


function loadDriver(): typeof BetterSqlite3 {
  try {
    // A CommonJS native module: `require` keeps it out of the bundle graph until a collector opens SQLite.
    return createRequire(import.meta.url)('better-sqlite3');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') throw new MissingDriver('SQLite storage', 'better-sqlite3', '12');
    throw error;
  }
}

/** SQLite through better-sqlite3: WAL, and every commit synced to disk before it returns. */
export function openSqlite(path: string): Storage {
  const Driver = loadDriver();
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Driver(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // Only another process (a backup, a shell) can hold the lock. Waiting inside SQLite would block
  // the event loop, so writes fail at once with SQLITE_BUSY and `retrying` waits between tries.
  db.pragma('busy_timeout = 0');
  migrate(db);

  const insertAnswer = db.prepare(`
    INSERT OR IGNORE INTO answers (id, touchpoint, created_at, created_ms, effort, effort_scale, emotion, comment, stage, body, received_ms, journey, negative)
    VALUES (@id, @touchpoint, @createdAt, @createdMs, @effort, @effortScale, @emotion, @comment, @stage, @body, @receivedMs, @journey, @negative)`);
  const upsert = upsertRollup(db);

  const insertAll = db.transaction((answers: readonly Answer[], receivedMs: number): boolean[] => {
    const added: Row[] = [];
    const isNew = answers.map((a) => {
      const row = rowOf(a);
      const stored =
        insertAnswer.run({ ...row, id: a.id, stage: a.context.stage ?? null, body: JSON.stringify(a), receivedMs, negative: row.negative ? 1 : 0 }).changes === 1;
      if (stored) added.push(row);
      return stored;
    });
    for (const rollup of rollupsOf(added)) upsert.run(valuesOf(rollup));
    return isNew;
  });

  // One statement per shape of feed query, so each can use its index.
  const feedQuery = (byTouchpoint: boolean, after: boolean) =>
    db.prepare<unknown[], AnswerRecord>(`
      SELECT body, reply_text, reply_at FROM answers
      WHERE ${byTouchpoint ? 'touchpoint = @touchpoint' : '1'} AND ${after ? '(created_ms, id) < (@ms, @id)' : '1'}
      ORDER BY created_ms DESC, id DESC LIMIT @limit`);
  const feed = [feedQuery(false, false), feedQuery(false, true), feedQuery(true, false), feedQuery(true, true)];

  const daySums = db.prepare<number[], SumsRecord>(SUMMARY_SQL.daySums);
  const dayEnds = db.prepare<number[], EndsRecord>(SUMMARY_SQL.dayEnds);
  const answerSums = db.prepare<number[], SumsRecord>(SUMMARY_SQL.answerSums);
  const answerEnds = db.prepare<number[], EndsRecord>(SUMMARY_SQL.answerEnds);
  const latestNegative = db.prepare<{ touchpoint: string; since: number; until: number }, NegativeRecord>(`
    SELECT id, comment, created_at, created_ms, effort, effort_scale, emotion FROM answers
    WHERE negative = 1 AND touchpoint = @touchpoint AND created_ms >= @since AND created_ms < @until
    ORDER BY created_ms DESC, id LIMIT 3`);

  const setReply = db.prepare('UPDATE answers SET reply_text = ?, reply_at = ? WHERE id = ?');
  const byId = db.prepare<[string], AnswerRecord>('SELECT body, reply_text, reply_at FROM answers WHERE id = ?');

  const keyRows = db.prepare<{ from: number; to: number; touchpoint: string; stage: string }, RowRecord>(`
    SELECT ${ROW_COLUMNS} FROM answers
    WHERE touchpoint = @touchpoint AND created_ms >= @from AND created_ms < @to AND coalesce(stage, '') = @stage`);
  const deleteRollup = db.prepare('DELETE FROM rollups WHERE day = ? AND touchpoint = ? AND stage = ?');
  /** Counts the answers of these rollup keys again, after some were deleted. */
  const recount = (keys: Rollup[]) => {
    for (const k of keys) {
      deleteRollup.run(k.day, k.touchpoint, k.stage);
      const rows = keyRows.all({ from: k.day * 86_400_000, to: (k.day + 1) * 86_400_000, touchpoint: k.touchpoint, stage: k.stage }).map(rowOfRecord);
      for (const rollup of rollupsOf(rows)) upsert.run(valuesOf(rollup));
    }
  };
  const journeyRows = db.prepare<[string], RowRecord>(`SELECT ${ROW_COLUMNS} FROM answers WHERE journey = ?`);
  const deleteJourney = db.prepare('DELETE FROM answers WHERE journey = ?');
  const forget = db.transaction((journey: string): number => {
    const rows = journeyRows.all(journey).map(rowOfRecord);
    deleteJourney.run(journey);
    recount(rollupsOf(rows));
    return rows.length;
  });
  const oldest = db.prepare<[number, number], RowRecord>(`SELECT ${ROW_COLUMNS} FROM answers WHERE created_ms < ? ORDER BY created_ms, id LIMIT ?`);
  const deleteId = db.prepare('DELETE FROM answers WHERE id = ?');
  const expire = db.transaction((beforeMs: number, limit: number): number => {
    const rows = oldest.all(beforeMs, limit).map(rowOfRecord);
    for (const r of rows) deleteId.run(r.id);
    recount(rollupsOf(rows));
    return rows.length;
  });

  const insertSession = db.prepare('INSERT INTO sessions (id, created_at, last_seen_at) VALUES (?, ?, ?)');
  const sessionById = db.prepare<[string], { last_seen_at: string }>('SELECT last_seen_at FROM sessions WHERE id = ?');
  const touchSession = db.prepare('UPDATE sessions SET last_seen_at = max(last_seen_at, ?) WHERE id = ?');
  const deleteSession = db.prepare('DELETE FROM sessions WHERE id = ?');
  const deleteIdle = db.prepare('DELETE FROM sessions WHERE last_seen_at <= ?');
  const iso = (ms: number) => new Date(ms).toISOString();

  /**
   * Runs summary reads one at a time, each in its own turn of the event loop: twenty summaries
   * asked for at once then delay other work by one read each, not by twenty.
   */
  let reading: Promise<unknown> = Promise.resolve();
  function inTurn<T>(work: () => T): Promise<T> {
    const run = reading.then(() => new Promise<void>((next) => setImmediate(next))).then(() => retrying(work));
    reading = run.catch(() => {});
    return run;
  }

  /** Runs a statement; another process's lock is waited out in steps, without blocking the event loop. */
  async function retrying<T>(work: () => T): Promise<T> {
    const deadline = Date.now() + BUSY_WAIT_MS;
    for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
      try {
        return work();
      } catch (error) {
        const code = String((error as { code?: unknown }).code);
        if (code.startsWith('SQLITE_BUSY') && Date.now() + wait < deadline) {
          await sleep(wait);
          continue;
        }
        // Disk full, read-only, I/O errors, a lock that outlasted the wait: the client may retry later.
        if (code.startsWith('SQLITE_')) throw new StorageUnavailable(30, { cause: error });
        throw error;
      }
    }
  }

  return {
    engine: 'sqlite',
    insert: (answers, receivedMs) => (answers.length ? retrying(() => insertAll(answers, receivedMs)) : Promise.resolve([])),
    feed: ({ touchpoint, before, limit }: FeedQuery) =>
      retrying(() => feed[(touchpoint ? 2 : 0) + (before ? 1 : 0)].all({ limit, ...(touchpoint && { touchpoint }), ...before }).map(feedItem)),

    async summary({ since, until }) {
      const split = splitPeriod(since?.ms, until?.ms);
      const days = [split.fromDay, split.toDay];
      const counts = await inTurn(() => countsOfSums(daySums.all(...days), dayEnds.all(...days)));
      // The parts of days at either end, an hour per turn: a busy day costs one hour of answers per turn.
      for (const [from, to] of split.edges)
        for (const hour of slices(from, to, 3_600_000)) counts.push(...(await inTurn(() => countsOfSums(answerSums.all(...hour), answerEnds.all(...hour)))));
      const [from, to] = split.window;
      const touchpoints = new Set(counts.map((c) => c.touchpoint));
      const negative = await inTurn(() => [...touchpoints].flatMap((touchpoint) => latestNegative.all({ touchpoint, since: from, until: to }).map((r) => negativeOf(touchpoint, r))));
      return summaryOf({ since: since?.iso, until: until?.iso }, { counts, negative });
    },

    reply: (id, text, at) =>
      retrying(() => {
        if (setReply.run(text, at, id).changes === 0) return null;
        return feedItem(byId.get(id)!);
      }),
    forgetJourney: (journey) => retrying(() => forget(journey.toLowerCase())),
    expire: (beforeMs, limit) => retrying(() => expire(beforeMs, limit)),
    createSession: (id, nowMs) => retrying(() => void insertSession.run(id, iso(nowMs), iso(nowMs))),
    session: (id, nowMs) =>
      retrying(() => {
        const row = sessionById.get(id);
        if (!row) return null;
        let seen = Date.parse(row.last_seen_at);
        if (nowMs - seen >= SESSION_IDLE_MS) return null;
        if (nowMs - seen >= SESSION_TOUCH_MS) {
          touchSession.run(iso(nowMs), id);
          seen = nowMs;
        }
        return { expiresMs: seen + SESSION_IDLE_MS };
      }),
    deleteSession: (id) => retrying(() => void deleteSession.run(id)),
    deleteExpiredSessions: (nowMs) => retrying(() => deleteIdle.run(iso(nowMs - SESSION_IDLE_MS)).changes),
    close: async () => void db.close(),
  };
}

function migrate(db: Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS touchpoint_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT');
  const applied = new Set(db.prepare<[], { version: number }>('SELECT version FROM touchpoint_migrations').all().map((r) => r.version));
  const record = db.prepare('INSERT INTO touchpoint_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  MIGRATIONS.forEach((m, i) => {
    if (applied.has(i + 1)) return;
    // IMMEDIATE: two collectors starting on one file do not both apply it.
    db.transaction(() => {
      if (db.prepare('SELECT 1 FROM touchpoint_migrations WHERE version = ?').get(i + 1)) return;
      m.up(db);
      record.run(i + 1, m.name, new Date().toISOString());
    }).immediate();
  });
}
