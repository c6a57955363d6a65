import type { Answer } from '../../core/answer.js';
import type { FeedItem } from '../../core/feed.js';
import type { InboxItem, LogEntry, State, StateCounts, WithheldReason } from '../../core/inbox.js';
import type { Summary } from '../../core/summary.js';
import type { InboxQuery } from './inbox-query.js';
import type { NoticeStorage } from './notices.js';
import type { Outbox } from './outbox.js';

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
export interface Storage extends NoticeStorage {
  /** Which engine, for logs: `sqlite` or `postgres`. */
  readonly engine: string;
  /** Webhook targets, events and deliveries (`outbox.ts`); answers' events are written by `insert`, in its transaction. */
  readonly outbox: Outbox;
  /** Stores the answers in one transaction; per answer, whether it was new (false: its id was stored already). */
  insert(answers: readonly Answer[], receivedMs: number): Promise<boolean[]>;
  /** Up to `limit` items older than `before`, newest first. */
  feed(query: FeedQuery): Promise<FeedItem[]>;
  /** The shared summary maths over the answers given in [since, until), from the daily rollups. */
  summary(period: { since?: { iso: string; ms: number }; until?: { iso: string; ms: number } }): Promise<Summary>;
  /** A page of the owner's inbox, newest first, with the counts per state for its filters other than the state. */
  inbox(query: InboxQuery): Promise<{ items: InboxItem[]; counts: StateCounts; countsExact: boolean }>;
  /** Every touchpoint that has answers, in byte order (from the rollups). */
  touchpoints(): Promise<string[]>;
  /** One answer as the inbox shows it, or null when there is none. */
  inboxItem(id: string): Promise<InboxItem | null>;
  /**
   * Sets the state and/or withholds (or shows again) the comments of these answers, in one
   * transaction, logging each actual change; the answers found, in the order asked for.
   */
  change(ids: readonly string[], change: Change, actor: Actor): Promise<InboxItem[]>;
  /** Adds a private note; null when there is no such answer. */
  addNote(id: string, text: string, actor: Actor): Promise<InboxItem | null>;
  /**
   * Writes or edits the owner's public reply, keeping the earlier text in the log. `version`: the
   * reply version the owner edited (0: none); another one is current → `ReplyConflict`.
   */
  reply(id: string, text: string, actor: Actor, version?: number): Promise<InboxItem | null>;
  /** Deletes the public reply (its text stays in the log); null when there is no such answer. */
  deleteReply(id: string, actor: Actor): Promise<InboxItem | null>;
  /** The log of everything done to answers, newest first, before the entry `before`. */
  audit(query: { before?: number; limit: number }): Promise<(LogEntry & { seq: number })[]>;
  /** Deletes every answer of one journey; how many there were. */
  forgetJourney(journey: string): Promise<number>;
  /** Deletes up to `limit` of the answers given before `beforeMs`, oldest first; how many. */
  expire(beforeMs: number, limit: number): Promise<number>;
  /**
   * Owner sessions (`POST /api/session`), shared by every collector on the database. `id` is the
   * SHA-256 (hex) of the random id in the cookie, never the id itself: a copy of the table signs
   * nobody in.
   */
  createSession(id: string, nowMs: number, name?: string | null): Promise<void>;
  /**
   * A live session's expiry (epoch ms), or null when there is none (signed out, or never) or it
   * has been idle `SESSION_IDLE_MS`. Records the use when the last one recorded is
   * `SESSION_TOUCH_MS` old or more, so a busy owner costs a write a minute, not one per request.
   */
  session(id: string, nowMs: number): Promise<{ expiresMs: number; name: string | null } | null>;
  /** Signs a session out; nothing happens when there is none. */
  deleteSession(id: string): Promise<void>;
  /** Deletes the sessions idle `SESSION_IDLE_MS` at `nowMs`; how many. */
  deleteExpiredSessions(nowMs: number): Promise<number>;
  close(): Promise<void>;
}

/** Who did something to an answer, and when (ISO 8601). */
export interface Actor {
  by: string;
  at: string;
}

/** What `PATCH /api/feedback/:id` changes. */
export interface Change {
  state?: State;
  withheld?: { reason: WithheldReason; note: string | null } | null;
}

/** Another edit of the reply came first: the owner edited a text that is no longer current. */
export class ReplyConflict extends Error {
  constructor(readonly current: InboxItem) {
    super('the reply was changed meanwhile; reload it and edit the current text');
  }
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
