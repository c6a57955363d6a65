import { setTimeout as sleep } from 'node:timers/promises';
import type { Storage } from './storage/storage.js';

/** Answers deleted per transaction: small, so writers and readers never wait long behind it. */
export const RETENTION_BATCH = 500;
const EVERY_MS = 3_600_000;

/**
 * `TOUCHPOINT_RETENTION_DAYS`: deletes answers older than `days`, now and every hour, in small
 * batches with a pause between them so serving goes on; rollups are recounted with each batch.
 */
export function retention(storage: Storage, days: number, log: (message: string) => void, now = Date.now) {
  const controller = new AbortController();
  const { signal } = controller;

  async function sweep(): Promise<void> {
    const cutoff = now() - days * 86_400_000;
    let deleted = 0;
    for (let n = RETENTION_BATCH; n === RETENTION_BATCH && !signal.aborted; deleted += n) {
      n = await storage.expire(cutoff, RETENTION_BATCH);
      await sleep(10, undefined, { signal }).catch(() => {});
    }
    if (deleted) log(`touchpoint collector: retention deleted ${deleted} answers older than ${days} days`);
  }

  const running = (async () => {
    while (!signal.aborted) {
      await sweep().catch((error: unknown) => log(`touchpoint collector: retention failed, will try again: ${error instanceof Error ? error.message : error}`));
      await sleep(EVERY_MS, undefined, { signal, ref: false }).catch(() => {});
    }
  })();

  return {
    /** Stops after the batch in progress. */
    async stop(): Promise<void> {
      controller.abort();
      await running;
    },
  };
}
