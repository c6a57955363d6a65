#!/usr/bin/env node
/**
 * `touchpoint-cx`: the reference collector from the published package.
 *
 *   npx touchpoint-cx serve [options]     the API and the widget bundles under /dist/
 *   npx touchpoint-cx hash-password       reads a password on stdin, prints its hash (TOUCHPOINT_ADMIN_PASSWORD_HASH)
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
import { hashPassword, parsePasswordHash } from './password.js';
import { MissingDriver } from './storage/storage.js';
import { readNames } from './names.js';
import type { TouchpointNames } from '../core/inbox.js';

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
  { flag: 'admin-token', env: 'TOUCHPOINT_ADMIN_TOKEN', value: 'token', meaning: 'bearer token for owner actions (replies), also signs the owner in', default: 'none' },
  { flag: 'admin-password-hash', env: 'TOUCHPOINT_ADMIN_PASSWORD_HASH', value: 'hash', meaning: 'the owner password as hash-password prints it, to sign in with', default: 'none' },
  { flag: 'session-secret', env: 'TOUCHPOINT_SESSION_SECRET', value: 'secret', meaning: 'key of the session cookie signature, 32+ characters', default: 'derived from the token and hash' },
  { flag: 'rate-limit', env: 'TOUCHPOINT_RATE_LIMIT', value: 'n', meaning: 'API requests per minute per client address', default: String(DEFAULT_RATE_LIMIT) },
  { flag: 'trust-proxy', env: 'TOUCHPOINT_TRUST_PROXY', meaning: 'client address from the last X-Forwarded-For entry (only behind your own proxy)', boolean: true },
  { flag: 'public-context', env: 'TOUCHPOINT_PUBLIC_CONTEXT', value: 'keys', meaning: 'comma-separated context keys the public feed shows', default: 'none' },
  { flag: 'names', env: 'TOUCHPOINT_NAMES', value: 'json', meaning: 'touchpoint display names per language: {"checkout":{"en":"Checkout","es":"Pago"}}, inline or a file path', default: 'the ids' },
  { flag: 'webhook-allow-private', env: 'TOUCHPOINT_WEBHOOK_ALLOW_PRIVATE', meaning: 'webhook targets may be loopback or private addresses', boolean: true },
  { flag: 'digest-hour', env: 'TOUCHPOINT_DIGEST_HOUR', value: 'h', meaning: 'UTC hour (0-23) the digest.daily webhook goes out', default: '8' },
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
  const cells = OPTIONS.map((o: Option) => [`  --${o.flag}${o.value ? ` <${o.value}>` : ''}`, o.env ? `${o.env}${o.boolean ? '=1' : ''}` : '', o]);
  const [left, middle] = [0, 1].map((i) => Math.max(...cells.map((c) => (c[i] as string).length)) + 2);
  const rows = cells.map(([flag, env, o]) => {
    const { meaning, default: fallback } = o as Option;
    return `${(flag as string).padEnd(left)}${(env as string).padEnd(middle)}${meaning}${fallback ? ` (default: ${fallback})` : ''}`;
  });
  return [
    `${NAME} ${version()}: the Touchpoint reference collector`,
    '',
    'Usage:',
    `  npx ${NAME} serve [options]   serve the API (/api/…) and the widget bundles (/dist/…)`,
    `  npx ${NAME} hash-password     print the hash of a password read on stdin, for TOUCHPOINT_ADMIN_PASSWORD_HASH`,
    `  npx ${NAME} --help            this help`,
    `  npx ${NAME} --version         the version`,
    '',
    'Options of serve, each with its environment variable (an option given here wins over the variable):',
    `  ${'option'.padEnd(left - 2)}${'variable'.padEnd(middle)}meaning`,
    ...rows,
    '',
    'Storage needs a driver installed next to touchpoint-cx: `npm install better-sqlite3@12` for SQLite',
    '(the default), or `npm install pg@8` for PostgreSQL (TOUCHPOINT_DATABASE_URL).',
    'The owner signs in (POST /api/session) with the token or the password; changing either signs everyone out.',
    "The hash holds $ signs: quote it in single quotes in a shell (in docker compose, write each $ as $$).",
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
  adminPasswordHash?: string;
  sessionSecret?: string;
  rateLimit: number;
  trustProxy: boolean;
  publicContext?: string[];
  names?: TouchpointNames;
  webhookAllowPrivate: boolean;
  digestHour?: number;
  retentionDays?: number;
  demo?: string;
}

/** The command line (`argv` without node and the script) and the environment, read into settings; throws a Refusal. */
export function parse(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): { command: 'help' | 'version' | 'hash-password' } | { command: 'serve'; settings: ServeSettings } {
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
  if (command === 'hash-password') {
    const option = OPTIONS.find((o) => values[o.flag] !== undefined);
    if (extra.length || option) throw new Refusal(`hash-password takes nothing but the password, on stdin, not ${option ? `--${option.flag}` : `"${extra[0]}"`}`, 2);
    return { command: 'hash-password' };
  }
  if (command !== 'serve') throw new Refusal(`unknown command "${command}"; the commands are serve and hash-password (${NAME} --help)`, 2);
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

  const passwordHash = read('admin-password-hash');
  if (passwordHash && !parsePasswordHash(passwordHash.raw))
    throw new Refusal(`${passwordHash.name} must be a hash printed by \`${NAME} hash-password\` (scrypt$N$r$p$salt$hash)`, passwordHash.code);
  const sessionSecret = read('session-secret');
  if (sessionSecret && sessionSecret.raw.length < 32)
    throw new Refusal(`${sessionSecret.name} must be at least 32 characters, e.g. from \`openssl rand -base64 32\``, sessionSecret.code);

  let trustProxy = values['trust-proxy'] === true;
  if (!trustProxy) {
    const raw = env.TOUCHPOINT_TRUST_PROXY?.trim();
    if (raw && raw !== '0' && raw !== '1') throw new Refusal(`TOUCHPOINT_TRUST_PROXY must be 1 or 0, not "${raw}"`, 1);
    trustProxy = raw === '1';
  }

  let webhookAllowPrivate = values['webhook-allow-private'] === true;
  if (!webhookAllowPrivate) {
    const raw = env.TOUCHPOINT_WEBHOOK_ALLOW_PRIVATE?.trim();
    if (raw && raw !== '0' && raw !== '1') throw new Refusal(`TOUCHPOINT_WEBHOOK_ALLOW_PRIVATE must be 1 or 0, not "${raw}"`, 1);
    webhookAllowPrivate = raw === '1';
  }

  let demo: string | undefined;
  const demoGiven = read('demo');
  if (demoGiven) {
    demo = resolve(demoGiven.raw);
    if (!existsSync(demo) || !statSync(demo).isDirectory()) throw new Refusal(`--demo must be a directory of demo pages; there is none at ${demo}`, 2);
  }

  let names: TouchpointNames | undefined;
  const namesGiven = read('names');
  if (namesGiven) {
    try {
      names = readNames(namesGiven.raw);
    } catch (error) {
      throw new Refusal(`${namesGiven.name} ${(error as Error).message}`, namesGiven.code);
    }
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
      adminPasswordHash: passwordHash?.raw || undefined,
      sessionSecret: sessionSecret?.raw || undefined,
      rateLimit: whole('rate-limit', 1, 1_000_000_000) ?? DEFAULT_RATE_LIMIT,
      trustProxy,
      publicContext: list('public-context'),
      names,
      webhookAllowPrivate,
      digestHour: whole('digest-hour', 0, 23),
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
      names: settings.names,
      webhookAllowPrivate: settings.webhookAllowPrivate,
      digestHour: settings.digestHour,
      retentionDays: settings.retentionDays,
      origins: settings.origins,
      publicUrl: settings.publicUrl,
      rateLimit: settings.rateLimit,
      adminToken: settings.adminToken,
      adminPasswordHash: settings.adminPasswordHash,
      sessionSecret: settings.sessionSecret,
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

export const MIN_PASSWORD_LENGTH = 8;

interface HashPasswordIO {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?(raw: boolean): unknown };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * `hash-password`: the password from stdin (at a terminal: typed twice, not echoed; else all of
 * stdin, one line, a final newline dropped), its hash printed on stdout for
 * `TOUCHPOINT_ADMIN_PASSWORD_HASH`. Resolves the hash; throws a Refusal.
 */
export async function hashPasswordCommand(io: HashPasswordIO = process): Promise<string> {
  let password: string;
  if (io.stdin.isTTY && io.stdin.setRawMode) {
    password = await readUnseen(io, 'Password: ');
    if (password.length >= MIN_PASSWORD_LENGTH && (await readUnseen(io, 'Again: ')) !== password) throw new Refusal('the two passwords differ; nothing printed', 1);
  } else {
    const chunks: Buffer[] = [];
    for await (const chunk of io.stdin) chunks.push(Buffer.from(chunk as string | Buffer));
    password = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
    if (/[\r\n]/.test(password)) throw new Refusal('the password must be one line', 1);
  }
  if (!password) throw new Refusal('no password: type it, or pipe it in (printf %s "$PASSWORD" | npx touchpoint-cx hash-password)', 1);
  if ([...password].length < MIN_PASSWORD_LENGTH) throw new Refusal(`the password must be at least ${MIN_PASSWORD_LENGTH} characters`, 1);
  const hash = await hashPassword(password);
  io.stdout.write(`${hash}\n`);
  if (io.stderr.isTTY) io.stderr.write(`Set TOUCHPOINT_ADMIN_PASSWORD_HASH to it, in single quotes in a shell: it holds $ signs.\n`);
  return hash;
}

/** One line typed at a terminal without echo (raw mode): Enter ends it, Backspace edits, Ctrl+C or Ctrl+D cancels. */
function readUnseen({ stdin, stderr }: HashPasswordIO, prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let value = '';
    stderr.write(prompt);
    stdin.setRawMode!(true);
    stdin.setEncoding('utf8');
    const finish = (error?: Refusal) => {
      stdin.off('data', onData);
      stdin.setRawMode!(false);
      stdin.pause();
      stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string | Buffer) => {
      for (const ch of String(chunk)) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003' || ch === '\u0004') return finish(new Refusal('cancelled; nothing printed', 1));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
    stdin.resume();
  });
}

/** The whole command: parses, then prints help or the version, hashes a password, or serves. Exits on a refusal. */
export async function main(argv: readonly string[]): Promise<void> {
  try {
    const parsed = parse(argv);
    if (parsed.command === 'hash-password') return void (await hashPasswordCommand());
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
