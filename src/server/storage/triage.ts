import type { LogEntry, State, WithheldReason } from '../../core/inbox.js';
import type { Actor, Change } from './storage.js';

/**
 * What the owner's changes do to one answer, decided once for both engines: each engine reads
 * the row (locked), asks here, and writes what comes back in the same transaction.
 */

/** The answer's triage as stored. */
export interface TriageRow {
  id: string;
  state: State;
  withheld_reason: WithheldReason | null;
  withheld_note: string | null;
}

export interface TriagePlan {
  /** A new state to write (with the actor), if it changes. */
  state?: State;
  /** The comment withheld anew (or for another reason or note), or `null`: shown again. Absent: unchanged. */
  withheld?: { reason: WithheldReason; note: string | null } | null;
  /** What the log records; empty when nothing changes (the same state again logs nothing). */
  log: LogEntry[];
  /** The triage before and after, for the rollups' counts; equal when they need no adjusting. */
  from: { state: State; withheld: WithheldReason | null };
  to: { state: State; withheld: WithheldReason | null };
}

export function planChange(row: TriageRow, change: Change, { by, at }: Actor): TriagePlan {
  const answerId = row.id;
  const from = { state: row.state, withheld: row.withheld_reason };
  const plan: TriagePlan = { log: [], from, to: { ...from } };
  if (change.state && change.state !== row.state) {
    plan.state = plan.to.state = change.state;
    plan.log.push({ answerId, at, by, action: 'state', from: row.state, to: change.state });
  }
  const w = change.withheld;
  if (w === null && row.withheld_reason !== null) {
    plan.withheld = null;
    plan.to.withheld = null;
    plan.log.push({ answerId, at, by, action: 'unwithhold', previous: row.withheld_reason });
  } else if (w && (w.reason !== row.withheld_reason || w.note !== row.withheld_note)) {
    plan.withheld = w;
    plan.to.withheld = w.reason;
    plan.log.push({ answerId, at, by, action: 'withhold', reason: w.reason, note: w.note, previous: row.withheld_reason });
  }
  return plan;
}

/** Whether the rollups' triage counts must move. */
export const movesCounts = (plan: TriagePlan): boolean => plan.to.state !== plan.from.state || plan.to.withheld !== plan.from.withheld;

/** The public reply as stored. */
export interface ReplyRow {
  id: string;
  reply_text: string | null;
  reply_version: number;
}

/**
 * A reply written over the stored one: `conflict` when the owner edited another version than the
 * current one (0: none), null when the text is the same, else the version to write and its log.
 * Versions only grow, so a reply written after a deletion is not mistaken for the deleted one.
 */
export function planReply(row: ReplyRow, text: string, version: number | undefined, { by, at }: Actor): 'conflict' | null | { version: number; log: LogEntry } {
  const stored = Number(row.reply_version);
  if (version !== undefined && version !== (row.reply_text === null ? 0 : stored)) return 'conflict';
  if (row.reply_text === text) return null;
  const next = stored + 1;
  const answerId = row.id;
  const log: LogEntry =
    row.reply_text === null
      ? { answerId, at, by, action: 'reply', text, version: next }
      : { answerId, at, by, action: 'reply-edit', text, previous: row.reply_text, version: next };
  return { version: next, log };
}

/** The log of deleting the stored reply, or null when there is none. */
export const planDeleteReply = (row: ReplyRow, { by, at }: Actor): LogEntry | null =>
  row.reply_text === null ? null : { answerId: row.id, at, by, action: 'reply-delete', previous: row.reply_text };
