import type { Answer } from '../answer.js';
import { emit } from '../emit.js';
import { forgetJourney } from '../journey.js';
import { clearLocal } from '../local.js';
import { uuid } from '../uuid.js';
import { absolute, erase, journeysUrl, type Erased } from './erase.js';
import { hidingFromLocks, requestLock, tabLock } from './lock.js';
import { markQueued, mayBeQueued } from './mark.js';
import { enqueue, entryFor, fresh, requeueFailed, type Entry, type Failed, type Queued, type Target } from './queue.js';
import { createSender, type Delivery, type FlushResult } from './sender.js';
import { idbBox, resilientBox, type Box } from './store.js';
import type { TransportOptions } from './transport.js';

export type { Delivery, Erased, FlushResult };

/** What forget() did. */
export interface Forgotten {
  /** This browser's queue, failed answers, drafts and `touchpoint:*` keys are deleted (false: the browser refused storage, so that is not known). */
  local: boolean;
  /** Answers the collectors deleted; null unless every endpoint was asked and confirmed its count. */
  deleted: number | null;
  /** Per endpoint and journey, the DELETE sent; an endpoint that is no collector, not asked (`status: null`). */
  endpoints: Erased[];
}

export interface Runtime {
  /**
   * Keeps what the customer has chosen so far as a draft, in IndexedDB, so that it survives a
   * closed tab or a crash (`null`: nothing is chosen any more). The draft keeps the answer's id.
   */
  draft(id: string, answer: Answer | null, target: Target, owner: Element): void;
  /**
   * Stores the answer (its draft becomes it), then sends it; `watch` hears its fate, from this
   * tab or another. Resolves `true` once it is in IndexedDB, `false` when only in memory
   * (storage unusable); rejects with QueueFullError when the queue cannot take it.
   */
  submit(answer: Answer, target: Target, owner: Element, watch?: (delivery: Delivery) => void): Promise<boolean>;
  flush(): Promise<FlushResult>;
  pending(): Promise<Answer[]>;
  failed(): Promise<{ answer: Answer; status: number; reason: string }[]>;
  retryFailed(): Promise<number>;
  configure(options: TransportOptions): void;
  /**
   * Deletes what this browser keeps (the queue, failed answers, drafts, in this tab's memory and,
   * through the channel, the other tabs', and the `touchpoint:*` keys), once no tab is sending;
   * then asks each collector among `endpoints` and the stored answers' to delete the journey.
   */
  forget(endpoints: unknown[]): Promise<Forgotten>;
}

/** A draft left by a page that has no Web Locks to say it is alive is adopted after this long. */
export const DRAFT_TTL = 3_600_000;
const PAGE_LOCK = 'touchpoint:page:';

