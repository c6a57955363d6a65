/** Runs `fn` once no other tab of this origin is running under the same lock. */
export type Lock = <T>(fn: () => Promise<T>) => Promise<T>;

/**
 * Web Locks (every browser since 2022). Where they are missing, or refuse (a sandboxed frame
 * without `allow-same-origin` rejects with SecurityError; its storage is its own anyway), `fn`
 * runs at once without one: an answer that cannot be coordinated is still sent, and endpoints
 * dedupe on its id.
 */
export const tabLock =
  (name: string): Lock =>
  async (fn) => {
    let granted = false;
    try {
      return await navigator.locks.request(name, () => ((granted = true), fn()));
    } catch (error) {
      if (granted) throw error;
      return fn();
    }
  };
