// The tabs' send lock: Web Locks where the browser grants them, and no lock (send at once) where
// it has none or refuses them, as a sandboxed frame does.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hidingFromLocks, tabLock } from '../../src/core/delivery/lock.js';
import { fakeLocks } from '../fixtures/locks.js';

afterEach(() => {
  hidingFromLocks(false);
  vi.restoreAllMocks();
});
const withLocks = (locks: unknown) => vi.spyOn(navigator, 'locks', 'get').mockReturnValue(locks as LockManager);

describe('the send lock', () => {
  it('runs one holder at a time where Web Locks exist', async () => {
    withLocks(fakeLocks());
    const lock = tabLock('send');
    let running = 0;
    let most = 0;
    await Promise.all(
      [1, 2, 3].map(() =>
        lock(async () => {
          most = Math.max(most, ++running);
          await new Promise((resolve) => setTimeout(resolve, 10));
          running--;
        }),
      ),
    );
    expect(most).toBe(1);
  });

  it('runs at once where the browser has no Web Locks', async () => {
    withLocks(undefined);
    expect(await tabLock('send')(async () => 'sent')).toBe('sent');
  });

  it('runs at once where the browser refuses them (a sandboxed frame: SecurityError)', async () => {
    const request = vi.fn(() => Promise.reject(new DOMException('opaque origin', 'SecurityError')));
    withLocks({ request });
    expect(await tabLock('send')(async () => 'sent')).toBe('sent');
    expect(request).toHaveBeenCalledOnce();
  });

  it('passes on what the work itself throws, and does not run it twice', async () => {
    withLocks(fakeLocks());
    const work = vi.fn(async () => {
      throw new Error('endpoint exploded');
    });
    await expect(tabLock('send')(work)).rejects.toThrow('endpoint exploded');
    expect(work).toHaveBeenCalledOnce();
  });

  it('withdraws what is still waiting while the page hides, asks for nothing then, and asks again once shown', async () => {
    const locks = fakeLocks();
    withLocks(locks);
    let release!: () => void;
    const holder = tabLock('send')(() => new Promise<void>((done) => (release = done)));
    const work = vi.fn(async () => 'sent');
    const waiting = tabLock('send')(work);
    await new Promise((resolve) => setTimeout(resolve, 10));
    hidingFromLocks(true);
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    const before = locks.requests;
    await expect(tabLock('send')(work)).rejects.toMatchObject({ name: 'AbortError' });
    expect(locks.requests).toBe(before);
    release();
    await holder;
    expect(work).not.toHaveBeenCalled();
    hidingFromLocks(false);
    expect(await tabLock('send')(work)).toBe('sent');
  });
});
