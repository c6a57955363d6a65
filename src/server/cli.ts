#!/usr/bin/env node
/**
 * `touchpoint-cx`: the reference collector from the published package.
 *
 *   npx touchpoint-cx serve [options]     the API and the widget bundles under /dist/
 *   npx touchpoint-cx --help              every option and the environment variable behind it
 *
 * Each option has an environment variable; an option given on the command line wins over it.
 * `npm start` runs `serve --demo demo` (src/server/main.ts) to add the demo shop.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createCollector, DEFAULT_RATE_LIMIT, type Collector } from './collector.js';
import { MissingDriver } from './storage/storage.js';

/** A mistake on the command line (exit 2) or in the environment (exit 1): one line, no stack. */
class Refusal extends Error {
  constructor(
    message: string,
    readonly code: 1 | 2,
  ) {
    super(message);
  }
}

interface Option {
  flag: string;
  env?: string;
  value?: string;
  meaning: string;
  default?: string;
  boolean?: true;
}

/** Every option of `serve`, in the order --help lists them. */
const OPTIONS = [
  { flag: 'port', env: 'PORT', value: 'n', meaning: 'port to listen on (0: any free port)', default: '8080' },
  { flag: 'host', env: 'HOST', value: 'address', meaning: 'address to listen on', default: '127.0.0.1' },
  { flag: 'db', env: 'TOUCHPOINT_DB', value: 'file', meaning: 'SQLite file, created on first start (needs better-sqlite3@12)', default: './data/touchpoint.db' },
  { flag: 'database-url', env: 'TOUCHPOINT_DATABASE_URL', value: 'url', meaning: 'postgres://…: PostgreSQL instead of SQLite, may be shared by several collectors (needs pg@8)' },
  { flag: 'origins', env: 'TOUCHPOINT_ORIGINS', value: 'list', meaning: 'comma-separated origins whose pages may call the API, or * (its own origin always may)', default: 'none' },
  { flag: 'public-url', env: 'TOUCHPOINT_PUBLIC_URL', value: 'url', meaning: "the collector's URL as browsers reach it; its origin is the collector's own", default: 'where it listens' },
  { flag: 'admin-token', env: 'TOUCHPOINT_ADMIN_TOKEN', value: 'token', meaning: 'bearer token for owner replies', default: 'replies disabled' },
  { flag: 'rate-limit', env: 'TOUCHPOINT_RATE_LIMIT', value: 'n', meaning: 'API requests per minute per client address', default: String(DEFAULT_RATE_LIMIT) },
  { flag: 'trust-proxy', env: 'TOUCHPOINT_TRUST_PROXY', meaning: 'client address from the last X-Forwarded-For entry (only behind your own proxy)', boolean: true },
  { flag: 'public-context', env: 'TOUCHPOINT_PUBLIC_CONTEXT', value: 'keys', meaning: 'comma-separated context keys the public feed shows', default: 'none' },
  { flag: 'retention-days', env: 'TOUCHPOINT_RETENTION_DAYS', value: 'n', meaning: 'delete answers older than this many days', default: 'keep them' },
  { flag: 'demo', value: 'dir', meaning: 'also serve the demo pages of this directory at / (npm start: demo)' },
] as const satisfies readonly Option[];

type Flag = (typeof OPTIONS)[number]['flag'];

const NAME = 'touchpoint-cx';
const PREFIX = 'touchpoint collector';

/** The package root: the nearest directory above this file with a package.json (in a checkout and when installed). */
function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

const ROOT = packageRoot(dirname(fileURLToPath(import.meta.url)));

