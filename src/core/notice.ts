import type { Emotion, Lang } from './answer.js';

/**
 * Proactive notices (issue 13): what the owner tells customers at the touchpoints an incident
 * affects, and how the answers given meanwhile compare with the same touchpoints outside it.
 * Types and fixed lists only; the collector, `<cx-status>`, `<cx-notices>` and the journey map
 * read them.
 */

/** Severities, mildest first; `maintenance` is planned work. */
export const SEVERITIES = ['info', 'minor', 'major', 'critical', 'maintenance'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A text the owner wrote: one string, or one per language (`{"en": …, "es": …}`), the first written being the fallback. */
export type NoticeText = string | Partial<Record<Lang, string>>;

export interface NoticeUpdate {
  at: string;
  body: NoticeText;
}

/** A notice as every endpoint shows it (`GET /api/status` with only the latest update). */
export interface Notice {
  id: string;
  severity: Severity;
  title: NoticeText;
  body: NoticeText;
  link: string | null;
  /** The touchpoints it affects; null: all of them. */
  touchpoints: string[] | null;
  startsAt: string;
  endsAt: string | null;
  /** Oldest first. */
  updates: NoticeUpdate[];
  resolvedAt: string | null;
}

/** `GET /api/status`. */
export interface StatusPage {
  notices: Notice[];
}

export const TITLE_MAX = 200;
export const BODY_MAX = 2000;
export const LINK_MAX = 2000;
export const NOTICE_TOUCHPOINTS_MAX = 50;
export const UPDATES_MAX = 200;

/** Answers during a notice, or at its touchpoints outside it: computed in SQL on both engines. */
export interface NoticeGroup {
  count: number;
  effortCount: number;
  /** Mean effort on the 7-point scale (5-point answers mapped linearly, as the summary does). */
  effortMean: number | null;
  emotionCount: number;
  /** Share satisfied or delighted minus share frustrated or disappointed, −1…1. */
  netEmotion: number | null;
}

export interface NoticeComment {
  id: string;
  touchpoint: string;
  comment: string;
  createdAt: string;
  effort: number | null;
  effortScale: 5 | 7;
  emotion: Emotion | null;
}

/**
 * How the incident felt. `during`: the answers that carried `context.notice` = its id (given
 * while `<cx-status>` showed it). `outside`: the answers at the same touchpoints (those it names,
 * or for a notice on every touchpoint, those the answers during it came from) given before it
 * started or after it ended, within the period asked for. `comments`: the newest comments
 * during it (never a withheld one), at most `NOTICE_COMMENTS`.
 */
export interface NoticeImpact {
  during: NoticeGroup;
  outside: NoticeGroup;
  comments: NoticeComment[];
}

export const NOTICE_COMMENTS = 5;

export type NoticeWithImpact = Notice & { impact: NoticeImpact };

/** The text in `lang`, else the first language written; a plain string is every language's. */
export function textIn(text: NoticeText, lang: string): string {
  if (typeof text === 'string') return text;
  return text[lang as Lang] ?? Object.values(text)[0] ?? '';
}

/** When the notice stops being active: resolved, else its end (null: open-ended). */
export const closesAt = (n: Pick<Notice, 'endsAt' | 'resolvedAt'>): string | null => n.resolvedAt ?? n.endsAt;

/** Whether it is shown now at this touchpoint (any, when `touchpoint` is undefined). */
export function isActive(n: Notice, nowMs: number, touchpoint?: string): boolean {
  const end = closesAt(n);
  return (
    Date.parse(n.startsAt) <= nowMs &&
    (end === null || Date.parse(end) > nowMs) &&
    (touchpoint === undefined || n.touchpoints === null || n.touchpoints.includes(touchpoint))
  );
}

/** Most urgent first (critical, major, minor, maintenance, info), then the newest start. */
const RANK: Record<Severity, number> = { critical: 0, major: 1, minor: 2, maintenance: 3, info: 4 };
export const byUrgency = (a: Notice, b: Notice): number => RANK[a.severity] - RANK[b.severity] || Date.parse(b.startsAt) - Date.parse(a.startsAt) || (a.id < b.id ? -1 : 1);
