import type { WithheldReason } from './inbox.js';
import type { ShownAnswer } from './shown.js';

/** The owner's public reply to an answer. */
export interface Reply {
  text: string;
  /** ISO 8601 UTC. */
  at: string;
}

/**
 * An answer as a feed shows it: what the wall displays of it (core/shown.ts), plus the owner's
 * reply, if any. A comment the owner withheld is `null`, with `withheld` saying why.
 */
export type FeedItem = ShownAnswer & { reply: Reply | null; withheld?: WithheldReason };

/**
 * One page of `GET /api/feedback`: newest first; `next` is an opaque cursor to pass back as
 * `?before=` for the following page, or null on the last page.
 */
export interface FeedPage {
  items: FeedItem[];
  next: string | null;
}
