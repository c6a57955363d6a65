/**
 * `npm start`: the reference collector with the demo shop, i.e. `touchpoint-cx serve --demo demo`
 * (see cli.ts, or `node dist/node/server/cli.js --help`, for every option and environment variable:
 * PORT, HOST, TOUCHPOINT_DB, TOUCHPOINT_DATABASE_URL, TOUCHPOINT_ORIGINS, TOUCHPOINT_PUBLIC_URL,
 * TOUCHPOINT_ADMIN_TOKEN, TOUCHPOINT_ADMIN_PASSWORD_HASH, TOUCHPOINT_SESSION_SECRET, TOUCHPOINT_RATE_LIMIT,
 * TOUCHPOINT_TRUST_PROXY, TOUCHPOINT_PUBLIC_CONTEXT, TOUCHPOINT_RETENTION_DAYS). Options after it are
 * passed on: `npm start -- --port 9000`.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { main } from './cli.js';
import { reportEventLoopDelay } from './event-loop.js';

/** The repository root: the nearest directory above this file with a package.json (works from src and from dist/node/). */
function repositoryRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

reportEventLoopDelay();
await main(['serve', '--demo', join(repositoryRoot(import.meta.dirname), 'demo'), ...process.argv.slice(2)]);
