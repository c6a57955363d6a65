import type { Answer } from '../answer.js';
import { tabLock } from './lock.js';
import { enqueue, entryFor, requeueFailed, type Entry, type Failed, type Queued } from './queue.js';
import { createSender, type Delivery, type FlushResult } from './sender.js';
import { idbBox, resilientBox, type Box } from './store.js';
import type { TransportOptions } from './transport.js';

export type { FlushResult };

export interface Runtime {
  /**
   * Stores the answer, then sends it. Resolves `true` when it is in IndexedDB, `false` when only in
   * memory (storage unusable); rejects with QueueFullError when the queue cannot take it.
   */
  submit(answer: Answer, endpoint: string, batch: number, owner: Element): Promise<boolean>;
  /** Calls back when the answer is acknowledged or refused, in this tab or another. */
  watch(id: string, callback: (delivery: Delivery) => void): () => void;
  flush(): Promise<FlushResult>;
  pending(): Promise<Answer[]>;
  failed(): Promise<{ answer: Answer; status: number; reason: string }[]>;
  retryFailed(): Promise<number>;
  configure(options: TransportOptions): void;
}

export interface RuntimeDeps {
  queue?: Box<Queued>;
  dead?: Box<Failed>;
  /** How long to wait after a trigger, so a burst of answers leaves as one flush. */
  debounce?: number;
}

const emit = (target: EventTarget, type: string, detail: unknown) =>
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));

/**
 * Wires delivery into the page: flushes when the script starts, after each answer, when the
 * browser comes online or the page becomes visible, and when a backoff timer fires; sends with
 * keepalive while the page hides; and talks to the other tabs of this origin.
 */
export function createRuntime(deps: RuntimeDeps = {}): Runtime {
  let options: TransportOptions = {};
  let warned = false;
  const onFallback = (error: unknown) => {
    if (warned) return;
    warned = true;
    console.warn('[touchpoint] IndexedDB is unusable here, so answers are kept in memory and sent at once:', error);
    emit(window, 'cx-storage', { persistent: false });
  };
  const queue = deps.queue ?? resilientBox<Queued>(() => idbBox('touchpoint-queue'), onFallback);
  const dead = deps.dead ?? resilientBox<Failed>(() => idbBox('touchpoint-failed'), onFallback);
  const owners = new Map<string, Element>();
  const unacked = new Map<string, Entry<Queued>>();
  const watchers = new Map<string, Set<(d: Delivery) => void>>();
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('touchpoint') : undefined;
  let leaving = false;
  let soon: ReturnType<typeof setTimeout> | undefined;

  const heard = (d: Delivery) => {
    unacked.delete(d.id);
    watchers.get(d.id)?.forEach((callback) => callback(d));
  };

  const sender = createSender({
    queue,
    dead,
    lock: tabLock('touchpoint:send'),
    options: () => options,
    notify(d) {
      const owner = owners.get(d.id);
      owners.delete(d.id);
      heard(d);
      channel?.postMessage(d);
      const { type, ...detail } = d;
      emit(owner?.isConnected ? owner : window, `cx-${type}`, detail);
    },
  });

  const flushSoon = () => {
    clearTimeout(soon);
    soon = setTimeout(() => void sender.flush().catch(() => {}), deps.debounce ?? 50);
  };

  // The page may be going away: send this page's answers now, with keepalive. They stay queued
  // until a 2xx is seen, so if this is cut short the next page view sends them again.
  const hide = () => {
    for (const entry of unacked.values()) if (!sender.inFlight.has(entry[1].answer.id)) void sender.deliver([entry], true);
    void sender.flushKeepalive().catch(() => {});
  };

  if (channel)
    channel.onmessage = ({ data }) => {
      if (data?.type === 'queued') flushSoon();
      else if (data?.type === 'sent' || data?.type === 'failed') heard(data);
    };
  addEventListener('online', flushSoon);
  addEventListener('pagehide', () => {
    leaving = true;
    hide();
  });
  addEventListener('pageshow', () => (leaving = false));
  document.addEventListener('visibilitychange', () => (document.visibilityState === 'hidden' ? hide() : flushSoon()));
  flushSoon();

  return {
    async submit(answer, endpoint, batch, owner) {
      const entry = entryFor(answer, endpoint, batch);
      owners.set(answer.id, owner);
      unacked.set(answer.id, entry);
      if (leaving) void sender.deliver([entry], true);
      try {
        await enqueue(queue, entry);
      } catch (error) {
        // Not stored; unless it already left with keepalive, the element keeps it and tells the customer.
        if (!leaving) {
          owners.delete(answer.id);
          unacked.delete(answer.id);
        }
        throw error;
      }
      emit(owner, 'cx-queued', { id: answer.id });
      channel?.postMessage({ type: 'queued' });
      flushSoon();
      return !warned;
    },
    watch(id, callback) {
      const set = watchers.get(id) ?? new Set();
      watchers.set(id, set.add(callback));
      return () => {
        set.delete(callback);
        if (!set.size) watchers.delete(id);
      };
    },
    flush: () => sender.flush(),
    pending: async () => (await queue.all()).map(([, r]) => r.answer),
    failed: async () => (await dead.all()).map(([, f]) => ({ answer: f.answer, status: f.status, reason: f.reason })),
    async retryFailed() {
      const n = await requeueFailed(queue, dead);
      if (n) flushSoon();
      return n;
    },
    configure(next) {
      options = { ...options, ...next };
    },
  };
}

const KEY = Symbol.for('touchpoint-cx.runtime');

/**
 * The page's one runtime, created on first use. Kept on globalThis so that two copies of the
 * script (two script tags, or the script tag and a bundled copy) share one queue and one sender.
 */
export function runtime(): Runtime {
  const g = globalThis as unknown as Record<symbol, Runtime>;
  return (g[KEY] ??= createRuntime());
}
