import type { Answer } from '../core/answer.js';

type InsertAll = (answers: readonly Answer[]) => Promise<boolean[]>;

interface Waiting {
  answers: readonly Answer[];
  resolve: (isNew: boolean[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: the answers of all requests that arrive while the event loop is busy are written in
 * one transaction (one fsync; with PostgreSQL, groups commit side by side on the pool's connections), and each request's promise settles only after that commit. Under
 * load this turns thousands of small syncs into a few large ones; when idle a write waits for
 * nothing but the current turn of the event loop.
 */
export function groupWriter(insertAll: InsertAll) {
  let waiting: Waiting[] = [];
  let scheduled = false;

  async function commit(): Promise<void> {
    const group = waiting;
    waiting = [];
    scheduled = false;
    let isNew: boolean[];
    try {
      isNew = await insertAll(group.flatMap((w) => w.answers));
    } catch (error) {
      // Answers are validated before they get here, so this is the storage failing (disk full,
      // database locked): nothing in the group was stored, and every request hears so.
      for (const w of group) w.reject(error);
      return;
    }
    let at = 0;
    for (const w of group) w.resolve(isNew.slice(at, (at += w.answers.length)));
  }

  return {
    /** Resolves, once committed, whether each answer was new (false: a duplicate id). */
    write(answers: readonly Answer[]): Promise<boolean[]> {
      if (!answers.length) return Promise.resolve([]);
      return new Promise((resolve, reject) => {
        waiting.push({ answers, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(() => void commit());
        }
      });
    },
  };
}
