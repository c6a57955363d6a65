import type { Pool, PoolClient } from 'pg';
import { effortBand, STATES, type InboxItem, type LogEntry, type StateCounts } from '../../core/inbox.js';
import { COUNT_CAP, filtersContent, inboxWhere, searchText } from './inbox-query.js';
import { adjustValues, COUNT_COLUMNS, countsOfSums, FIRST_COUNT_COLUMNS, dayOf, numbered, rollupsOf, rowOf, ROLLUP_ADJUST, ROLLUP_COLUMNS, ROLLUP_MERGE, splitPeriod, stateCountsOfSums, STATE_COLUMNS, SUMMARY_SQL, summaryOf, valuesOf, WITHHELD_COLUMNS, type EndsRecord, type Rollup, type SumsRecord } from './rollup.js';
import { FEED_COLUMNS, feedItem, INBOX_COLUMNS, inboxItem, LOG_COLUMNS, logDetail, logEntry, negativeOf, ROW_COLUMNS, rowOfRecord, type AnswerRecord, type InboxRecord, type LogRecord, type NegativeRecord, type RowRecord } from './records.js';
import { NOTICES_MIGRATION, noticesPostgres } from './notices-postgres.js';
import { OUTBOX_MIGRATION, postgresOutbox } from './outbox-postgres.js';
import { webhooksPending } from '../outbox/events.js';
import { movesCounts, planChange, planDeleteReply, planReply, type ReplyRow } from './triage.js';
import { MissingDriver, ReplyConflict, SESSION_IDLE_MS, SESSION_TOUCH_MS, StorageUnavailable, type FeedQuery, type Storage } from './storage.js';

export interface PostgresOptions {
  /** At most this many connections per collector process. */
  poolSize?: number;
  /** Where the pool reports a connection that failed while idle (the server restarted). */
  log?: (message: string) => void;
}

const ROLLUP_TYPES = ['int', 'text', 'text', ...COUNT_COLUMNS.map(() => 'int'), 'bigint', 'text', 'text', 'bigint', 'text', 'text'];

/** The effort band of a row (`core/inbox.ts` `effortBand`), in SQL. */
const EFFORT_BAND_SQL = "CASE WHEN effort IS NULL THEN NULL WHEN effort * 2 < effort_scale + 1 THEN 'hard' WHEN effort * 2 > effort_scale + 1 THEN 'easy' ELSE 'neutral' END";

/**
 * Migrations, applied in order on start, each in its own transaction, and recorded. Ids are
 * stored in lower case with byte order (`COLLATE "C"`), so they are unique whatever their case
 * and sort the same as in SQLite whatever the database's locale.
 */
