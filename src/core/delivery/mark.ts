import { readLocal, writeLocal } from '../local.js';

const KEY = 'touchpoint:queued';
/** A write may take this long to commit after it was marked. */
const IN_FLIGHT = 10_000;

/**
 * A cheap sign, in localStorage, that IndexedDB may hold answers or drafts of this origin: a
 * page load without it does no storage, lock or network work at all. Written before every
 * write to the queue, and cleared only by a sender that found the queue empty.
 */
export const markQueued = (now = Date.now()): void => writeLocal(KEY, now);

/** Whether anything may be queued. Where localStorage is unusable, nothing is known: no. */
export const mayBeQueued = (): boolean => typeof readLocal(KEY) == 'number';

/**
 * Clears the sign after the queue was read empty at `readAt`, unless another tab marked a
 * write since (or so shortly before that it might not have been in that read).
 */
export function clearQueued(readAt: number): void {
  const at = readLocal(KEY);
  if (typeof at != 'number' || at < readAt - IN_FLIGHT) writeLocal(KEY, null);
}
