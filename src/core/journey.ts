import { readLocal, writeLocal } from './local.js';
import { uuid } from './uuid.js';

const KEY = 'touchpoint:journey';
export const JOURNEY_DAYS = 30;

let pageJourney: string | undefined;

/**
 * The anonymous journey id: one random id per browser, shared by every touchpoint and renewed
 * after 30 days. Kept in localStorage (no cookies); where that is unusable, one id per page.
 * Only then is it kept in the page too: a tab that kept an id it had written would write it
 * back after forget() removed it.
 */
export function journeyId(now = Date.now()): string {
  const saved = readLocal<{ id?: unknown; since?: number }>(KEY);
  if (typeof saved?.id == 'string' && /^[\da-f-]{36}$/.test(saved.id) && now - saved.since! < JOURNEY_DAYS * 86_400_000) return saved.id;
  const id = uuid();
  writeLocal(KEY, { id, since: now });
  return readLocal<{ id?: unknown }>(KEY)?.id == id ? id : (pageJourney ??= id);
}

/** Forgets the page's journey id (forget() removes the stored one), and says which ids it may have been. */
export function forgetJourney(): unknown[] {
  const ids = [readLocal<{ id?: unknown }>(KEY)?.id, pageJourney];
  pageJourney = undefined;
  return ids;
}
