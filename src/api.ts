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

/** Request headers, a credentials mode, or a `transform(answer)` that reshapes each answer for your endpoint. */
export function configure(options: TransportOptions): void {
  const { headers, credentials, transform } = options ?? {};
  if (Object.values(headers ?? {}).some((v) => typeof v != 'string') || !/^(omit|same-origin|include|)$/.test(credentials ?? '') || (transform && typeof transform != 'function'))
    warnOnce('Touchpoint.configure() takes { headers: { name: "value" }, credentials: "omit" | "same-origin" | "include", transform(answer) }; nothing changed.');
  else runtime().configure(options);
}

/**
 * Opens a floating `<cx-feedback>`: the one whose touchpoint attribute is `touchpoint`, else the
 * first floating one. Returns whether there was one. Opening on request ignores sample and cooldown.
 */
export function open(touchpoint?: string): boolean {
  const all = [...document.querySelectorAll('cx-feedback')];
  const match = touchpoint ? all.find((el) => el.getAttribute('touchpoint') == touchpoint) : all.find((el) => el.getAttribute('mode') == 'floating');
  match?.open();
  return !!match;
}
