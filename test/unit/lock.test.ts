// The lease that stands in for Web Locks where they are missing (Safari before 15.4).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { leaseLock } from '../../src/core/delivery/lock.js';

afterEach(() => {
  localStorage.clear();
  vi.useRealTimers();
});

describe('the localStorage lease', () => {
  it('lets one holder at a time run, across "tabs" sharing localStorage', async () => {
    const tabs = [leaseLock('send'), leaseLock('send'), leaseLock('send')];
    let running = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      tabs.map((lock, i) =>
        lock(async () => {
          most = Math.max(most, ++running);
          await new Promise((resolve) => setTimeout(resolve, 40));
          order.push(i);
          running--;
        }),
      ),
    );
    expect(order.sort()).toEqual([0, 1, 2]);
    expect(most).toBe(1);
    expect(localStorage.getItem('touchpoint:lock:send')).toBe('null');
  });

  it('takes over a lease its holder left to lapse (a tab that died while sending)', async () => {
    localStorage.setItem('touchpoint:lock:send', JSON.stringify({ owner: 'a closed tab', until: Date.now() - 1 }));
    const ran = vi.fn(async () => 'done');
    expect(await leaseLock('send')(ran)).toBe('done');
    expect(ran).toHaveBeenCalledOnce();
  });

  it('waits while another tab holds a live lease', async () => {
    localStorage.setItem('touchpoint:lock:send', JSON.stringify({ owner: 'another tab', until: Date.now() + 60_000 }));
    const ran = vi.fn(async () => {});
    const waiting = leaseLock('send')(ran);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ran).not.toHaveBeenCalled();
    localStorage.setItem('touchpoint:lock:send', 'null'); // the other tab finishes
    await waiting;
    expect(ran).toHaveBeenCalledOnce();
  });

  it('just runs where localStorage is unusable: there is nobody to coordinate with', async () => {
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    expect(await leaseLock('send')(async () => 42)).toBe(42);
    vi.restoreAllMocks();
  });
});
