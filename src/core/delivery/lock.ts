/** Runs `fn` once no other tab of this origin is running under the same lock. */
export type Lock = <T>(fn: () => Promise<T>) => Promise<T>;

let hiding = false;
const waiting = new Set<AbortController>();

/**
 * While the page hides, no Web Lock may be asked for, and those asked for but not yet granted
 * are withdrawn: a grant delivered after the page is frozen runs script in it, and Chromium
 * then evicts it from the back/forward cache ("JavaScriptExecution"). `false` when it is shown.
 */
export function hidingFromLocks(hidden: boolean): void {
  hiding = hidden;
  if (hidden) for (const request of waiting) request.abort();
}

/** navigator.locks.request, withdrawn while the page hides (it then rejects with AbortError). */
export async function requestLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  if (hiding) throw new DOMException('the page is hiding', 'AbortError');
  const request = new AbortController();
  waiting.add(request);
  try {
    return await navigator.locks.request(name, { signal: request.signal }, () => (waiting.delete(request), fn()));
  } finally {
    waiting.delete(request);
  }
}

/**
 * Web Locks (every browser since 2022). Where they are missing, or refuse (a sandboxed frame
 * without `allow-same-origin` rejects with SecurityError; its storage is its own anyway), `fn`
 * runs at once without one: an answer that cannot be coordinated is still sent, and endpoints
 * dedupe on its id. Withdrawn while the page hides, it does not run at all.
 */
export const tabLock =
  (name: string): Lock =>
  async (fn) => {
    let granted = false;
    try {
      return await requestLock(name, () => ((granted = true), fn()));
    } catch (error) {
      if (granted || (error as Error)?.name == 'AbortError') throw error;
      return fn();
    }
  };
