import type { Answer } from '../../core/answer.js';
import type { FeedItem } from '../../core/feed.js';
import type { InboxItem, LogEntry, State, WithheldReason } from '../../core/inbox.js';
import type { Row } from './rollup.js';

/** An answer as both engines store it: the JSON that was validated, the owner's reply, and whether its comment is withheld. */
export interface AnswerRecord {
  body: string;
  reply_text: string | null;
  reply_at: string | null;
  withheld_reason: WithheldReason | null;
}

/** The feed's columns, as both engines select them. */
export const FEED_COLUMNS = 'body, reply_text, reply_at, withheld_reason';

/** An answer for the feed; a withheld one carries its reason (the public projection then drops the comment). */
export function feedItem(row: AnswerRecord): FeedItem {
  const answer = JSON.parse(row.body) as Answer;
  return {
    ...answer,
    reply: row.reply_text === null ? null : { text: row.reply_text, at: row.reply_at! },
    ...(row.withheld_reason !== null && { withheld: row.withheld_reason }),
  };
}

/** An answer as the inbox reads it: the feed's columns and the owner's triage. */
export interface InboxRecord extends AnswerRecord {
  id: string;
  state: State;
  state_at: string | null;
  state_by: string | null;
  withheld_note: string | null;
  withheld_at: string | null;
  withheld_by: string | null;
  reply_by: string | null;
  reply_version: number;
}

/** The inbox's columns, as both engines select them (ids in lower case, as the log refers to them). */
export const INBOX_COLUMNS = `lower(id) AS id, ${FEED_COLUMNS}, state, state_at, state_by, withheld_note, withheld_at, withheld_by, reply_by, reply_version`;

/** A stored log row: `detail` is the JSON of the action's fields. */
export interface LogRecord {
  seq: number | string;
  answer_id: string;
  at: string;
  actor: string;
  action: LogEntry['action'];
  detail: string;
}

export const LOG_COLUMNS = 'seq, answer_id, at, actor, action, detail';

export const logEntry = (r: LogRecord): LogEntry & { seq: number } =>
  ({ seq: Number(r.seq), answerId: r.answer_id, at: r.at, by: r.actor, action: r.action, ...JSON.parse(r.detail) }) as LogEntry & { seq: number };

/** What a log entry stores besides who, when, which answer and what: the action's own fields. */
export function logDetail(entry: LogEntry): string {
  const { answerId: _a, at: _t, by: _b, action: _c, ...detail } = entry as LogEntry & Record<string, unknown>;
  return JSON.stringify(detail);
}

/** An inbox item from its row and its log (oldest first). */
export function inboxItem(row: InboxRecord, log: (LogEntry & { seq?: number })[]): InboxItem {
  const { reply, withheld: _w, ...answer } = feedItem(row);
  const entries = log.map(({ seq: _s, ...e }) => e as LogEntry);
  return {
    ...(answer as Omit<InboxItem, 'state' | 'stateAt' | 'stateBy' | 'reply' | 'replyHistory' | 'notes' | 'withheld' | 'log'>),
    state: row.state,
    stateAt: row.state_at,
    stateBy: row.state_by,
    reply: reply && { ...reply, by: row.reply_by ?? 'owner', version: Number(row.reply_version) },
    replyHistory: entries.flatMap((e) => (e.action === 'reply-edit' || e.action === 'reply-delete' ? [{ text: e.previous, at: e.at, by: e.by }] : [])),
    notes: entries.flatMap((e) => (e.action === 'note' ? [{ text: e.text, at: e.at, by: e.by }] : [])),
    withheld: row.withheld_reason === null ? null : { reason: row.withheld_reason, note: row.withheld_note, at: row.withheld_at!, by: row.withheld_by! },
    log: entries,
  };
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
export const ROW_COLUMNS = "lower(id) AS id, touchpoint, coalesce(stage, '') AS stage, effort, effort_scale, emotion, created_at, created_ms, state, withheld_reason";

export interface RowRecord {
  id: string;
  touchpoint: string;
  stage: string;
  effort: number | null;
  effort_scale: 5 | 7;
  emotion: Row['emotion'];
  created_at: string;
  created_ms: number;
  state: State;
  withheld_reason: WithheldReason | null;
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
  state: r.state,
  withheld: r.withheld_reason,
});
