import type { Answer } from './core/answer.js';
import { runtime, type Erased, type FlushResult, type Forgotten } from './core/delivery/runtime.js';
import type { TransportOptions } from './core/delivery/transport.js';
import { isOurs } from './elements/define.js';
import { warnOnce } from './elements/warn.js';

export type { Answer, Erased, FlushResult, Forgotten, TransportOptions };

/**
 * Calls into the runtime, which never rejects into the host's code: whatever the browser
 * refuses (storage, locks, channels), the caller gets `fallback` and the console says why.
 */
const safe = async <T>(call: () => Promise<T>, fallback: T): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    warnOnce(`the browser refused: ${error}`);
    return fallback;
  }
};

/** Sends every stored answer now, backoff or not; resolves with what was sent and what is left. */
export const flush = (): Promise<FlushResult> => safe(() => runtime().flush(), { sent: 0, pending: 0, failed: 0 });

/** Answers stored in this browser and not yet acknowledged by their endpoint. */
export const pending = (): Promise<Answer[]> => safe(() => runtime().pending(), []);

/** Answers an endpoint refused (or that expired), kept 7 days, at most 200. */
export const failed = (): Promise<{ answer: Answer; status: number; reason: string }[]> => safe(() => runtime().failed(), []);

/** Puts every failed answer back in the queue and sends it; resolves how many. */
export const retryFailed = (): Promise<number> => safe(() => runtime().retryFailed(), 0);

/** Request headers, a credentials mode, or a `transform(answer)` that reshapes each answer for your endpoint. */
export function configure(options: TransportOptions): void {
  const { headers, credentials, transform } = options ?? {};
  if (Object.values(headers ?? {}).some((v) => typeof v != 'string') || !/^(omit|same-origin|include|)$/.test(credentials ?? '') || (transform && typeof transform != 'function'))
    warnOnce('Touchpoint.configure() takes { headers, credentials, transform }, as the README says; nothing changed.');
  else runtime().configure(options);
}

/**
 * Opens a floating `<cx-feedback>`: the one whose touchpoint attribute is `touchpoint`, else the
 * first floating one. Returns whether there was one. Opening on request ignores sample and cooldown.
 */
export function open(touchpoint?: string): boolean {
  const all = [...document.querySelectorAll('cx-feedback')].filter(isOurs);
  const match = touchpoint ? all.find((el) => el.getAttribute('touchpoint') == touchpoint) : all.find((el) => el.getAttribute('mode') == 'floating');
  match?.open();
  return !!match;
}

/**
 * Forgets this browser, for a customer's erasure request: deletes its queued and failed answers,
 * drafts and Touchpoint's localStorage keys first, so nothing forgotten is sent after; then asks
 * every collector known here (this page's `<cx-feedback>` endpoints, the stored answers', and
 * `endpoint`) to delete the journey: `DELETE …/journeys/<journey>` for an endpoint ending in
 * `/feedback`. The next answer starts a new journey.
 */
export const forget = (options?: { endpoint?: string }): Promise<Forgotten> =>
  safe(() => runtime().forget([options?.endpoint, ...[...document.querySelectorAll('cx-feedback')].filter(isOurs).map((el) => el.getAttribute('endpoint'))]), { local: false, deleted: null, endpoints: [] });
