import { readLocal, writeLocal } from '../local.js';
import { uuid } from '../uuid.js';

/** Runs `fn` while no other tab of this origin runs under the same lock; with `ifAvailable`, skips when busy. */
export type Lock = <T>(fn: () => Promise<T>, ifAvailable?: boolean) => Promise<T | undefined>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function tabLock(name: string): Lock {
  const locks = globalThis.navigator?.locks;
  if (locks) return (fn, ifAvailable = false) => locks.request(name, { ifAvailable }, (lock) => (lock ? fn() : undefined));
  return leaseLock(name);
}

const TTL = 15_000;

/**
 * Where Web Locks are missing: a lease in localStorage that expires unless renewed, so a tab
 * that dies while holding it blocks the others for at most TTL. Where localStorage is unusable
 * too there is nobody to coordinate with, and `fn` just runs.
 */
export function leaseLock(name: string): Lock {
  const me = uuid();
  const key = `touchpoint:lock:${name}`;
  const take = () => writeLocal(key, { owner: me, until: Date.now() + TTL });
  return async (fn, ifAvailable = false) => {
    for (;;) {
      const lease = readLocal<{ owner?: unknown; until?: unknown } | null>(key);
      if (!lease || lease.owner === me || !(Number(lease.until) > Date.now())) {
        take();
        // Two tabs may both have seen the lease free; the last write wins, so look again.
        await sleep(30);
        const now = readLocal<{ owner?: unknown } | null>(key);
        if (!now || now.owner === me) break;
      }
      if (ifAvailable) return undefined;
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
