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

/**
 * The columns of an answer that rollups count, as both engines select them: ids in lower case
 * (SQLite keeps them as sent), no stage as ''.
 */
export const ROW_COLUMNS = "lower(id) AS id, touchpoint, coalesce(stage, '') AS stage, effort, effort_scale, emotion, created_at, created_ms";

export interface RowRecord {
  id: string;
  touchpoint: string;
  stage: string;
  effort: number | null;
  effort_scale: 5 | 7;
  emotion: Row['emotion'];
  created_at: string;
  created_ms: number;
}

export const rowOfRecord = (r: RowRecord): Row => ({
  id: r.id,
  touchpoint: r.touchpoint,
  stage: r.stage,
  effort: r.effort,
  effortScale: r.effort_scale,
  emotion: r.emotion,
  createdAt: r.created_at,
  createdMs: Number(r.created_ms),
});
