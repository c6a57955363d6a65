import { codePoints, isObject } from '../../core/answer.js';
import { readShown } from '../../core/shown.js';
import type { FeedItem, Reply } from '../../core/feed.js';

/** Longest owner's reply shown; a longer one makes the item unreadable, like a too-long comment. */
export const REPLY_MAX = 2000;
/** Longest `next` cursor passed back to the collector. */
export const CURSOR_MAX = 512;
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$/;

/** `collector`: pages of `{"items":[…],"next":…}`. `array`: the whole feed as one JSON array of answers. */
export type FeedShape = 'collector' | 'array';

/** One response of the source, read: the usable items in feed order, and how many were not usable. */
export interface Batch {
  shape: FeedShape;
  items: FeedItem[];
  skipped: number;
  next: string | null;
}


function replyOf(x: unknown): Reply | null | undefined {
  if (x === null || x === undefined) return null;
  if (!isObject(x)) return undefined;
  const { text, at } = x;
  if (typeof text !== 'string' || !text.trim() || text.length > REPLY_MAX * 2 || codePoints(text) > REPLY_MAX) return undefined;
  if (typeof at !== 'string' || !ISO_UTC.test(at) || Number.isNaN(Date.parse(at))) return undefined;
  return { text, at };
}

/**
 * A feed item the wall can show (core/shown.ts: only what it displays is checked, and nothing else
 * the feed sent is kept), with an optional well-formed reply; null when it cannot be shown.
 */
export function feedItemOf(x: unknown): FeedItem | null {
  const a = readShown(x);
  const reply = a && replyOf((x as { reply?: unknown }).reply);
  return a && reply !== undefined ? { ...a, reply } : null;
}

/** Newest first by `createdAt` (compared as times, not text), then by id, so the order is stable. */
function newestFirst(items: FeedItem[]): FeedItem[] {
  const at = new Map(items.map((a) => [a, Date.parse(a.createdAt)]));
  return items.sort((a, b) => at.get(b)! - at.get(a)! || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/**
 * Reads one response body; throws when it is neither shape of feed. Items of other touchpoints are left out (not counted: they are not
 * broken); a plain array is sorted newest first, a collector page keeps the collector's order.
 */
export function readBatch(body: unknown, touchpoint: string | null): Batch {
  const shape: FeedShape | null = Array.isArray(body) ? 'array' : isObject(body) && Array.isArray(body.items) ? 'collector' : null;
  if (!shape) throw new Error('expected a JSON array of answers or {"items":[…],"next":…}');
  const raw = (shape === 'array' ? body : (body as { items: unknown[] }).items) as unknown[];
  const items: FeedItem[] = [];
  let skipped = 0;
  for (const x of raw) {
    const item = feedItemOf(x);
    if (!item) skipped++;
    else if (touchpoint === null || item.touchpoint === touchpoint) items.push(item);
  }
  const next = shape === 'collector' ? cursorOf((body as { next?: unknown }).next) : null;
  return { shape, items: shape === 'array' ? newestFirst(items) : items, skipped, next };
}

/** A usable `next` cursor; anything else ends the feed rather than build a request from it. */
function cursorOf(x: unknown): string | null {
  return typeof x === 'string' && x.length > 0 && x.length <= CURSOR_MAX ? x : null;
}

/**
 * The URL of one page: the source with `limit`, and `touchpoint` and `before` when set. The
 * collector reads them; a static file ignores them. Values go through `URLSearchParams`, so a
 * cursor can never change where the request goes.
 */
export function pageUrl(source: string, { touchpoint, before, limit }: { touchpoint: string | null; before: string | null; limit: number }): string {
  const url = new URL(source);
  if (touchpoint !== null) url.searchParams.set('touchpoint', touchpoint);
  if (before !== null) url.searchParams.set('before', before);
  url.searchParams.set('limit', String(limit));
  return url.href;
}

/** The collector's `/api/summary` next to its `/api/feedback` (same origin, no query), or null for any other source. */
export function summaryUrl(source: string): string | null {
  const url = new URL(source);
  return url.pathname.endsWith('/api/feedback') ? `${url.origin}${url.pathname.slice(0, -'feedback'.length)}summary` : null;
}
