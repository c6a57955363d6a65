import { afterAll, beforeAll } from 'vitest';
import { startPostgres, type Postgres } from '../fixtures/postgres.js';

/**
 * Both storage engines for one test file: a real PostgreSQL server started for the file (the call
 * registers its `beforeAll` and `afterAll`) and a fresh, empty database on it per use; SQLite in
 * the collector's own temporary directory. `describe.each(engines)` runs a suite on each.
 */
export function bothEngines(prefix: string) {
  let postgres: Postgres | undefined;
  let databases = 0;
  beforeAll(async () => {
    postgres = await startPostgres();
  }, 120_000);
  afterAll(() => postgres?.stop());

  async function freshDatabase(): Promise<string> {
    const name = `${prefix}_${++databases}`;
    await postgres!.psql(`CREATE DATABASE ${name}`);
    return postgres!.url.replace(/\/[^/]*$/, `/${name}`);
  }

  const engines = [
    ['SQLite', async (): Promise<{ databaseUrl?: string }> => ({})],
    ['PostgreSQL', async (): Promise<{ databaseUrl?: string }> => ({ databaseUrl: await freshDatabase() })],
  ] as const;
  return { engines, freshDatabase, postgres: () => postgres! };
}
