import type { Answer } from '../core/answer.js';

type InsertAll = (answers: readonly Answer[]) => Promise<boolean[]>;

interface Waiting {
  answers: readonly Answer[];
  resolve: (isNew: boolean[]) => void;
  reject: (error: unknown) => void;
}

/** Answers per transaction at most (a request is never split): SQLite writes a group in one turn of the event loop. */
export const MAX_GROUP = 1000;

/**
 * Group commit: the answers of all requests that arrive while the event loop is busy are written in
 * one transaction (one fsync), and each request's promise settles only after that commit. One
 * group commits at a time and the next gathers meanwhile, so under load groups grow instead of
 * transactions queueing on the same rollup rows. When idle a write waits for nothing but the
 * current turn of the event loop.
 */
export function groupWriter(insertAll: InsertAll, maxGroup = MAX_GROUP) {
  let waiting: Waiting[] = [];
  let scheduled = false;
  let committing = false;
  let committedAt = -Infinity;
  const idle: (() => void)[] = [];

  function schedule(): void {
    if (scheduled || committing || !waiting.length) return;
    scheduled = true;
    setImmediate(() => void commit());
  }

  async function commit(): Promise<void> {
    scheduled = false;
    committing = true;
    // Whole requests, up to about `maxGroup` answers: one transaction stays short.
    let size = 0;
    let take = 0;
    while (take < waiting.length && (take === 0 || size + waiting[take].answers.length <= maxGroup)) size += waiting[take++].answers.length;
    const group = waiting.splice(0, take);
    try {
      const isNew = await insertAll(group.flatMap((w) => w.answers));
      let at = 0;
      for (const w of group) w.resolve(isNew.slice(at, (at += w.answers.length)));
    } catch (error) {
      // Answers are validated before they get here, so this is the storage failing (disk full,
      // database locked): nothing in the group was stored, and every request hears so.
      for (const w of group) w.reject(error);
    } finally {
      committing = false;
      committedAt = performance.now();
      schedule();
      if (!scheduled) for (const done of idle.splice(0)) done();
    }
  }

  return {
    /** Whether answers are waiting to be committed, or being committed, now. */
    busy: (): boolean => committing || scheduled || waiting.length > 0,
    /** When the last group was committed (or failed), on `performance.now()`'s clock. */
    committedAt: (): number => committedAt,
    /** Resolves once every write asked for so far has committed or failed (before the storage closes). */
    drained: (): Promise<void> => (committing || scheduled ? new Promise((done) => idle.push(done)) : Promise.resolve()),
    /** Resolves, once committed, whether each answer was new (false: a duplicate id). */
    write(answers: readonly Answer[]): Promise<boolean[]> {
      if (!answers.length) return Promise.resolve([]);
      return new Promise((resolve, reject) => {
        waiting.push({ answers, resolve, reject });
        schedule();
      });
    },
  };
}
