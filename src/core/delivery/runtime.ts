import type { Answer } from '../answer.js';
import { emit } from '../emit.js';
import { tabLock } from './lock.js';
import { enqueue, entryFor, requeueFailed, type Entry, type Failed, type Queued } from './queue.js';
import { createSender, type Delivery, type FlushResult } from './sender.js';
import { idbBox, resilientBox, type Box } from './store.js';
import type { TransportOptions } from './transport.js';

export type { Delivery, FlushResult };

export interface Runtime {
  /**
   * Stores the answer, then sends it; `watch` hears its fate, from this tab or another.
   * Resolves `true` once it is in IndexedDB, `false` when only in memory (storage unusable);
   * rejects with QueueFullError when the queue cannot take it.
   */
  submit(answer: Answer, endpoint: string, batch: number, owner: Element, watch?: (delivery: Delivery) => void): Promise<boolean>;
  flush(): Promise<FlushResult>;
  pending(): Promise<Answer[]>;
  failed(): Promise<{ answer: Answer; status: number; reason: string }[]>;
  retryFailed(): Promise<number>;
  configure(options: TransportOptions): void;
}

/**
 * Wires delivery into the page: flushes at start, after each answer, when the browser comes
 * online or the page becomes visible, and when a backoff timer fires; sends with keepalive
 * while the page hides; and tells the other tabs of this origin what it did.
 */
export function createRuntime({ queue, dead }: { queue?: Box<Queued>; dead?: Box<Failed> } = {}): Runtime {
  let options: TransportOptions = {};
  let inMemory = false;
  let leaving = false;
  let soon: ReturnType<typeof setTimeout> | undefined;
  const fellBack = (error: unknown) => {
    if (inMemory) return;
    inMemory = true;
    console.warn('[touchpoint] IndexedDB is unusable here; answers are kept in memory and sent at once.', error);
    emit(window, 'cx-storage', { persistent: false });
  };
  queue ??= resilientBox(() => idbBox('touchpoint-queue'), fellBack);
  dead ??= resilientBox(() => idbBox('touchpoint-failed'), fellBack);
  // This page's answers until their fate is known: who asked, the entry, who listens.
  const mine = new Map<string, { owner: Element; entry: Entry<Queued>; watch?: (d: Delivery) => void }>();
  const channel = self.BroadcastChannel && new BroadcastChannel('touchpoint');
  const heard = (d: Delivery) => {
    mine.get(d.id)?.watch?.(d);
    mine.delete(d.id);
  };

  const sender = createSender({
    queue,
    dead,
    lock: tabLock('touchpoint:send'),
    options: () => options,
    notify(d) {
      const owner = mine.get(d.id)?.owner;
      heard(d);
      channel?.postMessage(d);
      const { type, ...detail } = d;
      emit(owner?.isConnected ? owner : window, `cx-${type}`, detail);
    },
  });

  // The first trigger schedules a flush and those within 50 ms join it: a burst of answers leaves
  // together, and a steady stream still leaves every 50 ms.
  let forced = false;
  const flushSoon = (force = false) => {
    forced ||= force;
    soon ??= setTimeout(() => {
      sender.flush(forced).catch(() => {});
      soon = undefined;
      forced = false;
    }, 50);
  };

  // The page may be going away: send with keepalive, this page's answers straight from memory
  // (reading IndexedDB might not finish in time), then whatever else is due. Everything stays
  // queued until a 2xx is seen, so when this is cut short the next page view sends it again.
  const hide = () => {
    for (const { entry } of mine.values()) if (!sender.inFlight.has(entry[1].answer.id)) sender.deliver([entry], true);
    sender.flush(false, true).catch(() => {});
  };

  if (channel) channel.onmessage = ({ data }) => (data == 'queued' ? flushSoon() : heard(data));
  addEventListener('online', () => flushSoon(true));
  addEventListener('pagehide', () => {
    leaving = true;
    hide();
  });
  addEventListener('pageshow', () => (leaving = false));
  document.addEventListener('visibilitychange', () => (document.hidden ? hide() : flushSoon()));
  flushSoon();

  return {
    async submit(answer, endpoint, batch, owner, watch) {
      const entry = entryFor(answer, endpoint, batch);
      mine.set(answer.id, { owner, entry, watch });
      if (leaving) sender.deliver([entry], true);
      try {
        await enqueue(queue, entry);
      } catch (error) {
        // Not stored: unless it already left with keepalive, the element keeps it and says so.
        if (!leaving) mine.delete(answer.id);
        throw error;
      }
      emit(owner, 'cx-queued', { id: answer.id });
      channel?.postMessage('queued');
      flushSoon();
      return !inMemory;
    },
    flush: () => sender.flush(true),
    pending: async () => (await queue.all()).map(([, r]) => r.answer),
    failed: async () => (await dead.all()).map(([, { answer, status, reason }]) => ({ answer, status, reason })),
    async retryFailed() {
      const n = await requeueFailed(queue, dead);
      flushSoon();
      return n;
    },
    configure(next) {
      options = { ...options, ...next };
    },
  };
}

const KEY = Symbol.for('touchpoint-cx.runtime');

/**
 * The page's one runtime, made on first use and kept on globalThis, so that two copies of the
 * script (two script tags, or the tag and a bundled copy) share one queue and one sender.
 */
export const runtime = (): Runtime => ((globalThis as unknown as Record<symbol, Runtime>)[KEY] ??= createRuntime());