function version(): string {
  try {
    return String(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  } catch {
    return 'unknown';
  }
}

export function help(): string {
  const rows = OPTIONS.map((o: Option) => {
    const left = `  --${o.flag}${o.value ? ` <${o.value}>` : ''}`;
    const env = o.env ? `${o.env}${o.boolean ? '=1' : ''}` : '';
    return `${left.padEnd(27)}${env.padEnd(27)}${o.meaning}${o.default ? ` (default: ${o.default})` : ''}`;
  });
  return [
    `${NAME} ${version()}: the Touchpoint reference collector`,
    '',
    'Usage:',
    `  npx ${NAME} serve [options]   serve the API (/api/…) and the widget bundles (/dist/…)`,
    `  npx ${NAME} --help            this help`,
    `  npx ${NAME} --version         the version`,
    '',
    'Options of serve, each with its environment variable (an option given here wins over the variable):',
    `  ${'option'.padEnd(25)}${'variable'.padEnd(27)}meaning`,
    ...rows,
    '',
    'Storage needs a driver installed next to touchpoint-cx: `npm install better-sqlite3@12` for SQLite',
    '(the default), or `npm install pg@8` for PostgreSQL (TOUCHPOINT_DATABASE_URL).',
    'Ctrl+C (SIGINT) or SIGTERM stops it after the requests in flight.',
  ].join('\n');
}

export interface ServeSettings {
  port: number;
  host: string;
  dbPath: string;
  databaseUrl?: string;
  origins?: string[];
  publicUrl?: string;
  adminToken?: string;
  rateLimit: number;
  trustProxy: boolean;
  publicContext?: string[];
  retentionDays?: number;
  demo?: string;
}

/** The command line (`argv` without node and the script) and the environment, read into settings; throws a Refusal. */
export function parse(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): { command: 'help' | 'version' } | { command: 'serve'; settings: ServeSettings } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
        ...Object.fromEntries(OPTIONS.map((o: Option) => [o.flag, { type: o.boolean ? 'boolean' : 'string' } as const])),
      },
    });
  } catch (error) {
    const { code, message } = error as Error & { code?: string };
    const option = /'(-[^' ]*)/.exec(message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new Refusal(`unknown option ${option}; ${NAME} --help lists them`, 2);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
      throw new Refusal(option && OPTIONS.some((o: Option) => o.boolean && `--${o.flag}` === option) ? `${option} takes no value` : `${option ?? 'an option'} needs a value`, 2);
    throw new Refusal(message.split('\n')[0]!, 2);
  }
  const values = parsed.values as Partial<Record<Flag | 'help' | 'version', string | boolean>>;
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };
  const [command, ...extra] = parsed.positionals;
  if (command === undefined) return { command: 'help' };
  if (command !== 'serve') throw new Refusal(`unknown command "${command}"; the command is serve (${NAME} --help)`, 2);
  if (extra.length) throw new Refusal(`serve takes options only, not "${extra[0]}"; ${NAME} --help lists them`, 2);

  /** The option's value, else its variable's (trimmed, empty meaning unset), with the name to blame. */
  const read = (flag: Flag): { raw: string; name: string; code: 1 | 2 } | undefined => {
    const given = values[flag];
    if (typeof given === 'string') return { raw: given.trim(), name: `--${flag}`, code: 2 };
    const option: Option = OPTIONS.find((o) => o.flag === flag)!;
    const raw = option.env ? env[option.env]?.trim() : undefined;
    return raw ? { raw, name: option.env!, code: 1 } : undefined;
  };
  const whole = (flag: Flag, min: number, max: number): number | undefined => {
    const got = read(flag);
    if (!got) return undefined;
    const n = Number(got.raw);
    if (got.raw === '' || !/^\d+$/.test(got.raw) || !Number.isSafeInteger(n) || n < min || n > max)
      throw new Refusal(`${got.name} must be a whole number from ${min} to ${max}, not "${got.raw}"`, got.code);
    return n;
  };
  const list = (flag: Flag) => {
    const got = read(flag);
    const items = got?.raw.split(',').map((s) => s.trim()).filter(Boolean);
    return items?.length ? items : undefined;
  };
  const url = (flag: Flag, protocols: string[], what: string): string | undefined => {
    const got = read(flag);
    if (!got?.raw) return undefined;
    const parsedUrl = URL.canParse(got.raw) ? new URL(got.raw) : null;
    if (!parsedUrl || !protocols.includes(parsedUrl.protocol)) throw new Refusal(`${got.name} must be ${what}, not "${got.raw}"`, got.code);
    return got.raw;
  };

  let trustProxy = values['trust-proxy'] === true;
  if (!trustProxy) {
    const raw = env.TOUCHPOINT_TRUST_PROXY?.trim();
    if (raw && raw !== '0' && raw !== '1') throw new Refusal(`TOUCHPOINT_TRUST_PROXY must be 1 or 0, not "${raw}"`, 1);
    trustProxy = raw === '1';
  }

  let demo: string | undefined;
  const demoGiven = read('demo');
  if (demoGiven) {
    demo = resolve(demoGiven.raw);
    if (!existsSync(demo) || !statSync(demo).isDirectory()) throw new Refusal(`--demo must be a directory of demo pages; there is none at ${demo}`, 2);
  }

  const host = read('host')?.raw;
  return {
    command: 'serve',
    settings: {
      port: whole('port', 0, 65535) ?? 8080,
      host: host || '127.0.0.1',
      dbPath: resolve(read('db')?.raw || './data/touchpoint.db'),
      databaseUrl: url('database-url', ['postgres:', 'postgresql:'], 'a postgres:// URL'),
      origins: list('origins'),
      publicUrl: url('public-url', ['http:', 'https:'], 'an http(s) URL'),
      adminToken: read('admin-token')?.raw || undefined,
      rateLimit: whole('rate-limit', 1, 1_000_000_000) ?? DEFAULT_RATE_LIMIT,
      trustProxy,
      publicContext: list('public-context'),
      retentionDays: whole('retention-days', 1, 100_000),
      demo,
    },
  };
}