const MIGRATIONS: { name: string; sql: string; after?: (client: PoolClient) => Promise<void> }[] = [
  {
    name: 'answers, journeys, negative comments and daily rollups',
    sql: `
      CREATE TABLE answers (
        id           text COLLATE "C" PRIMARY KEY,
        touchpoint   text COLLATE "C" NOT NULL,
        created_at   text NOT NULL,
        created_ms   bigint NOT NULL,
        effort       smallint,
        effort_scale smallint NOT NULL,
        emotion      text,
        comment      text,
        stage        text COLLATE "C" NOT NULL,
        journey      text COLLATE "C" NOT NULL,
        negative     boolean NOT NULL,
        body         text NOT NULL,
        received_ms  bigint NOT NULL,
        reply_text   text,
        reply_at     text
      );
      CREATE INDEX answers_newest ON answers (created_ms DESC, id DESC);
      CREATE INDEX answers_touchpoint_newest ON answers (touchpoint, created_ms DESC, id DESC);
      CREATE INDEX answers_journey ON answers (journey);
      CREATE INDEX answers_negative ON answers (touchpoint, created_ms DESC, id) WHERE negative;
      CREATE TABLE rollups (
        day integer NOT NULL, touchpoint text COLLATE "C" NOT NULL, stage text COLLATE "C" NOT NULL,
        ${FIRST_COUNT_COLUMNS.map((c) => `${c} integer NOT NULL`).join(', ')},
        first_ms bigint NOT NULL, first_id text COLLATE "C" NOT NULL, first_at text NOT NULL,
        last_ms bigint NOT NULL, last_id text COLLATE "C" NOT NULL, last_at text NOT NULL,
        PRIMARY KEY (day, touchpoint, stage)
      );`,
  },
  {
    // id: the SHA-256 (hex) of the cookie's random id. Times as `toISOString()`, compared as text
    // in byte order, as in SQLite.
    name: 'owner sessions',
    sql: `
      CREATE TABLE sessions (
        id           text COLLATE "C" PRIMARY KEY,
        created_at   text COLLATE "C" NOT NULL,
        last_seen_at text COLLATE "C" NOT NULL
      );
      CREATE INDEX sessions_last_seen ON sessions (last_seen_at);`,
  },
  {
    // The owner's triage, its log (gone with its answer), the indexes the inbox filters by, and
    // full-text search over \`search\`: the comment's words folded as in SQLite (\`searchText\`),
    // since the accent-folding \`unaccent\` is an extension a site may not be allowed to create.
    name: 'owner inbox',
    sql: `
      ALTER TABLE answers
        ADD COLUMN state text COLLATE "C" NOT NULL DEFAULT 'new',
        ADD COLUMN state_at text, ADD COLUMN state_by text,
        ADD COLUMN withheld_reason text COLLATE "C", ADD COLUMN withheld_note text, ADD COLUMN withheld_at text, ADD COLUMN withheld_by text,
        ADD COLUMN reply_by text, ADD COLUMN reply_version integer NOT NULL DEFAULT 0,
        ADD COLUMN effort_band text COLLATE "C",
        ADD COLUMN search text NOT NULL DEFAULT '';
      ALTER TABLE rollups ${[...STATE_COLUMNS, ...WITHHELD_COLUMNS].map((c) => `ADD COLUMN ${c} integer NOT NULL DEFAULT 0`).join(', ')};
      ALTER TABLE sessions ADD COLUMN name text;
      UPDATE answers SET reply_version = 1 WHERE reply_text IS NOT NULL;
      UPDATE answers SET effort_band = ${EFFORT_BAND_SQL} WHERE effort IS NOT NULL;
      CREATE INDEX answers_state ON answers (state, created_ms DESC, id DESC);
      CREATE INDEX answers_emotion ON answers (emotion, created_ms DESC, id DESC);
      CREATE INDEX answers_effort_band ON answers (effort_band, created_ms DESC, id DESC);
      -- The counts per state of an emotion or effort (and a touchpoint), however rare the state.
      CREATE INDEX answers_state_emotion ON answers (state, emotion, touchpoint);
      CREATE INDEX answers_state_effort_band ON answers (state, effort_band, touchpoint);
      CREATE INDEX answers_search ON answers USING gin (to_tsvector('simple', search));
      CREATE TABLE answer_log (
        seq       bigserial PRIMARY KEY,
        answer_id text COLLATE "C" NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
        at        text NOT NULL,
        actor     text NOT NULL,
        action    text NOT NULL,
        detail    text NOT NULL
      );
      CREATE INDEX answer_log_answer ON answer_log (answer_id, seq);`,
    async after(client) {
      const { rows } = await client.query<{ id: string; comment: string }>('SELECT id, comment FROM answers WHERE comment IS NOT NULL');
      for (let i = 0; i < rows.length; i += 1000) {
        const part = rows.slice(i, i + 1000);
        await client.query('UPDATE answers SET search = s.search FROM unnest($1::text[], $2::text[]) AS s(id, search) WHERE answers.id = s.id', [
          part.map((r) => r.id),
          part.map((r) => searchText(r.comment)),
        ]);
      }
    },
  },
  NOTICES_MIGRATION,
  OUTBOX_MIGRATION,
];

const ANSWER_COLUMNS = ['id', 'touchpoint', 'created_at', 'created_ms', 'effort', 'effort_scale', 'emotion', 'comment', 'stage', 'journey', 'negative', 'body', 'received_ms', 'effort_band', 'search'];
const ANSWER_TYPES = ['text', 'text', 'text', 'bigint', 'smallint', 'smallint', 'text', 'text', 'text', 'text', 'boolean', 'text', 'bigint', 'text', 'text'];

// Rows arrive as arrays, one per column (`unnest`): one statement and a fixed number of parameters
// for any group. The same statement marks the new answers among the last parameter's ids for
// `answer.created` (the webhook outbox: in the insert's transaction, at no extra round trip).
const INSERT_ANSWERS = `
  WITH added AS (
    INSERT INTO answers (${ANSWER_COLUMNS.join(', ')})
    SELECT * FROM unnest(${ANSWER_TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})
    ON CONFLICT (id) DO NOTHING RETURNING id
  ), marked AS (
    INSERT INTO webhook_marks (answer_id) SELECT id FROM added WHERE id = ANY($${ANSWER_TYPES.length + 1}::text[]) ORDER BY id
  )
  SELECT id FROM added`;