/**
 * Wires delivery into the page: flushes at start, after each answer, when the browser comes
 * online or the page becomes visible, and when a backoff timer fires; sends with keepalive
 * while the page hides; keeps drafts until they become answers; and tells the other tabs of
 * this origin what it did.
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
  const box = queue;
  // This page's answers and drafts until their fate is known: who asked, the entry, who listens.
  const mine = new Map<string, { owner: Element; entry: Entry<Queued>; watch?: (d: Delivery) => void }>();
  const heard = (d: Delivery) => {
    mine.get(d.id)?.watch?.(d);
    mine.delete(d.id);
  };
  // forget(), here or in another tab: nothing this page holds may be sent or written again.
  const drop = () => {
    mine.clear();
    return forgetJourney();
  };
  // Closed while the page hides: a message received in the back/forward cache evicts the page.
  let channel: BroadcastChannel | undefined;
  const listen = () => {
    try {
      channel = new BroadcastChannel('touchpoint');
      channel.onmessage = ({ data }) => (data == 'queued' ? flushSoon() : data == 'forget' ? drop() : heard(data));
    } catch {
      // Missing, or refused in this frame: the other tabs hear of nothing, and nothing else changes.
    }
  };

  // While this page view holds drafts it holds a Web Lock named after it, so that other pages
  // know its drafts are alive; a draft whose page neither holds nor awaits its lock was left by
  // a page that died. The lock is asked for just before the first draft is written (at once,
  // not after the grant: a customer may leave right after a click), and let go while the page
  // hides.
  const page = uuid();
  let holding: Promise<unknown> | undefined;
  let release: (() => void) | undefined;
  const hold = () =>
    (holding ??= new Promise((granted) => {
      requestLock(PAGE_LOCK + page, () => (granted(0), new Promise<void>((done) => (release = done)))).catch(granted);
    }));
  const letGo = () => {
    release?.();
    holding = release = undefined;
  };

  /** The stored entries that are answers: drafts of page views that are gone become answers. */
  async function adopt(stored: Entry<Queued>[]): Promise<Entry<Queued>[]> {
    let alive = (r: Queued) => Date.now() - r.queuedAt < DRAFT_TTL;
    if (stored.some(([, r]) => r.draft && r.draft != page))
      try {
        // Held, or still asked for: a page asks for its lock before it writes its first draft.
        const { held = [], pending = [] } = await navigator.locks.query();
        const names = new Set([...held, ...pending].map((l) => l.name));
        alive = (r) => names.has(PAGE_LOCK + r.draft);
      } catch {}
    const orphans: Entry<Queued>[] = [];
    const answers = stored.flatMap((entry): Entry<Queued>[] => {
      const { draft, ...r } = entry[1];
      if (!draft) return [entry];
      if (draft == page || alive(entry[1])) return [];
      const adopted: Entry<Queued> = [entry[0], { ...r, nextAttemptAt: 0 }];
      orphans.push(adopted);
      return [adopted];
    });
    if (orphans.length) await box.put(orphans, true);
    return answers;
  }

  const lock = tabLock('touchpoint:send');
  const sender = createSender({
    queue,
    dead,
    lock,
    options: () => options,
    adopt,
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

  // Drafts are written one at a time per answer, the newest state each time, so a burst of
  // keystrokes costs a write or two, and a draft never lands after the answer it became.
  const saving = new Map<string, Promise<void>>();
  const dirty = new Set<string>();
  const save = (id: string) => {
    if (saving.has(id)) return void dirty.add(id);
    const write = async () => {
      hold();
      do {
        dirty.delete(id);
        const entry = mine.get(id)?.entry;
        if (entry?.[1].draft) await box.put([entry]);
      } while (dirty.has(id));
    };
    saving.set(id, write().catch(() => {}).finally(() => saving.delete(id)));
  };

  // The page may be going away: send this page's answers with keepalive, straight from memory
  // (reading IndexedDB might not finish in time), then whatever else is due. Everything stays
  // queued until a 2xx is seen, so when this is cut short the next page view sends it again.
  const hide = () => {
    for (const { entry } of mine.values()) if (!entry[1].draft && !sender.inFlight.has(entry[1].answer.id)) sender.deliver([entry], true);
    sender.flush(false, true).catch(() => {});
  };

  listen();
  addEventListener('online', () => flushSoon(true));
  addEventListener('pagehide', () => {
    leaving = true;
    hide();
    // The elements turn their drafts into answers on pagehide too; a page in the back/forward
    // cache waits for no lock and hears no channel, and what is still a draft is adopted by the
    // next page view.
    hidingFromLocks(true);
    letGo();
    channel?.close();
    channel = undefined;
  });
  addEventListener('pageshow', (e) => {
    leaving = false;
    hidingFromLocks(false);
    channel ?? listen();
    if (e.persisted) flushSoon();
  });
  document.addEventListener('visibilitychange', () => (document.hidden ? hide() : flushSoon()));
  flushSoon();

  return {
    draft(id, answer, { endpoint, batch, simple }, owner) {
      const known = mine.get(id);
      if (known && !known.entry[1].draft) return;
      if (!answer) {
        mine.delete(id);
        if (known) Promise.resolve(saving.get(id)).then(() => box.del([known.entry[0]]));
        return;
      }
      const entry: Entry<Queued> = known ? [known.entry[0], fresh(answer, endpoint, batch, undefined, simple)] : entryFor(answer, endpoint, batch, undefined, simple);
      entry[1].draft = page;
      mine.set(id, { owner, entry });
      markQueued();
      save(id);
    },
    async submit(answer, { endpoint, batch, simple }, owner, watch) {
      const key = mine.get(answer.id)?.entry[0];
      const entry = key ? ([key, fresh(answer, endpoint, batch, undefined, simple)] as Entry<Queued>) : entryFor(answer, endpoint, batch, undefined, simple);
      mine.set(answer.id, { owner, entry, watch });
      if (leaving) sender.deliver([entry], true);
      markQueued();
      try {
        await saving.get(answer.id);
        await enqueue(box, entry);
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
    pending: async () => (await adopt(await box.all())).map(([, r]) => r.answer),
    failed: async () => (await dead.all()).map(([, { answer, status, reason }]) => ({ answer, status, reason })),
    async retryFailed() {
      markQueued();
      const n = await requeueFailed(box, dead);
      flushSoon();
      return n;
    },
    configure(next) {
      options = { ...options, ...next };
    },
    async forget(endpoints) {
      const ids = drop();
      channel?.postMessage('forget');
      // Under the tabs' send lock, so that no flush sends what it read before; without it when
      // the page hides (no lock may be asked for then).
      const wipe = () =>
        Promise.all(
          [box, dead].map(async (b: Box<Queued | Failed>) => {
            const all = await b.all();
            await b.del(all.map(([key]) => key));
            return all.map(([, r]) => r);
          }),
        );
      const stored = (await lock(wipe).catch(wipe)).flat();
      const journeys = new Set([...ids, ...stored.map((r) => r.answer?.journey)].filter((id) => /^[\da-f-]{36}$/.test(id as string)) as string[]);
      const local = clearLocal() && !inMemory;
      const urls = new Set([...endpoints, ...stored.map((r) => r.endpoint)].map(absolute).filter(Boolean) as string[]);
      const asked = await Promise.all(
        [...urls].flatMap((url): (Erased | Promise<Erased>)[] => (journeysUrl(url, '') ? [...journeys].map((id) => erase(journeysUrl(url, id)!, options)) : [{ url, status: null, deleted: null }])),
      );
      const confirmed = asked.length && asked.every((e) => e.deleted != null);
      return { local, deleted: confirmed ? asked.reduce((n, e) => n + e.deleted!, 0) : null, endpoints: asked };
    },
  };
}

const KEY = Symbol.for('touchpoint-cx.runtime');
type Global = Record<symbol, Runtime | undefined>;

/**
 * The page's one runtime, made on first use and kept on globalThis, so that two copies of the
 * script (two script tags, or the tag and a bundled copy) share one queue and one sender.
 */
export const runtime = (): Runtime => ((globalThis as unknown as Global)[KEY] ??= createRuntime());

/** Runs `fn` when the main thread is idle (within 5 s); requestIdleCallback is missing in Safari, where setTimeout reads the options as a 0 delay. */
export const idle = (fn: () => void): unknown => (self.requestIdleCallback ?? setTimeout)(fn, { timeout: 5000 });

/**
 * At page load, in idle time: nothing at all unless an earlier page left something queued (a
 * cheap mark in localStorage says so; even reading it waits, as the first read of localStorage
 * loads it from disk); then the runtime starts and sends what is due.
 */
export const resume = (): unknown => idle(() => mayBeQueued() && runtime());
