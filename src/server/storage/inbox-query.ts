import type { Emotion } from '../../core/answer.js';
import type { EffortBand, State } from '../../core/inbox.js';
import type { FeedPosition } from './storage.js';

/** What the owner's inbox asks for: filters a private triage needs, a cursor, a page size. */
export interface InboxQuery {
  state?: State;
  touchpoint?: string;
  emotion?: Emotion;
  effort?: EffortBand;
  comment?: 'with' | 'without';
  /** Words that must all occur in the comment, each as the start of a word (`searchTokens`). */
  words?: string[];
  /** Given in [since, until), epoch milliseconds. */
  since?: number;
  until?: number;
  before?: FeedPosition;
  limit: number;
  /** False: the items only (an export reads page after page and needs no counts). */
  counts?: boolean;
}

/** Answers matching a content filter are counted one by one up to this many per state; beyond, the counts are lower bounds. */
export const COUNT_CAP = 10_000;

/** Whether a query filters by what answers say (their counts then come from the answers, not the rollups). */
export const filtersContent = (q: InboxQuery): boolean => !!(q.emotion || q.effort || q.comment || q.words?.length);

const MAX_WORDS = 8;

/**
 * The words of a search or of a comment, as both engines index them: case and accents folded
 * ("Camión" → "camion"), split at anything not a letter or digit. At most eight words are searched.
 */
export function searchTokens(text: string, max = MAX_WORDS): string[] {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => w.slice(0, 64));
  return words.slice(0, max);
}

/** A comment as the search index holds it: its words, folded, separated by spaces. */
export const searchText = (comment: string | null): string => (comment ? searchTokens(comment, Infinity).join(' ') : '');

/**
 * The WHERE clause of an inbox query with `?` placeholders, for both engines; the engine gives
 * the full-text condition (`words`: SQLite's FTS5, PostgreSQL's tsvector). `state: false` leaves
 * the state out (the counts per state), `cursor: false` the position.
 */
export function inboxWhere(
  q: InboxQuery,
  words: (tokens: string[]) => { sql: string; params: unknown[] },
  { state = true, cursor = true } = {},
): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => (where.push(sql), params.push(...values));
  if (state && q.state) add('state = ?', q.state);
  if (q.touchpoint) add('touchpoint = ?', q.touchpoint);
  if (q.emotion) add('emotion = ?', q.emotion);
  if (q.effort) add('effort_band = ?', q.effort);
  if (q.comment === 'with') where.push('comment IS NOT NULL');
  if (q.comment === 'without') where.push('comment IS NULL');
  if (q.since !== undefined) add('created_ms >= ?', q.since);
  if (q.until !== undefined) add('created_ms < ?', q.until);
  if (cursor && q.before) add('(created_ms, id) < (?, ?)', q.before.ms, q.before.id.toLowerCase());
  if (q.words?.length) {
    const w = words(q.words);
    add(w.sql, ...w.params);
  }
  return { sql: where.length ? where.join(' AND ') : '1 = 1', params };
}