/** Starts the collector; resolves its base URL once it listens. SIGINT and SIGTERM close it gracefully. */
export async function serve(settings: ServeSettings): Promise<{ url: string; collector: Collector }> {
  const dist = join(ROOT, 'dist');
  if (!existsSync(join(dist, 'touchpoint.js')))
    console.warn(`${PREFIX}: ${join(dist, 'touchpoint.js')} is missing, so /dist/ has no widget; run \`npm run build\`.`);
  const storage = settings.databaseUrl ? 'PostgreSQL' : settings.dbPath;
  let collector: Collector;
  try {
    collector = createCollector({
      dbPath: settings.dbPath,
      databaseUrl: settings.databaseUrl,
      publicContext: settings.publicContext,
      retentionDays: settings.retentionDays,
      origins: settings.origins,
      publicUrl: settings.publicUrl,
      rateLimit: settings.rateLimit,
      adminToken: settings.adminToken,
      trustProxy: settings.trustProxy,
      dist,
      pages: settings.demo,
    });
  } catch (error) {
    throw new Refusal(`cannot start: ${(error as Error).message}`, 1);
  }
  // Before the URL line: until a handler is installed the signal's default action kills the
  // process at once, and whoever waits for that line may send one as soon as it appears.
  let stopping = false;
  const stop = () => {
    // A second signal while closing: stop at once.
    if (stopping) process.exit(1);
    stopping = true;
    collector.close().then(
      () => process.exit(0),
      (error: Error) => {
        console.error(`${PREFIX}: closing failed: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  const { port, host } = settings;
  const url = await collector.listen(port, host).catch((error: NodeJS.ErrnoException) => {
    throw new Refusal(
      error instanceof MissingDriver ? error.message
      : error.code === 'EADDRINUSE' ? `port ${port} is in use; set --port (PORT) to another one`
      : error.syscall === 'listen' ? `cannot listen on ${host}:${port}: ${error.message}`
      : `cannot open ${settings.databaseUrl ? 'the PostgreSQL database' : `the database ${settings.dbPath}`}: ${error.message}`,
      1,
    );
  });
  console.log(settings.demo ? `Touchpoint demo shop and collector: ${url}/` : `Touchpoint collector: ${url}/`);
  console.log(`  answers go to ${url}/api/feedback and are stored in ${storage}`);
  console.log(settings.demo ? `  wall ${url}/wall · journey map ${url}/journey · Ctrl+C stops` : `  widget bundles at ${url}/dist/touchpoint.js · Ctrl+C stops`);
  return { url, collector };
}

/** The whole command: parses, then prints help or the version, or serves. Exits on a refusal. */
export async function main(argv: readonly string[]): Promise<void> {
  try {
    const parsed = parse(argv);
    if (parsed.command !== 'serve') return void console.log(parsed.command === 'help' ? help() : version());
    await serve(parsed.settings);
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    console.error(`${PREFIX}: ${error.message}`);
    process.exit(error.code);
  }
}

// Run when this file is the program (`npx touchpoint-cx` reaches it through a symbolic link in
// node_modules/.bin), not when main.ts imports it.
const invoked = process.argv[1] && existsSync(process.argv[1]) ? realpathSync(process.argv[1]) : '';
if (invoked === realpathSync(fileURLToPath(import.meta.url))) await main(process.argv.slice(2));
