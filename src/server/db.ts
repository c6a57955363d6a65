import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Answer } from '../core/answer.js';
import type { FeedItem } from '../core/feed.js';
import type { SummaryInput } from '../core/summary.js';

/**
 * Answers are kept as the exact JSON that was validated (`body`), plus the columns the feed, the
 * summary and replies query. Times are also stored as epoch milliseconds: ISO strings with and
 * without milliseconds do not sort as text.
 */
const SCHEMA = `
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
  CREATE INDEX IF NOT EXISTS answers_touchpoint_newest ON answers (touchpoint, created_ms DESC, id DESC);
`;

/** A position in the feed: the last item of a page. */
export interface FeedPosition {
  ms: number;
  id: string;
}

interface Row {
  body: string;
  reply_text: string | null;
  reply_at: string | null;
}

export type Store = ReturnType<typeof openStore>;

/** Opens (creating if needed) the database: WAL, and every commit synced to disk before it returns. */
export function openStore(path: string) {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // Only another process (a backup, a shell) can hold the lock; waiting blocks the event loop.
  db.pragma('busy_timeout = 2000');
  db.exec(SCHEMA);

  const insert = db.prepare(`
    INSERT OR IGNORE INTO answers (id, touchpoint, created_at, created_ms, effort, effort_scale, emotion, comment, stage, body, received_ms)
    VALUES (@id, @touchpoint, @createdAt, @createdMs, @effort, @effortScale, @emotion, @comment, @stage, @body, @receivedMs)`);

  /** Inserts in one transaction; per answer, whether it was new (false: its id was already stored). */
  const insertAll = db.transaction((answers: readonly Answer[], receivedMs: number): boolean[] =>
    answers.map(
      (a) =>
        insert.run({
          id: a.id,
          touchpoint: a.touchpoint,
          createdAt: a.createdAt,
          createdMs: Date.parse(a.createdAt),
          effort: a.effort,
          effortScale: a.effortScale,
          emotion: a.emotion,
          comment: a.comment,
          stage: a.context.stage ?? null,
          body: JSON.stringify(a),
          receivedMs,
        }).changes === 1,
    ),
  );

  // One statement per shape of feed query, so each can use its index.
  const feedQuery = (byTouchpoint: boolean, after: boolean) =>
    db.prepare<unknown[], Row>(`
      SELECT body, reply_text, reply_at FROM answers
      WHERE ${byTouchpoint ? 'touchpoint = @touchpoint' : '1'} AND ${after ? '(created_ms, id) < (@ms, @id)' : '1'}
      ORDER BY created_ms DESC, id DESC LIMIT @limit`);
  const feed = [feedQuery(false, false), feedQuery(false, true), feedQuery(true, false), feedQuery(true, true)];

  const forSummary = db.prepare<{ since: number; until: number }, SummaryRow>(`
    SELECT id, touchpoint, effort, effort_scale, emotion, comment, created_at, created_ms, stage FROM answers
    WHERE created_ms >= @since AND created_ms < @until ORDER BY created_ms, id`);

  const setReply = db.prepare('UPDATE answers SET reply_text = ?, reply_at = ? WHERE id = ?');
  const byId = db.prepare<[string], Row>('SELECT body, reply_text, reply_at FROM answers WHERE id = ?');

  return {
    insertAll: (answers: readonly Answer[], receivedMs = Date.now()) => insertAll(answers, receivedMs),

    /** Up to `limit` items older than `before`, newest first. */
    feed(query: { touchpoint?: string; before?: FeedPosition; limit: number }): FeedItem[] {
      const statement = feed[(query.touchpoint ? 2 : 0) + (query.before ? 1 : 0)];
      const { touchpoint, before, limit } = query;
      return statement.all({ limit, ...(touchpoint && { touchpoint }), ...before }).map(feedItem);
    },

    /** The answers given in [since, until), oldest first, one row at a time. */
    *forSummary(since: number, until: number): Generator<[SummaryInput, number]> {
      for (const row of forSummary.iterate({ since, until })) yield [summaryInput(row), row.created_ms];
    },

    /** Sets the owner's reply; the updated item, or null when there is no such answer. */
    reply(id: string, text: string, at: string): FeedItem | null {
      if (setReply.run(text, at, id).changes === 0) return null;
      return feedItem(byId.get(id)!);
    },

    count: () => (db.prepare('SELECT count(*) AS n FROM answers').get() as { n: number }).n,
    close: () => db.close(),
  };
}

function feedItem(row: Row): FeedItem {
  const answer = JSON.parse(row.body) as Answer;
  return { ...answer, reply: row.reply_text === null ? null : { text: row.reply_text, at: row.reply_at! } };
}

interface SummaryRow {
  id: string;
  touchpoint: string;
  effort: number | null;
  effort_scale: 5 | 7;
  emotion: SummaryInput['emotion'];
  comment: string | null;
  created_at: string;
  created_ms: number;
  stage: string | null;
}

const summaryInput = (row: SummaryRow): SummaryInput => ({
  id: row.id,
  touchpoint: row.touchpoint,
  effort: row.effort,
  effortScale: row.effort_scale,
  emotion: row.emotion,
  comment: row.comment,
  createdAt: row.created_at,
  context: row.stage === null ? {} : { stage: row.stage },
});
