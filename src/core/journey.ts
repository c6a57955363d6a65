import { readLocal, writeLocal } from './local.js';
import { UUID_PATTERN } from './answer.js';
import { uuid } from './uuid.js';

const KEY = 'touchpoint:journey';
const DAY = 86_400_000;
export const JOURNEY_DAYS = 30;

let pageJourney: string | undefined;

/**
 * The anonymous journey id: one random id per browser, shared by every touchpoint and renewed
 * after 30 days. Kept in localStorage (no cookies); where that is unavailable, one id per page.
 */
export function journeyId(now = Date.now()): string {
  const saved = readLocal<{ id?: unknown; since?: unknown }>(KEY);
  if (saved && typeof saved.id === 'string' && UUID_PATTERN.test(saved.id) && typeof saved.since === 'number' && now - saved.since < JOURNEY_DAYS * DAY)
    return saved.id;
  const fresh = { id: uuid(), since: now };
  writeLocal(KEY, fresh);
  // Storage may have refused the write; then keep this page consistent at least.
  return readLocal<{ id: string }>(KEY)?.id ?? (pageJourney ??= fresh.id);
}
