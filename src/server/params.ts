import { decodeCursor } from './cursor.js';
import { HttpError } from './http.js';
import type { FeedPosition } from './storage/storage.js';

type Params = URLSearchParams;

/** A query parameter; empty counts as absent, so `?touchpoint=` means "all". */
export function param(params: Params, name: string): string | undefined {
  const value = params.get(name);
  return value === null || value === '' ? undefined : value;
}

/** A parameter that must be one of a fixed list, or absent. */
export function oneOf<T extends string>(params: Params, name: string, allowed: readonly T[]): T | undefined {
  const value = param(params, name);
  if (value !== undefined && !allowed.includes(value as T)) throw new HttpError(400, `${name}: must be one of ${allowed.join(', ')}`);
  return value as T | undefined;
}

const ISO_INSTANT = /^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d{1,3})?)?(Z|[+-]\d\d:\d\d))?$/;

export function instant(params: Params, name: string): { iso: string; ms: number } | undefined {
  const value = param(params, name);
  if (value === undefined) return undefined;
  const ms = ISO_INSTANT.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new HttpError(400, `${name}: must be an ISO 8601 timestamp, e.g. 2026-01-31T00:00:00Z`);
  return { iso: new Date(ms).toISOString(), ms };
}

/** `since` and `until`, the second later than the first. */
export function period(params: Params) {
  const since = instant(params, 'since');
  const until = instant(params, 'until');
  if (since && until && until.ms <= since.ms) throw new HttpError(400, 'until: must be later than since');
  return { since, until };
}

export function limit(params: Params, { default: fallback, max }: { default: number; max: number }): number {
  const raw = param(params, 'limit') ?? String(fallback);
  const n = /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 1 && n <= max)) throw new HttpError(400, `limit: must be a whole number from 1 to ${max}`);
  return n;
}

export function before(params: Params): FeedPosition | undefined {
  const raw = param(params, 'before');
  if (raw === undefined) return undefined;
  const position = decodeCursor(raw);
  if (position === null) throw new HttpError(400, 'before: must be a cursor from a previous page\'s "next"');
  return position;
}
