import { readLocal, writeLocal } from './local.js';
import { uuid } from './uuid.js';

const KEY = 'touchpoint:journey';
export const JOURNEY_DAYS = 30;

let pageJourney: string | undefined;

/**
 * The anonymous journey id: one random id per browser, shared by every touchpoint and renewed
 * after 30 days. Kept in localStorage (no cookies); where that is unusable, one id per page.
 */
export function journeyId(now = Date.now()): string {
  const saved = readLocal<{ id?: unknown; since?: number }>(KEY);
  if (typeof saved?.id == 'string' && /^[\da-f-]{36}$/.test(saved.id) && now - saved.since! < JOURNEY_DAYS * 86_400_000) return saved.id;
  writeLocal(KEY, { id: (pageJourney ??= uuid()), since: now });
  return pageJourney;
}
