import { performance, type EventLoopUtilization } from 'node:perf_hooks';

/** Above this share of the event loop busy, with answers arriving, ingest has no time to spare. */
export const SATURATED = 0.85;
/** Over how long the share is measured, and how recently answers must have been committed to count as arriving. */
export const WINDOW_MS = 250;

/**
 * Whether ingest needs the process to itself: answers wait to be committed now, or they have been
 * arriving in the last `WINDOW_MS` while the event loop was busy more than `SATURATED` of it
 * (`performance.eventLoopUtilization`). Below that, background work (webhooks) uses the idle
 * time; at it, the background work waits, so it takes from what ingest leaves rather than from
 * ingest.
 */
export function ingestPressure(writer: { busy(): boolean; committedAt(): number }, utilization = loopUtilization()) {
  return (): boolean => writer.busy() || (performance.now() - writer.committedAt() < WINDOW_MS && utilization() > SATURATED);
}

/** The event loop's utilization over the last completed window of at least `windowMs`. */
export function loopUtilization(windowMs = WINDOW_MS): () => number {
  let last: EventLoopUtilization = performance.eventLoopUtilization();
  let at = performance.now();
  let value = 0;
  return () => {
    if (performance.now() - at >= windowMs) {
      const current = performance.eventLoopUtilization();
      value = performance.eventLoopUtilization(current, last).utilization;
      last = current;
      at = performance.now();
    }
    return value;
  };
}
