import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type BetterSqlite3 from 'better-sqlite3';
import type { Answer } from '../../core/answer.js';
import { effortBand, STATES, type InboxItem, type LogEntry, type StateCounts } from '../../core/inbox.js';
import { COUNT_CAP, filtersContent, inboxWhere, searchText, type InboxQuery } from './inbox-query.js';
import { adjustValues, countsOfSums, FIRST_COUNT_COLUMNS, dayOf, rollupsOf, rowOf, ROLLUP_ADJUST, ROLLUP_COLUMNS, ROLLUP_MERGE, slices, splitPeriod, stateCountsOfSums, STATE_COLUMNS, SUMMARY_SQL, summaryOf, valuesOf, WITHHELD_COLUMNS, type EndsRecord, type Rollup, type Row, type SumsRecord } from './rollup.js';
import { FEED_COLUMNS, feedItem, INBOX_COLUMNS, inboxItem, LOG_COLUMNS, logDetail, logEntry, negativeOf, ROW_COLUMNS, rowOfRecord, type AnswerRecord, type InboxRecord, type LogRecord, type NegativeRecord, type RowRecord } from './records.js';
import { OUTBOX_MIGRATION, sqliteOutbox } from './outbox-sqlite.js';
import { movesCounts, planChange, planDeleteReply, planReply } from './triage.js';
import { NOTICES_MIGRATION, noticesSqlite } from './notices-sqlite.js';
import { MissingDriver, ReplyConflict, SESSION_IDLE_MS, SESSION_TOUCH_MS, StorageUnavailable, type Actor, type Change, type FeedQuery, type Storage } from './storage.js';

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
          ${FIRST_COUNT_COLUMNS.slice(1).map((c) => `${c} INTEGER NOT NULL`).join(', ')},
          first_ms INTEGER NOT NULL, first_id TEXT NOT NULL, first_at TEXT NOT NULL,
          last_ms INTEGER NOT NULL, last_id TEXT NOT NULL, last_at TEXT NOT NULL,
          PRIMARY KEY (day, touchpoint, stage)
        ) STRICT, WITHOUT ROWID;`);
      // Backfill from the stored JSON: a collector upgraded with data keeps its numbers.
      const update = db.prepare('UPDATE answers SET journey = ?, negative = ? WHERE id = ?');
      const rows = db.prepare<[], { body: string }>('SELECT body FROM answers').all().map(({ body }) => rowOf(JSON.parse(body)));
      for (const r of rows) update.run(r.journey, r.negative ? 1 : 0, r.id);
      // The columns of rollups as this migration creates them (later migrations add theirs).
      const columns = ROLLUP_COLUMNS.map((c, i) => [c, i] as const).filter(([c]) => !(STATE_COLUMNS as readonly string[]).includes(c) && !WITHHELD_COLUMNS.includes(c));
      const insert = db.prepare<unknown[]>(`INSERT INTO rollups (${columns.map(([c]) => c).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      for (const rollup of rollupsOf(rows)) {
        const values = valuesOf(rollup);
        insert.run(columns.map(([, i]) => values[i]));
      }
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
  {
    // The owner's triage (state, withheld comments, reply authorship and versions), its log, the
    // indexes the inbox filters by, and full-text search of comments. FTS5 rows are found by
    // `search_id`, not by the answers' rowid, which VACUUM may renumber (no INTEGER PRIMARY KEY).
    name: 'owner inbox',
    up(db) {
      db.exec(`
        ALTER TABLE answers ADD COLUMN state TEXT NOT NULL DEFAULT 'new';
        ALTER TABLE answers ADD COLUMN state_at TEXT;
        ALTER TABLE answers ADD COLUMN state_by TEXT;
        ALTER TABLE answers ADD COLUMN withheld_reason TEXT;
        ALTER TABLE answers ADD COLUMN withheld_note TEXT;
        ALTER TABLE answers ADD COLUMN withheld_at TEXT;
        ALTER TABLE answers ADD COLUMN withheld_by TEXT;
        ALTER TABLE answers ADD COLUMN reply_by TEXT;
        ALTER TABLE answers ADD COLUMN reply_version INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE answers ADD COLUMN effort_band TEXT;
        ALTER TABLE answers ADD COLUMN search_id INTEGER;
        ALTER TABLE sessions ADD COLUMN name TEXT;
        ${[...STATE_COLUMNS, ...WITHHELD_COLUMNS].map((c) => `ALTER TABLE rollups ADD COLUMN ${c} INTEGER NOT NULL DEFAULT 0;`).join('\n')}
        UPDATE answers SET reply_version = 1 WHERE reply_text IS NOT NULL;
        UPDATE answers SET effort_band = ${EFFORT_BAND_SQL};
        CREATE INDEX answers_state ON answers (state, created_ms DESC, id DESC, search_id);
        CREATE INDEX answers_emotion ON answers (emotion, created_ms DESC, id DESC);
        CREATE INDEX answers_effort_band ON answers (effort_band, created_ms DESC, id DESC);
        -- The counts per state of a content filter, read from these indexes alone (emotion or effort,
        -- a touchpoint, a search), however rare the state; answers_state's search_id does so for a search alone.
        CREATE INDEX answers_state_emotion ON answers (state, emotion, touchpoint, search_id);
        CREATE INDEX answers_state_effort_band ON answers (state, effort_band, touchpoint, search_id);
        -- A search matching few comments goes from their words to their answers.
        CREATE INDEX answers_search_id ON answers (search_id);
        CREATE TABLE answer_log (
          seq       INTEGER PRIMARY KEY AUTOINCREMENT,
          answer_id TEXT NOT NULL,
          at        TEXT NOT NULL,
          actor     TEXT NOT NULL,
          action    TEXT NOT NULL,
          detail    TEXT NOT NULL
        ) STRICT;
        CREATE INDEX answer_log_answer ON answer_log (answer_id, seq);
        CREATE VIRTUAL TABLE answers_search USING fts5(words, answer_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 0');
        -- Forgetting an answer forgets the owner's notes and replies about it, and its words.
        CREATE TRIGGER answers_forget AFTER DELETE ON answers BEGIN
          DELETE FROM answers_search WHERE rowid = old.search_id;
          DELETE FROM answer_log WHERE answer_id = lower(old.id);
        END;`);
      const index = indexWords(db);
      for (const r of db.prepare<[], { id: string; comment: string }>('SELECT lower(id) AS id, comment FROM answers WHERE comment IS NOT NULL').all()) index(r.id, r.comment);
    },
  },
  NOTICES_MIGRATION,
  OUTBOX_MIGRATION,
];

/** The effort band of a row (`core/inbox.ts` `effortBand`), in SQL. */
const EFFORT_BAND_SQL = "CASE WHEN effort IS NULL THEN NULL WHEN effort * 2 < effort_scale + 1 THEN 'hard' WHEN effort * 2 > effort_scale + 1 THEN 'easy' ELSE 'neutral' END";

/** Adds an answer's comment to the search index, and records where. */
function indexWords(db: Database) {
  const insertWords = db.prepare('INSERT INTO answers_search (words, answer_id) VALUES (?, ?)');
  const setSearchId = db.prepare('UPDATE answers SET search_id = ? WHERE id = ?');
  return (id: string, comment: string) => setSearchId.run(insertWords.run(searchText(comment), id).lastInsertRowid, id);
}

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
    INSERT OR IGNORE INTO answers (id, touchpoint, created_at, created_ms, effort, effort_scale, emotion, comment, stage, body, received_ms, journey, negative, effort_band, search_id)
    VALUES (@id, @touchpoint, @createdAt, @createdMs, @effort, @effortScale, @emotion, @comment, @stage, @body, @receivedMs, @journey, @negative, @effortBand, @searchId)`);
  const upsert = upsertRollup(db);
  // A comment's words go in first, so the answer is written once, with where they are.
  const insertWords = db.prepare('INSERT INTO answers_search (words, answer_id) VALUES (?, ?)');
  const dropWords = db.prepare('DELETE FROM answers_search WHERE rowid = ?');
  const { outbox, targets: webhookTargets, onInsert, emit } = sqliteOutbox(db, retrying);

  const insertAll = db.transaction((answers: readonly Answer[], receivedMs: number): boolean[] => {
    const added: Row[] = [];
    const addedAnswers: Answer[] = [];
    const isNew = answers.map((a) => {
      const row = rowOf(a);
      const searchId = a.comment === null ? null : insertWords.run(searchText(a.comment), row.id).lastInsertRowid;
      const stored =
        insertAnswer.run({ ...row, id: a.id, stage: a.context.stage ?? null, body: JSON.stringify(a), receivedMs, negative: row.negative ? 1 : 0, effortBand: effortBand(a.effort, a.effortScale), searchId }).changes === 1;
      if (stored) added.push(row), addedAnswers.push(a);
      // A duplicate id: its words are indexed already, with the answer stored first.
      else if (searchId !== null) dropWords.run(searchId);
      return stored;
    });
    for (const rollup of rollupsOf(added)) upsert.run(valuesOf(rollup));
    // The webhooks these answers cause, in the same transaction (the outbox).
    onInsert(addedAnswers, receivedMs, webhookTargets());
    return isNew;
  });

  // One statement per shape of feed query, so each can use its index.
  const feedQuery = (byTouchpoint: boolean, after: boolean) =>
    db.prepare<unknown[], AnswerRecord>(`
      SELECT ${FEED_COLUMNS} FROM answers
      WHERE ${byTouchpoint ? 'touchpoint = @touchpoint' : '1'} AND ${after ? '(created_ms, id) < (@ms, @id)' : '1'}
      ORDER BY created_ms DESC, id DESC LIMIT @limit`);
  const feed = [feedQuery(false, false), feedQuery(false, true), feedQuery(true, false), feedQuery(true, true)];

  const daySums = db.prepare<number[], SumsRecord>(SUMMARY_SQL.daySums);
  const dayEnds = db.prepare<number[], EndsRecord>(SUMMARY_SQL.dayEnds);
  const answerSums = db.prepare<number[], SumsRecord>(SUMMARY_SQL.answerSums);
  const answerEnds = db.prepare<number[], EndsRecord>(SUMMARY_SQL.answerEnds);
  const latestNegative = db.prepare<{ touchpoint: string; since: number; until: number }, NegativeRecord>(`
    SELECT id, comment, created_at, created_ms, effort, effort_scale, emotion FROM answers
    WHERE negative = 1 AND touchpoint = @touchpoint AND created_ms >= @since AND created_ms < @until AND withheld_reason IS NULL
    ORDER BY created_ms DESC, id LIMIT 3`);

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

  const insertSession = db.prepare('INSERT INTO sessions (id, created_at, last_seen_at, name) VALUES (?, ?, ?, ?)');
  const sessionById = db.prepare<[string], { last_seen_at: string; name: string | null }>('SELECT last_seen_at, name FROM sessions WHERE id = ?');
  const touchSession = db.prepare('UPDATE sessions SET last_seen_at = max(last_seen_at, ?) WHERE id = ?');
  const deleteSession = db.prepare('DELETE FROM sessions WHERE id = ?');
  const deleteIdle = db.prepare('DELETE FROM sessions WHERE last_seen_at <= ?');
  const iso = (ms: number) => new Date(ms).toISOString();

  // The owner's inbox. A search is matched by the search index's rowids (`search_id`), which FTS5
  // reads from its word lists alone, not by `answer_id`, which it would read from its content table
  // for every match. How many comments match (counted from the word lists, a few ms for 100,000)
  // decides the plan: few, from the matches to their answers (`answers_search_id`); many, along an
  // index in the page's order, checking each answer against the matches (`+`: not by search_id).
  const ftsQuery = (tokens: string[]) => tokens.map((t) => `"${t}"*`).join(' AND ');
  const ftsMatch = (few: boolean) => (tokens: string[]) => ({
    sql: `${few ? '' : '+'}search_id IN (SELECT rowid FROM answers_search WHERE answers_search MATCH ?)`,
    params: [ftsQuery(tokens)],
  });
  const ftsCount = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM answers_search WHERE answers_search MATCH ?');
  /** Searches matching at most this many comments go from their matches to their answers. */
  const FEW_MATCHES = COUNT_CAP;
  const logOf = db.prepare<[string], LogRecord>(`SELECT ${LOG_COLUMNS} FROM answer_log WHERE answer_id IN (SELECT value FROM json_each(?)) ORDER BY seq`);
  /** Items from their rows, with their logs read in one statement. */
  function itemsOf(rows: InboxRecord[]): InboxItem[] {
    if (!rows.length) return [];
    const logs = new Map<string, LogEntry[]>();
    for (const r of logOf.all(JSON.stringify(rows.map((row) => row.id)))) {
      const entries = logs.get(r.answer_id) ?? [];
      entries.push(logEntry(r));
      logs.set(r.answer_id, entries);
    }
    return rows.map((row) => inboxItem(row, logs.get(row.id) ?? []));
  }
  const inboxRow = db.prepare<[string], InboxRecord & { touchpoint: string; stage: string; created_ms: number }>(
    `SELECT ${INBOX_COLUMNS}, touchpoint, coalesce(stage, '') AS stage, created_ms, reply_text FROM answers WHERE id = ?`,
  );
  const itemById = (id: string): InboxItem | null => {
    const row = inboxRow.get(id);
    return row ? itemsOf([row])[0] : null;
  };
  /** Statements built per shape of query, kept: the inbox asks a handful of shapes again and again. */
  const statements = new Map<string, BetterSqlite3.Statement<unknown[]>>();
  const statement = (sql: string) => {
    let st = statements.get(sql);
    if (!st) statements.set(sql, (st = db.prepare<unknown[]>(sql)));
    return st;
  };
  /** Whether a search matches few comments (true without a search: there is nothing to go from). */
  const fewMatches = (q: InboxQuery): boolean => !q.words?.length || ftsCount.get(ftsQuery(q.words))!.n <= FEW_MATCHES;
  /** A search matching few comments starts from them even beside other filters, whose indexes the planner would otherwise walk whole. */
  const answersFor = (q: InboxQuery, few: boolean) => (q.words?.length && few ? 'answers INDEXED BY answers_search_id' : 'answers');
  // `answers.`: the columns, not INBOX_COLUMNS' `lower(id) AS id`, so the index gives the order.
  function inboxPage(q: InboxQuery, few: boolean): InboxItem[] {
    const where = inboxWhere(q, ftsMatch(few));
    const sql = `SELECT ${INBOX_COLUMNS} FROM ${answersFor(q, few)} WHERE ${where.sql} ORDER BY answers.created_ms DESC, answers.id DESC LIMIT ?`;
    return itemsOf(statement(sql).all(...where.params, q.limit) as InboxRecord[]);
  }
  /** Counts per state of a content filter, each counted one by one up to `COUNT_CAP`. */
  function cappedCounts(q: InboxQuery, few: boolean): { counts: StateCounts; countsExact: boolean } {
    if (q.words?.length && few) {
      // At most FEW_MATCHES answers, each read once: exact.
      const where = inboxWhere(q, ftsMatch(true), { state: false, cursor: false });
      const rows = statement(`SELECT state, count(*) AS n FROM ${answersFor(q, few)} WHERE ${where.sql} GROUP BY state`).all(...where.params) as { state: string; n: number }[];
      const counts = Object.fromEntries(STATES.map((st) => [st, rows.find((r) => r.state === st)?.n ?? 0])) as StateCounts;
      return { counts, countsExact: true };
    }
    const where = inboxWhere(q, ftsMatch(false), { state: false, cursor: false });
    const count = statement(`SELECT count(*) AS n FROM (SELECT 1 FROM answers WHERE state = ? AND ${where.sql} LIMIT ${COUNT_CAP + 1})`);
    const counts = Object.fromEntries(STATES.map((st) => [st, (count.get(st, ...where.params) as { n: number }).n])) as StateCounts;
    const countsExact = STATES.every((st) => counts[st] <= COUNT_CAP);
    for (const st of STATES) counts[st] = Math.min(counts[st], COUNT_CAP);
    return { counts, countsExact };
  }

  const appendLog = db.prepare('INSERT INTO answer_log (answer_id, at, actor, action, detail) VALUES (?, ?, ?, ?, ?)');
  const log = (entry: LogEntry) => appendLog.run(entry.answerId, entry.at, entry.by, entry.action, logDetail(entry));
  const adjust = db.prepare<unknown[]>(ROLLUP_ADJUST);
  const setState = db.prepare('UPDATE answers SET state = ?, state_at = ?, state_by = ? WHERE id = ?');
  const setWithheld = db.prepare('UPDATE answers SET withheld_reason = ?, withheld_note = ?, withheld_at = ?, withheld_by = ? WHERE id = ?');
  const change = db.transaction((ids: readonly string[], change: Change, actor: Actor): InboxItem[] => {
    const found: InboxItem[] = [];
    for (const id of [...new Set(ids.map((i) => i.toLowerCase()))]) {
      const row = inboxRow.get(id);
      if (!row) continue;
      const plan = planChange(row, change, actor);
      if (plan.state) setState.run(plan.state, actor.at, actor.by, id);
      if (plan.withheld === null) setWithheld.run(null, null, null, null, id);
      else if (plan.withheld) setWithheld.run(plan.withheld.reason, plan.withheld.note, actor.at, actor.by, id);
      plan.log.forEach(log);
      if (movesCounts(plan)) adjust.run(...adjustValues({ day: dayOf(Number(row.created_ms)), touchpoint: row.touchpoint, stage: row.stage }, plan.from, plan.to));
      found.push(itemById(id)!);
    }
    return found;
  });
  const addNote = db.transaction((id: string, text: string, { by, at }: Actor): InboxItem | null => {
    if (!inboxRow.get(id)) return null;
    log({ answerId: id, at, by, action: 'note', text });
    return itemById(id);
  });
  const setReply = db.prepare('UPDATE answers SET reply_text = ?, reply_at = ?, reply_by = ?, reply_version = ? WHERE id = ?');
  const clearReply = db.prepare('UPDATE answers SET reply_text = NULL, reply_at = NULL, reply_by = NULL WHERE id = ?');
  const reply = db.transaction((id: string, text: string, actor: Actor, version?: number): InboxItem | null => {
    const row = inboxRow.get(id);
    if (!row) return null;
    const plan = planReply(row, text, version, actor);
    if (plan === 'conflict') throw new ReplyConflict(itemById(id)!);
    if (plan) {
      setReply.run(text, actor.at, actor.by, plan.version, id);
      log(plan.log);
    }
    return itemById(id);
  });
  const deleteReply = db.transaction((id: string, actor: Actor): InboxItem | null => {
    const row = inboxRow.get(id);
    if (!row) return null;
    const entry = planDeleteReply(row, actor);
    if (entry) {
      clearReply.run(id);
      log(entry);
    }
    return itemById(id);
  });
  const auditPage = db.prepare<[number, number], LogRecord>(`SELECT ${LOG_COLUMNS} FROM answer_log WHERE seq < ? ORDER BY seq DESC LIMIT ?`);

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
    ...noticesSqlite(db, retrying, emit),
    outbox,
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

    async inbox(q) {
      const few = q.words?.length ? await inTurn(() => fewMatches(q)) : true;
      const items = await inTurn(() => inboxPage(q, few));
      if (q.counts === false) return { items, counts: { new: 0, acknowledged: 0, resolved: 0 }, countsExact: false };
      if (filtersContent(q)) return { items, ...(await inTurn(() => cappedCounts(q, few))) };
      // Without a content filter the counts come from the rollups: exact, however many answers.
      const split = splitPeriod(q.since, q.until);
      const sums = await inTurn(() => daySums.all(split.fromDay, split.toDay));
      for (const [from, to] of split.edges) for (const hour of slices(from, to, 3_600_000)) sums.push(...(await inTurn(() => answerSums.all(...hour))));
      return { items, counts: stateCountsOfSums(sums, q.touchpoint), countsExact: true };
    },
    inboxItem: (id) => retrying(() => itemById(id)),
    touchpoints: () => retrying(() => db.prepare<[], { touchpoint: string }>('SELECT DISTINCT touchpoint FROM rollups ORDER BY touchpoint').all().map((r) => r.touchpoint)),
    change: (ids, c, actor) => retrying(() => change(ids, c, actor)),
    addNote: (id, text, actor) => retrying(() => addNote(id, text, actor)),
    reply: (id, text, actor, version) => retrying(() => reply(id, text, actor, version)),
    deleteReply: (id, actor) => retrying(() => deleteReply(id, actor)),
    audit: ({ before, limit }) => retrying(() => auditPage.all(before ?? Number.MAX_SAFE_INTEGER, limit).map(logEntry)),
    forgetJourney: (journey) => retrying(() => forget(journey.toLowerCase())),
    expire: (beforeMs, limit) => retrying(() => expire(beforeMs, limit)),
    createSession: (id, nowMs, name = null) => retrying(() => void insertSession.run(id, iso(nowMs), iso(nowMs), name)),
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
        return { expiresMs: seen + SESSION_IDLE_MS, name: row.name };
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
