import type { Answer } from '../../core/answer.js';
import type { FeedItem } from '../../core/feed.js';
import type { Summary } from '../../core/summary.js';

/** A position in the feed: the last item of a page. */
export interface FeedPosition {
  ms: number;
  id: string;
}

export interface FeedQuery {
  touchpoint?: string;
  before?: FeedPosition;
  limit: number;
}

/**
 * Where the collector keeps answers: SQLite (`sqlite.ts`) or PostgreSQL (`postgres.ts`), with
 * the same guarantees. Every promise that resolves after a write resolves after its commit;
 * one row per answer id (case-insensitive), however many collectors share the database.
 */
export interface Storage {
  /** Which engine, for logs: `sqlite` or `postgres`. */
  readonly engine: string;
  /** Stores the answers in one transaction; per answer, whether it was new (false: its id was stored already). */
  insert(answers: readonly Answer[], receivedMs: number): Promise<boolean[]>;
  /** Up to `limit` items older than `before`, newest first. */
  feed(query: FeedQuery): Promise<FeedItem[]>;
  /** The shared summary maths over the answers given in [since, until), from the daily rollups. */
  summary(period: { since?: { iso: string; ms: number }; until?: { iso: string; ms: number } }): Promise<Summary>;
  /** Sets the owner's reply; the updated item, or null when there is no such answer. */
  reply(id: string, text: string, at: string): Promise<FeedItem | null>;
  /** Deletes every answer of one journey; how many there were. */
  forgetJourney(journey: string): Promise<number>;
  /** Deletes up to `limit` of the answers given before `beforeMs`, oldest first; how many. */
  expire(beforeMs: number, limit: number): Promise<number>;
  /**
   * Owner sessions (`POST /api/session`), shared by every collector on the database. `id` is the
   * SHA-256 (hex) of the random id in the cookie, never the id itself: a copy of the table signs
   * nobody in.
   */
  createSession(id: string, nowMs: number): Promise<void>;
  /**
   * A live session's expiry (epoch ms), or null when there is none (signed out, or never) or it
   * has been idle `SESSION_IDLE_MS`. Records the use when the last one recorded is
   * `SESSION_TOUCH_MS` old or more, so a busy owner costs a write a minute, not one per request.
   */
  session(id: string, nowMs: number): Promise<{ expiresMs: number } | null>;
  /** Signs a session out; nothing happens when there is none. */
  deleteSession(id: string): Promise<void>;
  /** Deletes the sessions idle `SESSION_IDLE_MS` at `nowMs`; how many. */
  deleteExpiredSessions(nowMs: number): Promise<number>;
  close(): Promise<void>;
}

/** A session unused this long is over (`GET /api/session` says when). */
export const SESSION_IDLE_MS = 12 * 3_600_000;
/** A session's last use is recorded at most this often. */
export const SESSION_TOUCH_MS = 60_000;

/**
 * The database cannot commit now (unreachable, restarting, locked by another process, disk
 * full): worth retrying later, and the client is told so with `503` and `Retry-After`.
 */
export class StorageUnavailable extends Error {
  constructor(
    readonly retryAfterSeconds: number,
    options: { cause: unknown },
  ) {
    super(`storage unavailable: ${options.cause instanceof Error ? options.cause.message : String(options.cause)}`, options);
  }
}

/** A database driver the site owner has not installed: the one line that says what to do. */
export class MissingDriver extends Error {
  constructor(engine: string, readonly driver: string, version: string) {
    super(`${engine} needs the ${driver} package, which is not installed: run \`npm install ${driver}@${version}\` where you run the collector`);
  }
}
