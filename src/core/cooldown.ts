import { readLocal, writeLocal } from './local.js';

const DAY = 86_400_000;
const key = (touchpoint: string) => `touchpoint:asked:${touchpoint}`;

/** Remembers that this touchpoint was answered or dismissed, so it is not asked again too soon. */
export function markAsked(touchpoint: string, now = Date.now()): void {
  writeLocal(key(touchpoint), now);
}

/** Whether the customer answered or dismissed this touchpoint less than `days` days ago. */
export function coolingDown(touchpoint: string, days: number, now = Date.now()): boolean {
  const at = readLocal<unknown>(key(touchpoint));
  return days > 0 && typeof at === 'number' && now - at >= 0 && now - at < days * DAY;
}
