import { codePoints, COMMENT_MAX, EMOTIONS, isObject, type EffortScale, type Emotion } from './answer.js';
import { WITHHELD_REASONS, type WithheldReason } from './inbox.js';

/**
 * An answer as the readers (the wall, the journey map) show it: the fields they display, each
 * checked, and nothing else of what the source sent.
 */
export interface ShownAnswer {
  /** Any non-empty string: unique within a feed, never shown. */
  id: string;
  touchpoint: string;
  effort: number | null;
  effortScale: EffortScale;
  emotion: Emotion | null;
  comment: string | null;
  /** The comment's language tag, as the source gave it (any tag, known to Touchpoint or not), or null. */
  lang: string | null;
  /** ISO 8601 in UTC, rewritten from whatever date-time the source gave. */
  createdAt: string;
  /** Only `stage`, which puts a touchpoint in the lane after the service. */
  context: { stage?: string };
  /**
   * Why the owner keeps its comment off the public wall (`comment` is then null); absent when it
   * is not withheld. Its ratings count as any other's.
   */
  withheld?: WithheldReason;
}

const TEXT_MAX = 200;
const LANG_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;
const text = (x: unknown): x is string => typeof x == 'string' && x.trim() != '' && x.length <= TEXT_MAX;

/**
 * Reads one item of a feed liberally, the way a JSON array from another backend, a sheet export
 * or a hand-written file comes: only what is displayed is checked (the collector checks strictly
 * what it stores). Any non-empty id, any `journey` or none, any language tag, any date-time
 * `Date.parse` reads, unknown fields ignored. Null when it cannot be shown: no touchpoint, no
 * time, a rating out of its scale, nothing said at all. A withheld answer (`"withheld": "<reason>"`)
 * is shown without its comment whatever the source sent in it, even with no rating: its
 * placeholder says that something was said. A reason not in the list reads as `other`.
 */
export function readShown(x: unknown): ShownAnswer | null {
  if (!isObject(x)) return null;
  const { id, touchpoint, effort = null, effortScale, emotion = null, lang, createdAt, context, withheld } = x;
  const reason = withheld == null || withheld === false ? null : WITHHELD_REASONS.includes(withheld as WithheldReason) ? (withheld as WithheldReason) : 'other';
  const comment = reason ? null : (x.comment ?? null);
  if (!text(id) || !text(touchpoint)) return null;
  const scale = effortScale === 5 || effortScale === 7 ? effortScale : effort === null ? 7 : null;
  if (scale === null || (effort !== null && !(Number.isInteger(effort) && (effort as number) >= 1 && (effort as number) <= scale))) return null;
  if (emotion !== null && !EMOTIONS.includes(emotion as Emotion)) return null;
  // Slice by UTF-16 first, so a hostile megabyte is not spread into an array.
  if (comment !== null && (typeof comment != 'string' || comment.length > COMMENT_MAX * 2 || codePoints(comment) > COMMENT_MAX)) return null;
  if (effort === null && emotion === null && !reason && !(comment as string | null)?.trim()) return null;
  const time = typeof createdAt == 'string' && createdAt.length <= 64 ? Date.parse(createdAt) : NaN;
  if (Number.isNaN(time)) return null;
  return {
    id,
    touchpoint: touchpoint.trim(),
    effort: effort as number | null,
    effortScale: scale,
    emotion: emotion as Emotion | null,
    comment: comment as string | null,
    lang: typeof lang == 'string' && LANG_TAG.test(lang) ? lang : null,
    createdAt: new Date(time).toISOString(),
    context: isObject(context) && typeof context.stage == 'string' ? { stage: context.stage } : {},
    ...(reason && { withheld: reason }),
  };
}

/** Reads a list: the items that can be shown, the first of each id, and how many were skipped. */
export function readShownList(list: readonly unknown[]): { items: ShownAnswer[]; skipped: number } {
  const items: ShownAnswer[] = [];
  const ids = new Set<string>();
  for (const x of list) {
    const a = readShown(x);
    if (a && !ids.has(a.id)) ids.add(a.id), items.push(a);
  }
  return { items, skipped: list.length - items.length };
}
