import pg from 'pg';
import { until } from './page.js';

export interface HeldInsert {
  /** The `application_name` of each collector connection whose INSERT waits. */
  waiting: string[];
  /**
   * The ids committed when the lock was taken (lower case). While it is held nothing else can
   * commit, so an answer acknowledged later that is not here was acknowledged without being stored.
   */
  committed: Set<string>;
  /** Lets the INSERT go on (ROLLBACK) and closes the connection; safe when the server already ended it. */
  release(): Promise<void>;
}

/**
 * Catches a collector in the middle of a request: a transaction of the test's locks the answers
 * table, so the next INSERT waits, uncommitted, on a connection the collector has checked out.
 * Resolves once one waits (at most `timeoutMs`), so the test can then kill the collector or take
 * the database away at exactly that moment.
 */
export async function holdNextInsert(url: string, timeoutMs = 20_000): Promise<HeldInsert> {
  const holder = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  // The test may stop or restart the server under this connection: that ends it, and is no error.
  holder.on('error', () => {});
  await holder.connect();
  const release = async () => {
    await holder.query('ROLLBACK').catch(() => {});
    await holder.end().catch(() => {});
  };
  try {
    await holder.query('BEGIN');
    // Granted only once every INSERT begun before it has committed or rolled back.
    await holder.query('LOCK TABLE answers IN EXCLUSIVE MODE');
    const committed = new Set((await holder.query<{ id: string }>('SELECT id FROM answers')).rows.map((r) => r.id));
    let waiting: string[] = [];
    await until(
      'a collector INSERT waits on the lock',
      async () => {
        const { rows } = await holder.query<{ application_name: string }>(
          "SELECT application_name FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
        );
        waiting = rows.map((r) => r.application_name);
        return waiting.length > 0;
      },
      timeoutMs,
    );
    return { waiting, committed, release };
  } catch (error) {
    await release();
    throw error;
  }
}
