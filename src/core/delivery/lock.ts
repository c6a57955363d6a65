import { readLocal, writeLocal } from '../local.js';
import { uuid } from '../uuid.js';

/** Runs `fn` once no other tab of this origin is running under the same lock. */
export type Lock = <T>(fn: () => Promise<T>) => Promise<T>;

export const tabLock = (name: string): Lock => (navigator.locks ? (fn) => navigator.locks.request(name, fn) : leaseLock(name));

const TTL = 15_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Where Web Locks are missing: a lease in localStorage that lapses unless renewed, so a tab
 * that dies holding it blocks the others for at most TTL. Where localStorage is unusable too,
 * there is nobody to coordinate with and `fn` just runs.
 */
export function leaseLock(name: string): Lock {
  const me = uuid();
  const key = `touchpoint:lock:${name}`;
  const holder = () => readLocal<{ owner?: string; until?: number } | null>(key);
  const take = () => writeLocal(key, { owner: me, until: Date.now() + TTL });
  return async (fn) => {
    for (;;) {
      if (!(holder()?.until! > Date.now())) {
        take();
        // Two tabs may both have seen the lease free; the last write wins, so look again.
        await sleep(30);
        if ([undefined, me].includes(holder()?.owner)) break;
      }
      await sleep(200 + Math.random() * 400);
    }
    const renew = setInterval(take, TTL / 3);
    try {
      return await fn();
    } finally {
      clearInterval(renew);
      writeLocal(key, null);
    }
  };
}
