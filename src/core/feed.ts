import type { Answer } from './answer.js';

/** The owner's public reply to an answer. */
export interface Reply {
  text: string;
  /** ISO 8601 UTC. */
  at: string;
}

/** An answer as a feed shows it: the schema-1 answer plus the owner's reply, if any. */
export type FeedItem = Answer & { reply: Reply | null };

/**
 * One page of `GET /api/feedback`: newest first; `next` is an opaque cursor to pass back as
 * `?before=` for the following page, or null on the last page.
 */
export interface FeedPage {
  items: FeedItem[];
  next: string | null;
}
