import { NOTICE_COMMENTS, type Notice, type NoticeComment, type NoticeGroup, type NoticeImpact, type NoticeUpdate, type NoticeWithImpact, type Severity } from '../../core/notice.js';
import type { Actor } from './storage.js';

/**
 * Notices as both engines keep them (`notices-sqlite.ts`, `notices-postgres.ts`): one row per
 * notice, its texts, touchpoints and timeline as JSON text (kept as written, so the first
 * language written stays first), times as ISO strings and epoch milliseconds. How the incident
 * felt is computed in SQL from the answers that carry `context.notice`, never by loading them.
 */

/** What a new notice is made of (the collector has validated it): a notice without a timeline yet. */
export type NewNotice = Omit<Notice, 'updates' | 'resolvedAt'>;

/** What `PATCH /api/notices/:id` may change. `resolvedAt: null` reopens a resolved notice. */
export type NoticeChange = Partial<Omit<NewNotice, 'id'>> & { resolvedAt?: null };

/** The period an impact is computed over (epoch ms, either end open). */
export interface ImpactPeriod {
  sinceMs?: number;
  untilMs?: number;
}

/** The part of `Storage` notices add, implemented once per engine. */
export interface NoticeStorage {
  createNotice(notice: NewNotice, actor: Actor): Promise<Notice>;
  /** The notice as changed; null when there is none. Throws `NoticeRefused` for a change that contradicts what is stored. */
  changeNotice(id: string, change: NoticeChange, actor: Actor): Promise<Notice | null>;
  /** Appends an update (and, with `resolve`, closes the notice at its time); null when there is none. */
  addNoticeUpdate(id: string, update: NoticeUpdate, resolve: boolean, actor: Actor): Promise<Notice | null>;
  notice(id: string): Promise<Notice | null>;
  /** The newest notices by start (scheduled ones first), at most `limit`. */
  notices(limit: number): Promise<Notice[]>;
  /** The notices active at `nowMs` on any touchpoint: started, not ended, not resolved. */
  activeNotices(nowMs: number): Promise<Notice[]>;
  /** The notices overlapping a period (newest first, at most `limit`), each with its impact in that period. */
  noticesIn(period: ImpactPeriod, limit: number): Promise<NoticeWithImpact[]>;
  /** How each of these notices felt, over a period. */
  noticeImpacts(notices: readonly Notice[], period: ImpactPeriod): Promise<NoticeWithImpact[]>;
}

/** A change the stored notice does not allow (an end before its start, an update to a resolved notice): 409 or 422. */
export class NoticeRefused extends Error {
  constructor(
    readonly status: 409 | 422,
    message: string,
  ) {
    super(message);
  }
}

export interface NoticeRecord {
  id: string;
  severity: Severity;
  title: string;
  body: string;
  link: string | null;
  touchpoints: string | null;
  starts_at: string;
  ends_at: string | null;
  updates: string;
  resolved_at: string | null;
}

export const NOTICE_COLUMNS = 'id, severity, title, body, link, touchpoints, starts_at, ends_at, updates, resolved_at';

export const noticeOf = (r: NoticeRecord): Notice => ({
  id: r.id,
  severity: r.severity,
  title: JSON.parse(r.title),
  body: JSON.parse(r.body),
  link: r.link,
  touchpoints: r.touchpoints === null ? null : JSON.parse(r.touchpoints),
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  updates: JSON.parse(r.updates),
  resolvedAt: r.resolved_at,
});

const ms = (iso: string | null) => (iso === null ? null : Date.parse(iso));

/** The row's values for a notice, in `WRITE_COLUMNS` order. */
export const WRITE_COLUMNS = ['severity', 'title', 'body', 'link', 'touchpoints', 'starts_at', 'starts_ms', 'ends_at', 'ends_ms', 'updates', 'resolved_at', 'resolved_ms', 'close_ms', 'changed_at', 'changed_by'] as const;
export function valuesOfNotice(n: Notice, { by, at }: Actor): unknown[] {
  const close = n.resolvedAt ?? n.endsAt;
  return [
    n.severity,
    JSON.stringify(n.title),
    JSON.stringify(n.body),
    n.link,
    n.touchpoints === null ? null : JSON.stringify(n.touchpoints),
    n.startsAt,
    ms(n.startsAt),
    n.endsAt,
    ms(n.endsAt),
    JSON.stringify(n.updates),
    n.resolvedAt,
    ms(n.resolvedAt),
    ms(close),
    at,
    by,
  ];
}