const UPSERT_ROLLUPS = `
  INSERT INTO rollups AS r (${ROLLUP_COLUMNS.join(', ')})
  SELECT * FROM unnest(${ROLLUP_TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ')}) ${ROLLUP_MERGE}`;
const UPDATE_ROLLUP = `
  UPDATE rollups SET ${ROLLUP_COLUMNS.slice(3).map((c, i) => `${c} = $${i + 4}`).join(', ')}
  WHERE day = $1 AND touchpoint = $2 AND stage = $3`;


const iso = (ms: number) => new Date(ms).toISOString();

/** Searches matching at most this many answers go from their ids to their answers; more, along the page's order. */
const FEW_MATCHES = 2000;
/** A search first checks this many of the newest answers that pass its other filters. */
const PROBE = 2000;

/** Columns as arrays, for `unnest`. */
const columnsOf = (rows: unknown[][], width: number): unknown[][] => Array.from({ length: width }, (_, i) => rows.map((r) => r[i]));

async function loadDriver(): Promise<typeof import('pg')> {
  try {
    const pg = await import('pg');
    return (pg.default ?? pg) as typeof import('pg');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') throw new MissingDriver('PostgreSQL storage', 'pg', '8');
    throw error;
  }
}

/**
 * Connection failures, a server shutting down or restarting, too many connections, deadlocks and
 * serialization failures: worth retrying later. Anything else is a bug and stays a 500.
 */
function unavailable(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return true;
  return /^(08|40|53|57|58)/.test(code);
}

