import type { Answer } from './answer.js';
import type { Reply } from './feed.js';

/**
 * The owner's side of an answer (`GET /api/inbox`): its triage state, the public reply with its
 * history, private notes, and whether its comment is withheld from the public wall. Types and
 * fixed lists only; the collector and `<cx-inbox>` both read them.
 */

/** Triage states, in the order work moves through them (and may move back). */
export const STATES = ['new', 'acknowledged', 'resolved'] as const;
export type State = (typeof STATES)[number];

/**
 * Why a comment is kept off the public wall: by what it says, never by its score. The rating
 * still counts in every number and the wall says how many comments are withheld and why.
 */
export const WITHHELD_REASONS = ['personal-data', 'abusive', 'spam', 'off-topic', 'other'] as const;
export type WithheldReason = (typeof WITHHELD_REASONS)[number];

/** Effort bands an inbox filters by: below, at, or above the scale's midpoint. */
export const EFFORT_BANDS = ['hard', 'neutral', 'easy'] as const;
export type EffortBand = (typeof EFFORT_BANDS)[number];

/** The band of an effort answer (7-point: 1–3 hard, 4 neutral, 5–7 easy; 5-point: 1–2, 3, 4–5), as the summary counts them. */
export function effortBand(effort: number | null, scale: 5 | 7): EffortBand | null {
  if (effort === null) return null;
  const mid = (scale + 1) / 2;
  return effort < mid ? 'hard' : effort > mid ? 'easy' : 'neutral';
}

export const NOTE_MAX = 2000;
export const WITHHELD_NOTE_MAX = 500;
export const ACTOR_MAX = 60;

export interface Withheld {
  reason: WithheldReason;
  /** Why, in the owner's words; required for `other`. */
  note: string | null;
  at: string;
  by: string;
}

export interface Note {
  text: string;
  at: string;
  by: string;
}

/** The public reply as the owner sees it: who wrote it, and its version (1 for the first text, +1 per edit). */
export interface InboxReply extends Reply {
  by: string;
  version: number;
}

/** What happened to an answer, by whom and when: the audit log (`GET /api/audit`) and each item's `log`. */
export type LogEntry = {
  answerId: string;
  at: string;
  /** The signed-in name (`POST /api/session` `name`), `owner` without one, `api` for a bearer token. */
  by: string;
} & (
  | { action: 'state'; from: State; to: State }
  | { action: 'withhold'; reason: WithheldReason; note: string | null; previous: WithheldReason | null }
  | { action: 'unwithhold'; previous: WithheldReason }
  | { action: 'reply'; text: string; version: number }
  | { action: 'reply-edit'; text: string; previous: string; version: number }
  | { action: 'reply-delete'; previous: string }
  | { action: 'note'; text: string }
);

export type LogAction = LogEntry['action'];

/** An answer as the owner's inbox shows it: everything the collector stored, and the owner's work on it. */
export type InboxItem = Omit<Answer, 'v'> & {
  v?: number;
  state: State;
  /** When and by whom the state last changed; null while it never has. */
  stateAt: string | null;
  stateBy: string | null;
  reply: InboxReply | null;
  /** The reply's earlier texts, oldest first, including deleted ones. */
  replyHistory: { text: string; at: string; by: string }[];
  notes: Note[];
  withheld: Withheld | null;
  /** Everything done to this answer, oldest first. */
  log: LogEntry[];
};

export type StateCounts = Record<State, number>;

/** Display names per touchpoint and language: `{ "checkout": { "en": "Checkout", "es": "Pago" } }`. */
export type TouchpointNames = Record<string, Record<string, string>>;

/** One page of `GET /api/inbox`. */
export interface InboxPage {
  items: InboxItem[];
  /** Cursor for `?before=`, or null on the last page. */
  next: string | null;
  /** Per state, for the filters given other than `state`. */
  counts: StateCounts;
  /**
   * False when a content filter (emotion, effort, comment, q) matched more answers than are
   * counted one by one (10,000): the counts are then lower bounds.
   */
  countsExact: boolean;
  names: TouchpointNames;
  /** Every touchpoint with answers, for the touchpoint filter. */
  touchpoints: string[];
}

/** The display name of a touchpoint in a language (`es-MX` → `es`), else English, else its id. */
export function touchpointName(names: TouchpointNames | undefined, touchpoint: string, lang: string): string {
  const byLang = names?.[touchpoint];
  if (!byLang) return touchpoint;
  return byLang[lang] ?? byLang[lang.split('-')[0]] ?? byLang.en ?? touchpoint;
}
