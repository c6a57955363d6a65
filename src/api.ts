import type { Answer } from './core/answer.js';
import { runtime, type FlushResult } from './core/delivery/runtime.js';
import type { TransportOptions } from './core/delivery/transport.js';
import { warnOnce } from './elements/warn.js';

export type { Answer, FlushResult, TransportOptions };

/** Sends every answer that is due now; resolves with what was sent and what is left. */
export const flush = (): Promise<FlushResult> => runtime().flush();

/** Answers stored in this browser and not yet acknowledged by their endpoint. */
export const pending = (): Promise<Answer[]> => runtime().pending();

/** Answers an endpoint refused (or that expired), kept 7 days, at most 200. */
export const failed = (): Promise<{ answer: Answer; status: number; reason: string }[]> => runtime().failed();

/** Puts every failed answer back in the queue and sends it; resolves how many. */
export const retryFailed = (): Promise<number> => runtime().retryFailed();

/** Request headers, credentials mode, or a `transform(answer)` that reshapes each answer for your endpoint. */
export function configure(options: TransportOptions): void {
  const { headers, credentials, transform } = options ?? {};
  const ok =
    (headers === undefined || (typeof headers === 'object' && headers !== null && Object.values(headers).every((v) => typeof v === 'string'))) &&
    (credentials === undefined || ['omit', 'same-origin', 'include'].includes(credentials)) &&
    (transform === undefined || typeof transform === 'function');
  if (!ok) {
    warnOnce('Touchpoint.configure() expects { headers?: { [name]: string }, credentials?: "omit" | "same-origin" | "include", transform?: (answer) => body }; nothing was changed.');
    return;
  }
  runtime().configure({ headers, credentials, transform });
}

/**
 * Opens a floating `<cx-feedback>`: the one for `touchpoint` when given, else the first floating one.
 * Resolves whether one was found. Opening on request ignores the sample and the cooldown.
 */
export function open(touchpoint?: string): boolean {
  const all = [...document.querySelectorAll('cx-feedback')];
  const match = all.find((el) => el.getAttribute('touchpoint') === touchpoint) ?? (touchpoint ? undefined : all.find((el) => el.getAttribute('mode') === 'floating'));
  match?.open();
  return !!match;
}