/** A notice with a change applied, or the reason it cannot be. */
export function changed(n: Notice, change: NoticeChange): Notice {
  const next: Notice = { ...n, ...change } as Notice;
  if (change.resolvedAt === null) next.resolvedAt = null;
  if (next.endsAt !== null && Date.parse(next.endsAt) <= Date.parse(next.startsAt)) throw new NoticeRefused(422, 'endsAt: must be later than startsAt');
  return next;
}

/** A notice with one more update; resolving closes it at the update's time. */
export function withUpdate(n: Notice, update: NoticeUpdate, resolve: boolean, max: number): Notice {
  if (n.resolvedAt !== null) throw new NoticeRefused(409, 'the notice is resolved; reopen it first with PATCH {"resolvedAt": null}');
  if (n.updates.length >= max) throw new NoticeRefused(409, `the notice has ${max} updates already; resolve it and open a new one`);
  if (Date.parse(update.at) < Date.parse(n.startsAt) && resolve) throw new NoticeRefused(422, 'a notice cannot be resolved before it starts; PATCH its startsAt or endsAt instead');
  return { ...n, updates: [...n.updates, update], resolvedAt: resolve ? update.at : null };
}

/** One aggregate row: counts and sums of effort (on 7 points) and of emotion (+1 good, −1 bad). */
export interface GroupRecord {
  n: number | string;
  effort_n: number | string;
  effort_sum: number | string | null;
  emotion_n: number | string;
  net_sum: number | string | null;
}

export const GROUP_SQL = `count(*) AS n, count(effort) AS effort_n,
  sum(CASE WHEN effort IS NULL THEN NULL WHEN effort_scale = 5 THEN 1 + (effort - 1) * 1.5 ELSE effort END) AS effort_sum,
  count(emotion) AS emotion_n,
  sum(CASE WHEN emotion IN ('satisfied', 'delighted') THEN 1 WHEN emotion IN ('frustrated', 'disappointed') THEN -1 ELSE 0 END) AS net_sum`;

export function groupOf(r: GroupRecord | undefined): NoticeGroup {
  const count = Number(r?.n ?? 0);
  const effortCount = Number(r?.effort_n ?? 0);
  const emotionCount = Number(r?.emotion_n ?? 0);
  return {
    count,
    effortCount,
    effortMean: effortCount ? Number(r!.effort_sum) / effortCount : null,
    emotionCount,
    netEmotion: emotionCount ? Number(r!.net_sum) / emotionCount : null,
  };
}

export interface CommentRecord {
  id: string;
  touchpoint: string;
  comment: string;
  created_at: string;
  effort: number | null;
  effort_scale: number;
  emotion: NoticeComment['emotion'];
}

export const commentOf = (r: CommentRecord): NoticeComment => ({
  id: r.id,
  touchpoint: r.touchpoint,
  comment: r.comment,
  createdAt: r.created_at,
  effort: r.effort === null ? null : Number(r.effort),
  effortScale: Number(r.effort_scale) as 5 | 7,
  emotion: r.emotion,
});

/** The window outside which answers at its touchpoints count as "outside": [start, close). */
export const windowOf = (n: Notice) => ({ startMs: Date.parse(n.startsAt), closeMs: n.resolvedAt ?? n.endsAt ? Date.parse((n.resolvedAt ?? n.endsAt)!) : Number.MAX_SAFE_INTEGER });

export const impactOf = (during: GroupRecord | undefined, outside: GroupRecord | undefined, comments: CommentRecord[]): NoticeImpact => ({
  during: groupOf(during),
  outside: groupOf(outside),
  comments: comments.slice(0, NOTICE_COMMENTS).map(commentOf),
});