/** PostgreSQL through node-postgres: a pool per process; any number of processes share the database. */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Storage> {
  const pg = await loadDriver();
  const pool: Pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    idleTimeoutMillis: 30_000,
    // A database that does not answer is unavailable, not a request hanging for ever.
    connectionTimeoutMillis: 5000,
    statement_timeout: 10_000,
    query_timeout: 15_000,
    // bigint columns hold epoch milliseconds: safe integers, read as numbers.
    types: { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === 20 ? Number : pg.types.getTypeParser(oid, format as 'text')) } as never,
  });
  // An idle connection the server dropped (a restart) must not crash the process; the pool replaces it.
  pool.on('error', (error) => options.log?.(`touchpoint collector: PostgreSQL connection lost: ${error.message}`));

  /** Runs `work` on one connection; in a transaction when `tx`. Failures worth a retry become StorageUnavailable. */
  async function using<T>(tx: boolean, work: (client: PoolClient) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw new StorageUnavailable(5, { cause: error });
    }
    let broken: unknown;
    // pg-pool stops listening on a client it lends out: a server that goes away mid-query then
    // emits 'error' on it, and an 'error' nobody listens to ends the process.
    const lost = (error: Error) => void (broken ??= error);
    client.on('error', lost);
    try {
      if (!tx) return await work(client);
      await client.query('BEGIN');
      try {
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((e: unknown) => (broken = e));
        throw error;
      }
    } catch (error) {
      // A refusal decided inside the transaction (rolled back above), not a database failure.
      if (error instanceof ReplyConflict) throw error;
      if (unavailable(error)) {
        broken ??= error;
        throw new StorageUnavailable(5, { cause: error });
      }
      throw error;
    } finally {
      client.off('error', lost);
      // A connection that failed is closed, not returned to the pool.
      client.release(broken instanceof Error ? broken : broken ? new Error(String(broken)) : undefined);
    }
  }

  await using(true, async (client) => {
    // One collector migrates at a time; the others wait here and find the work done.
    await client.query("SELECT pg_advisory_xact_lock(hashtext('touchpoint_migrations'))");
    await client.query('CREATE TABLE IF NOT EXISTS touchpoint_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM touchpoint_migrations');
    const applied = new Set(rows.map((r) => r.version));
    for (const [i, m] of MIGRATIONS.entries()) {
      if (applied.has(i + 1)) continue;
      await client.query(m.sql);
      await m.after?.(client);
      await client.query('INSERT INTO touchpoint_migrations (version, name) VALUES ($1, $2)', [i + 1, m.name]);
    }
  });

  const tsMatch = (tokens: string[]) => ({ sql: "to_tsvector('simple', search) @@ to_tsquery('simple', ?)", params: [tokens.map((t) => `${t}:*`).join(' & ')] });

  /** Items from their rows, with their logs read in one query. */
  async function itemsOf(client: PoolClient, rows: InboxRecord[]): Promise<InboxItem[]> {
    if (!rows.length) return [];
    const logs = new Map<string, LogEntry[]>();
    const { rows: entries } = await client.query<LogRecord>(`SELECT ${LOG_COLUMNS} FROM answer_log WHERE answer_id = ANY($1::text[]) ORDER BY seq`, [rows.map((r) => r.id)]);
    for (const r of entries) {
      const list = logs.get(r.answer_id) ?? [];
      list.push(logEntry(r));
      logs.set(r.answer_id, list);
    }
    return rows.map((row) => inboxItem(row, logs.get(row.id) ?? []));
  }

  async function itemById(client: PoolClient, id: string): Promise<InboxItem | null> {
    const { rows } = await client.query<InboxRecord>(`SELECT ${INBOX_COLUMNS} FROM answers WHERE id = $1`, [id.toLowerCase()]);
    return rows.length ? (await itemsOf(client, rows))[0] : null;
  }

  const log = (client: PoolClient, entry: LogEntry) =>
    client.query('INSERT INTO answer_log (answer_id, at, actor, action, detail) VALUES ($1, $2, $3, $4, $5)', [entry.answerId, entry.at, entry.by, entry.action, logDetail(entry)]);

  /** Counts the answers of these rollup keys again after some were deleted, holding each rollup row so writers wait. */
  async function recount(client: PoolClient, keys: Rollup[]): Promise<void> {
    for (const k of keys) {
      const key = [k.day, k.touchpoint, k.stage];
      await client.query('SELECT 1 FROM rollups WHERE day = $1 AND touchpoint = $2 AND stage = $3 FOR UPDATE', key);
      const { rows } = await client.query<RowRecord>(
        `SELECT ${ROW_COLUMNS} FROM answers WHERE touchpoint = $1 AND stage = $2 AND created_ms >= $3 AND created_ms < $4`,
        [k.touchpoint, k.stage, k.day * 86_400_000, (k.day + 1) * 86_400_000],
      );
      const [rollup] = rollupsOf(rows.map(rowOfRecord));
      if (rollup) await client.query(UPDATE_ROLLUP, valuesOf(rollup));
      else await client.query('DELETE FROM rollups WHERE day = $1 AND touchpoint = $2 AND stage = $3', key);
    }
  }

  const { outbox, targets: webhookTargets, onInsert, emit } = postgresOutbox(using);

  return {
    engine: 'postgres',
    outbox,
    ...noticesPostgres(using, emit),

    insert: (answers, receivedMs) => {
      if (!answers.length) return Promise.resolve([]);
      return using(true, async (client) => {
        const targets = await webhookTargets(client);
        const rows = answers.map(rowOf);
        // In id order, so two transactions inserting the same ids wait for each other instead of deadlocking.
        const order = rows.map((_, i) => i).sort((a, b) => (rows[a].id < rows[b].id ? -1 : +(rows[a].id > rows[b].id)));
        const values = order.map((i) => {
          const r = rows[i];
          return [r.id, r.touchpoint, r.createdAt, r.createdMs, r.effort, r.effortScale, r.emotion, r.comment, r.stage, r.journey, r.negative, JSON.stringify(answers[i]), receivedMs, effortBand(r.effort, r.effortScale), searchText(r.comment)];
        });
        const marked = rows.filter((_, i) => webhooksPending(targets, answers[i])).map((r) => r.id);
        const inserted = new Set((await client.query<{ id: string }>(INSERT_ANSWERS, [...columnsOf(values, ANSWER_COLUMNS.length), marked])).rows.map((r) => r.id));
        // Only the first answer with a new id was stored; a repeat in the same request is a duplicate.
        const isNew = rows.map((r) => inserted.delete(r.id));
        const rollups = rollupsOf(rows.filter((_, i) => isNew[i]));
        if (rollups.length) await client.query(UPSERT_ROLLUPS, columnsOf(rollups.map(valuesOf), ROLLUP_COLUMNS.length));
        // The webhooks these answers cause, in the same transaction (the outbox): marked above, and moments of truth.
        await onInsert(client, answers.filter((_, i) => isNew[i]), receivedMs, targets);
        return isNew;
      });
    },

    feed: ({ touchpoint, before, limit }: FeedQuery) =>
      using(false, async (client) => {
        const params: unknown[] = [limit];
        const where: string[] = [];
        if (touchpoint) where.push(`touchpoint = $${params.push(touchpoint)}`);
        if (before) where.push(`(created_ms, id) < ($${params.push(before.ms)}, $${params.push(before.id.toLowerCase())})`);
        const { rows } = await client.query<AnswerRecord>(
          `SELECT ${FEED_COLUMNS} FROM answers ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_ms DESC, id DESC LIMIT $1`,
          params,
        );
        return rows.map(feedItem);
      }),

    summary: ({ since, until }) =>
      using(false, async (client) => {
        const split = splitPeriod(since?.ms, until?.ms);
        const days = [split.fromDay, split.toDay];
        const sums = async (range: number[], sumsSql: string, endsSql: string) =>
          countsOfSums((await client.query<SumsRecord>(numbered(sumsSql), range)).rows, (await client.query<EndsRecord>(numbered(endsSql), range)).rows);
        const counts = await sums(days, SUMMARY_SQL.daySums, SUMMARY_SQL.dayEnds);
        for (const edge of split.edges) counts.push(...(await sums(edge, SUMMARY_SQL.answerSums, SUMMARY_SQL.answerEnds)));
        const touchpoints = new Set(counts.map((c) => c.touchpoint));
        const { rows: negative } = await client.query<NegativeRecord & { touchpoint: string }>(
          `SELECT t.touchpoint, n.* FROM unnest($1::text[]) AS t(touchpoint) CROSS JOIN LATERAL (
             -- The id as sent (the column holds it in lower case); ORDER BY below names the column.
             SELECT (body::json)->>'id' AS id, comment, created_at, created_ms, effort, effort_scale, emotion FROM answers
             WHERE negative AND touchpoint = t.touchpoint AND created_ms >= $2 AND created_ms < $3 AND withheld_reason IS NULL
             ORDER BY answers.created_ms DESC, answers.id LIMIT 3) AS n`,
          [[...touchpoints], ...split.window],
        );
        return summaryOf(
          { since: since?.iso, until: until?.iso },
          { counts, negative: negative.map((r) => negativeOf(r.touchpoint, r)) },
        );
      }),

    async inbox(q) {
      return using(false, async (client) => {
        // A search: the planner cannot tell how many answers a prefix matches (after ANALYZE it still
        // expected 20,000 of 1,000,000 both for a word in 1 comment in 4 and for one in 20,000), and
        // walks answers_newest whole for a rare word (2 s at 1,000,000). So, first, the newest
        // PROBE answers that pass the other filters, checked in order: a word in many comments fills
        // the page from them. Otherwise the ids the word matches, read once from the GIN index: few,
        // they are the filter and the page is sorted from them (`+ 0` keeps it off answers_newest;
        // no BitmapAnd with a filter's large index); many, along the page's order, as the probe did.
        let words: (tokens: string[]) => { sql: string; params: unknown[] } = tsMatch;
        let rows: InboxRecord[] | null = null;
        if (q.words?.length) {
          const search = tsMatch(q.words);
          const others = inboxWhere({ ...q, words: undefined }, tsMatch);
          const probe = numbered(`
            SELECT * FROM (
              SELECT ${INBOX_COLUMNS}, search, answers.created_ms AS position_ms, answers.id AS position_id FROM answers
              WHERE ${others.sql} ORDER BY answers.created_ms DESC, answers.id DESC LIMIT ${PROBE}) AS newest
            WHERE ${search.sql.replace('search', 'newest.search')} ORDER BY position_ms DESC, position_id DESC LIMIT ?`);
          const found = (await client.query<InboxRecord>(probe, [...others.params, ...search.params, q.limit])).rows;
          if (found.length === q.limit) rows = found;
          else {
            const sql = numbered(`SELECT array_agg(id) AS ids FROM (SELECT id FROM answers WHERE ${search.sql} LIMIT ${FEW_MATCHES + 1}) AS m`);
            const ids = (await client.query<{ ids: string[] | null }>(sql, search.params)).rows[0].ids ?? [];
            if (ids.length <= FEW_MATCHES) words = () => ({ sql: 'answers.id = ANY(?::text[])', params: [ids] });
          }
        }
        if (!rows) {
          const where = inboxWhere(q, words);
          // `answers.`: the columns, not INBOX_COLUMNS' `lower(id) AS id`, so an index gives the order.
          const order = `answers.created_ms${words !== tsMatch ? ' + 0' : ''} DESC, answers.id DESC`;
          rows = (await client.query<InboxRecord>(numbered(`SELECT ${INBOX_COLUMNS} FROM answers WHERE ${where.sql} ORDER BY ${order} LIMIT ?`), [...where.params, q.limit])).rows;
        }
        const items = await itemsOf(client, rows);
        if (q.counts === false) return { items, counts: { new: 0, acknowledged: 0, resolved: 0 }, countsExact: false };
        if (filtersContent(q)) {
          // Counted one by one up to COUNT_CAP per state; beyond, lower bounds.
          const all = inboxWhere(q, words, { state: false, cursor: false });
          const counts = {} as StateCounts;
          for (const st of STATES) {
            const sql = numbered(`SELECT count(*)::int AS n FROM (SELECT 1 FROM answers WHERE state = ? AND ${all.sql} LIMIT ${COUNT_CAP + 1}) AS m`);
            counts[st] = (await client.query<{ n: number }>(sql, [st, ...all.params])).rows[0].n;
          }
          const countsExact = STATES.every((st) => counts[st] <= COUNT_CAP);
          for (const st of STATES) counts[st] = Math.min(counts[st], COUNT_CAP);
          return { items, counts, countsExact };
        }
        // Without a content filter the counts come from the rollups: exact, however many answers.
        const split = splitPeriod(q.since, q.until);
        const sums = (await client.query<SumsRecord>(numbered(SUMMARY_SQL.daySums), [split.fromDay, split.toDay])).rows;
        for (const edge of split.edges) sums.push(...(await client.query<SumsRecord>(numbered(SUMMARY_SQL.answerSums), edge)).rows);
        return { items, counts: stateCountsOfSums(sums, q.touchpoint), countsExact: true };
      });
    },

    inboxItem: (id) => using(false, (client) => itemById(client, id)),
    touchpoints: () => using(false, async (client) => (await client.query<{ touchpoint: string }>('SELECT DISTINCT touchpoint FROM rollups ORDER BY touchpoint')).rows.map((r) => r.touchpoint)),

    change: (ids, change, actor) =>
      using(true, async (client) => {
        const wanted = [...new Set(ids.map((i) => i.toLowerCase()))];
        // Locked in id order, so two owners changing the same answers wait for each other instead of deadlocking.
        const { rows } = await client.query<InboxRecord & { touchpoint: string; stage: string; created_ms: number }>(
          `SELECT ${INBOX_COLUMNS}, touchpoint, stage, created_ms FROM answers WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`,
          [wanted],
        );
        const { by, at } = actor;
        for (const row of rows) {
          const plan = planChange(row, change, actor);
          if (plan.state) await client.query('UPDATE answers SET state = $1, state_at = $2, state_by = $3 WHERE id = $4', [plan.state, at, by, row.id]);
          if (plan.withheld === null)
            await client.query('UPDATE answers SET withheld_reason = NULL, withheld_note = NULL, withheld_at = NULL, withheld_by = NULL WHERE id = $1', [row.id]);
          else if (plan.withheld)
            await client.query('UPDATE answers SET withheld_reason = $1, withheld_note = $2, withheld_at = $3, withheld_by = $4 WHERE id = $5', [plan.withheld.reason, plan.withheld.note, at, by, row.id]);
          for (const entry of plan.log) await log(client, entry);
          if (movesCounts(plan)) await client.query(numbered(ROLLUP_ADJUST), adjustValues({ day: dayOf(Number(row.created_ms)), touchpoint: row.touchpoint, stage: row.stage }, plan.from, plan.to));
        }
        const { rows: after } = await client.query<InboxRecord>(`SELECT ${INBOX_COLUMNS} FROM answers WHERE id = ANY($1::text[])`, [wanted]);
        const items = new Map((await itemsOf(client, after)).map((item) => [item.id.toLowerCase(), item]));
        return wanted.flatMap((id) => items.get(id) ?? []);
      }),

    addNote: (id, text, actor) =>
      using(true, async (client) => {
        const { rows } = await client.query('SELECT 1 FROM answers WHERE id = $1 FOR SHARE', [id.toLowerCase()]);
        if (!rows.length) return null;
        await log(client, { answerId: id.toLowerCase(), ...actor, action: 'note', text });
        return itemById(client, id);
      }),

    reply: (id, text, actor, version) =>
      using(true, async (client) => {
        const key = id.toLowerCase();
        const { rows } = await client.query<ReplyRow>('SELECT id, reply_text, reply_version FROM answers WHERE id = $1 FOR UPDATE', [key]);
        if (!rows.length) return null;
        const plan = planReply(rows[0], text, version, actor);
        if (plan === 'conflict') throw new ReplyConflict((await itemById(client, key))!);
        if (plan) {
          await client.query('UPDATE answers SET reply_text = $1, reply_at = $2, reply_by = $3, reply_version = $4 WHERE id = $5', [text, actor.at, actor.by, plan.version, key]);
          await log(client, plan.log);
        }
        return itemById(client, key);
      }),

    deleteReply: (id, actor) =>
      using(true, async (client) => {
        const key = id.toLowerCase();
        const { rows } = await client.query<ReplyRow>('SELECT id, reply_text, reply_version FROM answers WHERE id = $1 FOR UPDATE', [key]);
        if (!rows.length) return null;
        const entry = planDeleteReply(rows[0], actor);
        if (entry) {
          await client.query('UPDATE answers SET reply_text = NULL, reply_at = NULL, reply_by = NULL WHERE id = $1', [key]);
          await log(client, entry);
        }
        return itemById(client, key);
      }),

    audit: ({ before, limit }) =>
      using(false, async (client) =>
        (await client.query<LogRecord>(`SELECT ${LOG_COLUMNS} FROM answer_log WHERE seq < $1 ORDER BY seq DESC LIMIT $2`, [before ?? Number.MAX_SAFE_INTEGER, limit])).rows.map(logEntry),
      ),

    forgetJourney: (journey) =>
      using(true, async (client) => {
        const { rows } = await client.query<RowRecord>(`DELETE FROM answers WHERE journey = $1 RETURNING ${ROW_COLUMNS}`, [journey.toLowerCase()]);
        await recount(client, rollupsOf(rows.map(rowOfRecord)));
        return rows.length;
      }),

    expire: (beforeMs, limit) =>
      using(true, async (client) => {
        const { rows } = await client.query<RowRecord>(
          `DELETE FROM answers WHERE id IN (SELECT id FROM answers WHERE created_ms < $1 ORDER BY created_ms, id LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING ${ROW_COLUMNS}`,
          [beforeMs, limit],
        );
        await recount(client, rollupsOf(rows.map(rowOfRecord)));
        return rows.length;
      }),

    createSession: (id, nowMs, name) =>
      using(false, async (client) => {
        await client.query('INSERT INTO sessions (id, created_at, last_seen_at, name) VALUES ($1, $2, $2, $3)', [id, iso(nowMs), name ?? null]);
      }),

    session: (id, nowMs) =>
      using(false, async (client) => {
        const { rows } = await client.query<{ last_seen_at: string; name: string | null }>('SELECT last_seen_at, name FROM sessions WHERE id = $1', [id]);
        if (!rows.length) return null;
        let seen = Date.parse(rows[0].last_seen_at);
        if (nowMs - seen >= SESSION_IDLE_MS) return null;
        if (nowMs - seen >= SESSION_TOUCH_MS) {
          // GREATEST: another collector may have recorded a later use meanwhile. No row: signed out meanwhile.
          const touched = await client.query<{ last_seen_at: string }>(
            'UPDATE sessions SET last_seen_at = GREATEST(last_seen_at, $2) WHERE id = $1 RETURNING last_seen_at',
            [id, iso(nowMs)],
          );
          if (!touched.rows.length) return null;
          seen = Date.parse(touched.rows[0].last_seen_at);
        }
        return { expiresMs: seen + SESSION_IDLE_MS, name: rows[0].name };
      }),

    deleteSession: (id) =>
      using(false, async (client) => {
        await client.query('DELETE FROM sessions WHERE id = $1', [id]);
      }),

    deleteExpiredSessions: (nowMs) =>
      using(false, async (client) => (await client.query('DELETE FROM sessions WHERE last_seen_at <= $1', [iso(nowMs - SESSION_IDLE_MS)])).rowCount ?? 0),

    close: () => pool.end(),
  };
}
