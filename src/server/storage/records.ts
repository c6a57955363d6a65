import type { Answer } from '../../core/answer.js';
import type { FeedItem } from '../../core/feed.js';
import type { Row } from './rollup.js';

/** An answer as both engines store it: the JSON that was validated, and the owner's reply. */
export interface AnswerRecord {
  body: string;
  reply_text: string | null;
  reply_at: string | null;
}

export function feedItem(row: AnswerRecord): FeedItem {
  const answer = JSON.parse(row.body) as Answer;
  return { ...answer, reply: row.reply_text === null ? null : { text: row.reply_text, at: row.reply_at! } };
}

/** A row of the index of negative comments, as both engines read it. */
export interface NegativeRecord {
  id: string;
  comment: string;
  created_at: string;
  created_ms: number;
  effort: number | null;
  effort_scale: 5 | 7;
  emotion: Row['emotion'];
}

export const negativeOf = (touchpoint: string, r: NegativeRecord) => ({
  touchpoint,
  at: Number(r.created_ms),
  id: r.id,
  comment: r.comment,
  createdAt: r.created_at,
  effort: r.effort === null ? null : Number(r.effort),
  effortScale: Number(r.effort_scale) as 5 | 7,
  emotion: r.emotion,
});
