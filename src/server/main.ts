/**
 * `npm start`: the reference collector with the demo shop.
 *
 *   PORT                    default 8080 (0: any free port)
 *   HOST                    default 127.0.0.1
 *   TOUCHPOINT_DB           default ./data/touchpoint.db
 *   TOUCHPOINT_DATABASE_URL postgres://…: PostgreSQL instead of SQLite (several collectors may share it)
 *   TOUCHPOINT_PUBLIC_CONTEXT comma-separated context keys the public feed shows; default none
 *   TOUCHPOINT_RETENTION_DAYS delete answers older than this many days; default: keep them
 *   TOUCHPOINT_ORIGINS      comma-separated origins allowed to call the API from other sites, or *; default none
 *                           (this server's own origin is always allowed)
 *   TOUCHPOINT_ADMIN_TOKEN  bearer token for owner replies; unset: replies are disabled
 *   TOUCHPOINT_RATE_LIMIT   API requests per minute per client address, default 120
 *   TOUCHPOINT_TRUST_PROXY  1: take the client address from X-Forwarded-For (only behind your own proxy)
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createCollector, DEFAULT_RATE_LIMIT } from './collector.js';
import { reportEventLoopDelay } from './event-loop.js';
import { MissingDriver } from './storage/storage.js';

function fail(message: string): never {
  console.error(`touchpoint collector: ${message}`);
  process.exit(1);
}

function wholeNumber(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) fail(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  return n;
}

/** The repository root: the nearest directory above this file with a package.json (works from src and from build/). */
function repositoryRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

const port = wholeNumber('PORT', 8080, 0, 65535);
const host = process.env.HOST?.trim() || '127.0.0.1';
const dbPath = resolve(process.env.TOUCHPOINT_DB?.trim() || './data/touchpoint.db');
const rateLimit = wholeNumber('TOUCHPOINT_RATE_LIMIT', DEFAULT_RATE_LIMIT, 1, 1_000_000_000);
const root = repositoryRoot(import.meta.dirname);

if (!existsSync(join(root, 'dist', 'touchpoint.js')))
  console.warn('touchpoint collector: dist/touchpoint.js is missing, so the demo pages have no widget; run `npm run build`.');

let collector;
try {
  collector = createCollector({
    dbPath,
    databaseUrl: process.env.TOUCHPOINT_DATABASE_URL?.trim() || undefined,
    publicContext: process.env.TOUCHPOINT_PUBLIC_CONTEXT?.split(',').map((k) => k.trim()).filter(Boolean),
    retentionDays: wholeNumber('TOUCHPOINT_RETENTION_DAYS', 0, 1, 100_000) || undefined,
    origins: process.env.TOUCHPOINT_ORIGINS?.split(',').map((o) => o.trim()).filter(Boolean),
    publicUrl: process.env.TOUCHPOINT_PUBLIC_URL?.trim() || undefined,
    rateLimit,
    adminToken: process.env.TOUCHPOINT_ADMIN_TOKEN?.trim() || undefined,
    trustProxy: process.env.TOUCHPOINT_TRUST_PROXY === '1',
    dist: join(root, 'dist'),
    pages: join(root, 'demo'),
  });
} catch (error) {
  fail(`cannot open the database ${dbPath}: ${(error as Error).message}`);
}

const storageName = process.env.TOUCHPOINT_DATABASE_URL?.trim() ? 'the PostgreSQL database' : `the database ${dbPath}`;
const url = await collector.listen(port, host).catch((error: NodeJS.ErrnoException) =>
  fail(
    error instanceof MissingDriver ? error.message
    : error.code === 'EADDRINUSE' ? `port ${port} is in use; set PORT to another one`
    : error.syscall === 'listen' ? `cannot listen on ${host}:${port}: ${error.message}`
    : `cannot open ${storageName}: ${error.message}`,
  ),
);
console.log(`Touchpoint demo shop and collector: ${url}/`);
console.log(`  answers go to ${url}/api/feedback and are stored in ${dbPath}`);
console.log(`  wall ${url}/wall · journey map ${url}/journey · Ctrl+C stops`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  collector.close().then(() => process.exit(0), () => process.exit(1));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
reportEventLoopDelay();
