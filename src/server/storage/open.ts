import { openPostgres } from './postgres.js';
import { openSqlite } from './sqlite.js';
import type { Storage } from './storage.js';

export interface StorageOptions {
  /** SQLite database file, created (with its directory) when missing. */
  dbPath?: string;
  /** `postgres://…`: PostgreSQL instead of SQLite. */
  databaseUrl?: string;
  log?: (message: string) => void;
}

/** PostgreSQL when a database URL is given, else SQLite; each engine loads its driver only here. */
export function openStorage(options: StorageOptions): Promise<Storage> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, { log: options.log });
  if (!options.dbPath) throw new Error('no storage: give a SQLite file (TOUCHPOINT_DB) or a PostgreSQL URL (TOUCHPOINT_DATABASE_URL)');
  return Promise.resolve().then(() => openSqlite(options.dbPath!));
}
