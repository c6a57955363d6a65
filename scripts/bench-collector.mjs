// The reference collector under load: `npm run bench:collector` (arguments after `--`).
//
// Ingest: a bare node:http server that only parses the JSON body (scripts/lib/bare-server.mjs),
// then the built collector (dist/node/server/main.js) with SQLite and with PostgreSQL, one and two
// processes on one database, all in the same run. autocannon sends single answers, then batches of
// 50, at 50 connections for --seconds each. Two processes listen on two ports, and two autocannon
// runs (25 connections each) drive them side by side, their latency histograms merged: no proxy in
// between. Each row is also a ratio to the bare server with as many processes, in the same mode.
//
// Ingest with webhooks: one collector per engine, without a webhook target and with one (a local
// receiver process answering 204 at once, subscribed to answer.created for every answer, created
// through POST /api/webhooks with TOUCHPOINT_ADMIN_TOKEN and TOUCHPOINT_WEBHOOK_ALLOW_PRIVATE=1),
// each on a fresh database, run five times in turn (without, with, without, with, …) and the
// median run of each compared (runs on this machine differ by 10 % or more, either way); the ratio
// says what a target costs ingest. After the last run with a target, the bench waits for the
// receiver to hold one event per stored answer, and says how long the backlog took.
//
// Summaries: one collector per engine with TOUCHPOINT_REPORT_EVENT_LOOP=1, filled through
// POST /api/feedback (batches of 100, so rollups are kept by the real insert code) with answers
// over the last 90 days (oldest first) and 12 touchpoints, up to 1,000, 100,000 and 1,000,000 answers.
// At each size: GET /api/summary for all time and for the last 30 days (a `since` that is not on a
// day boundary, as the journey map asks), one at a time, then 20 at once for 2 s while the
// collector reports its event-loop delay (SIGUSR2). Beside them, what the issue measured with the
// collector that read every answer.
//
// The owner's inbox, on the same collector (started with TOUCHPOINT_ADMIN_TOKEN, asked with the
// bearer header), after the summaries at each size: GET /api/inbox (limit 50) for the first page
// with no filter, the 20th page reached by following `next` (that request alone), state=resolved
// (after one bulk PATCH /api/feedback per size has resolved answers spread over the 90 days: 500
// in all, 100 at 1,000), one touchpoint, emotion=frustrated, effort=hard, comment=with, a word
// in about one comment in four, a word in about one in 20,000, the last 7 days, and touchpoint +
// emotion + word together; each 10 times in a row after one to warm up, with whether the counts
// per state were exact (`countsExact`). At the largest size, a full CSV export of one touchpoint.
// A third of the answers carry a comment of 3 to 9 words (seeded pseudo-random, so every run
// writes the same words), in English and Spanish.
//
//   --only=ingest|summary      one part; default both (webhooks: only ingest with and without a target)
//   --engines=sqlite,postgres  default both (PostgreSQL: a throwaway server, scripts/lib/postgres.mjs)
//   --max=N                    the largest summary data set; default 1000000
//   --seconds=N                each ingest measurement; default 6 (or BENCH_SECONDS)
//
// It asserts nothing about timings; it does say when answers acknowledged were not stored.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { startPostgres } from './lib/postgres.mjs';
import { mulberry32 } from './lib/mulberry32.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const MAIN = join(ROOT, 'dist/node/server/main.js');
const EVENT_LOOP = join(ROOT, 'dist/node/server/event-loop.js');
const BARE = join(ROOT, 'scripts/lib/bare-server.mjs');
const RECEIVER = join(ROOT, 'scripts/lib/webhook-receiver.mjs');
/** Runs of each side of the webhook comparison. */
const WEBHOOK_ROUNDS = 5;

function usage(message) {
  console.error(`bench-collector: ${message}\nusage: npm run bench:collector -- [--only=ingest|webhooks|summary] [--engines=sqlite,postgres] [--max=1000000] [--seconds=6]`);
  process.exit(2);
}
let flags;
try {
  flags = parseArgs({ options: { only: { type: 'string' }, engines: { type: 'string' }, max: { type: 'string' }, seconds: { type: 'string' } } }).values;
} catch (error) {
  usage(error.message);
}
const PARTS = flags.only === undefined ? ['ingest', 'summary'] : [flags.only];
if (!PARTS.every((p) => p === 'ingest' || p === 'webhooks' || p === 'summary')) usage(`--only must be ingest, webhooks or summary, not "${flags.only}"`);
const ENGINES = (flags.engines ?? 'sqlite,postgres').split(',').map((e) => e.trim()).filter(Boolean);
if (!ENGINES.length || !ENGINES.every((e) => e === 'sqlite' || e === 'postgres')) usage(`--engines must list sqlite and/or postgres, not "${flags.engines}"`);
const MAX = Number(flags.max ?? 1_000_000);
if (!Number.isInteger(MAX) || MAX < 100) usage(`--max must be a whole number of at least 100, not "${flags.max}"`);
const SECONDS = Number(flags.seconds ?? process.env.BENCH_SECONDS ?? 6);
if (!(SECONDS >= 1 && SECONDS <= 600)) usage(`--seconds must be from 1 to 600, not "${flags.seconds}"`);

for (const file of [MAIN, EVENT_LOOP])
  if (!existsSync(file)) {
    console.error(`bench-collector: ${file} is missing; run \`npm run build:server\` first.`);
    process.exit(1);
  }
const { EVENT_LOOP_LINE } = await import(pathToFileURL(EVENT_LOOP).href);

const CONNECTIONS = 50;
const BATCH = 50;
const SEED_BATCH = 100; // MAX_EVENTS: the most one request may carry.
const SEED_CONNECTIONS = 32;
const AT_ONCE = 20;
const SIZES = [...new Set([1_000, 100_000, 1_000_000].filter((n) => n < MAX).concat(MAX))];
const DAY = 86_400_000;
// What the issue measured with the collector that read every answer for a summary (no range), at its own sizes.
const beforeAt = (size) => (size <= 1_000 ? '11 ms at 1,000' : size <= 200_000 ? '662 ms at 200,000' : '1.6–3.8 s at 351,000');

// ---------------------------------------------------------------------------------------------
// Processes: the bare server and collectors, each printing its URL on stdout.

const running = new Set();
process.on('exit', () => running.forEach((child) => child.kill('SIGKILL')));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

/** Starts `kind` (`bare`, `receiver` or `collector`); `eventLoop()` asks a collector started with TOUCHPOINT_REPORT_EVENT_LOOP=1 for its delay since the last ask. */
async function startProcess(kind, env = {}) {
  const child = spawn(process.execPath, [kind === 'bare' ? BARE : kind === 'receiver' ? RECEIVER : MAIN], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', TOUCHPOINT_RATE_LIMIT: '1000000000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const waiting = [];
  let partial = '';
  let shown = 0;
  child.stderr.setEncoding('utf8').on('data', (chunk) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop();
    for (const line of lines) {
      const m = EVENT_LOOP_LINE.exec(line);
      if (m && waiting.length) waiting.shift()({ p50: +m[1], p99: +m[2], max: +m[3], ticks: +m[4] });
      // Errors under load can be many: the first few say what they are.
      else if (++shown <= 5) process.stderr.write(`  [${kind} ${child.pid}] ${line}\n`);
      else if (shown === 6) process.stderr.write(`  [${kind} ${child.pid}] (more on stderr, not shown)\n`);
    }
  });
  const url = await new Promise((resolveUrl, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      out += chunk;
      const found = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (found) resolveUrl(found[0]);
    });
    child.once('exit', (code) => reject(new Error(`${kind} exited early (code ${code})`)));
    setTimeout(() => reject(new Error(`${kind} did not start within 20 s`)), 20_000).unref();
  });
  child.stdout.resume();
  return {
    url,
    eventLoop: () =>
      new Promise((done, reject) => {
        const timer = setTimeout(() => reject(new Error(`${kind} ${child.pid} did not report its event loop within 30 s`)), 30_000);
        waiting.push((report) => (clearTimeout(timer), done(report)));
        child.kill('SIGUSR2');
      }),
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGTERM');
      }),
  };
}

/** Where each engine keeps a fresh database: a temporary SQLite file, or a new database in one throwaway PostgreSQL server. */
function storages() {
  const dir = mkdtempSync(join(tmpdir(), 'touchpoint-bench-'));
  let postgres;
  let n = 0;
  return {
    dir,
    async fresh(engine) {
      n++;
      if (engine === 'sqlite') {
        const file = join(dir, `bench-${n}.db`);
        return { env: { TOUCHPOINT_DB: file }, drop: async () => ['', '-wal', '-shm'].forEach((s) => rmSync(file + s, { force: true })) };
      }
      // shared_buffers as PostgreSQL ships it, not the tests' 32 MB; commits flushed (fsync on), as SQLite's synchronous=FULL.
      postgres ??= await startPostgres({ settings: { shared_buffers: "'128MB'" } });
      const name = `bench_${n}`;
      await postgres.psql(`CREATE DATABASE ${name}`, 'postgres');
      return {
        env: { TOUCHPOINT_DATABASE_URL: postgres.url.replace(/\/touchpoint$/, `/${name}`) },
        drop: () => postgres.psql(`DROP DATABASE ${name}`, 'postgres'),
      };
    },
    async close() {
      await postgres?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Answers.

const TOUCHPOINTS = ['home', 'search', 'product', 'reviews', 'cart', 'checkout', 'payment', 'confirmation', 'delivery', 'returns', 'support', 'error'];
const EMOTIONS = ['frustrated', 'disappointed', 'indifferent', 'satisfied', 'delighted'];
// Comments: words drawn from WORDS, with COMMON in about one comment in four and RARE in about one
// in 20,000 (neither is the start of another word, since searches match words by their start).
const WORDS = (
  'took a while to find the options but rest was fine card form rejected my postcode twice quick easy thanks slow page price ' +
  'shipping button size colour stock refund coupon login password results photo helpful confusing great broken late parcel ' +
  'courier tracking missing wrong cheap expensive el pedido llegó tarde envío fácil camión precio tarjeta rápido gracias'
).split(' ');
const COMMON = 'delivery';
const RARE = 'zeppelin';
/** mulberry32: the same comments on every run. */
const random = mulberry32(0x7ac7);
function comment() {
  if (random() >= 1 / 3) return null;
  const words = Array.from({ length: 3 + Math.floor(random() * 7) }, () => WORDS[Math.floor(random() * WORDS.length)]);
  if (random() < 1 / 4) words.splice(Math.floor(random() * words.length), 0, COMMON);
  if (random() < 1 / 20_000) words.splice(Math.floor(random() * words.length), 0, RARE);
  const text = words.join(' ');
  return text[0].toUpperCase() + text.slice(1) + '.';
}
let n = 0;
let journey = randomUUID();
/** Each engine gets the same answers (comments, touchpoints, emotions), so their figures compare. */
function resetAnswers() {
  n = 0;
  seedState = 0x7ac7;
}

/** A valid answer with a fresh id (so it is stored, not counted as a duplicate), given `ageMs` ago. */
function answer(ageMs = 0) {
  n++;
  if (n % 5 === 0) journey = randomUUID();
  const scale = n % 4 ? 7 : 5;
  return {
    id: randomUUID(),
    v: 1,
    touchpoint: TOUCHPOINTS[(n * 7) % TOUCHPOINTS.length],
    journey,
    effort: 1 + (n % scale),
    effortScale: scale,
    emotion: n % 6 ? EMOTIONS[n % 5] : null,
    comment: comment(),
    page: 'https://shop.example/checkout',
    lang: n % 2 ? 'en' : 'es',
    createdAt: new Date(Date.now() - ageMs).toISOString(),
    context: { stage: n % 4 ? 'during' : 'after' },
  };
}

// ---------------------------------------------------------------------------------------------
// Ingest.

/** autocannon against every URL at once, CONNECTIONS split between them, latencies merged. */
async function load(urls, bodyFor, answersPerRequest, seconds) {
  const raw = await Promise.all(
    urls.map((url) =>
      autocannon({
        url,
        connections: CONNECTIONS / urls.length,
        duration: seconds,
        skipAggregateResult: true,
        requests: [
          { method: 'POST', path: '/api/feedback', headers: { 'content-type': 'application/json' }, setupRequest: (request) => ({ ...request, body: bodyFor() }) },
        ],
      }),
    ),
  );
  const result = autocannon.aggregateResult(raw, { url: urls[0], connections: CONNECTIONS });
  const duration = Math.max(...raw.map((r) => r.duration));
  return {
    answersPerSecond: (result['2xx'] * answersPerRequest) / duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    acknowledged: result['2xx'] * answersPerRequest,
  };
}

const MODES = [
  { mode: 'single answers', body: () => JSON.stringify(answer()), answers: 1 },
  { mode: `batches of ${BATCH}`, body: () => JSON.stringify({ events: Array.from({ length: BATCH }, () => answer()) }), answers: BATCH },
];

async function ingest(stores) {
  // The bare server first and last: how far its two runs differ says how noisy the machine was.
  const setups = [
    { engine: 'bare node:http', kind: 'bare' },
    ...ENGINES.map((engine) => ({ engine, kind: 'collector' })),
    { engine: 'bare node:http, again', kind: 'bare' },
  ];
  const rows = [];
  const bare = {};
  for (const { engine, kind } of setups)
    for (const processes of [1, 2]) {
      const storage = kind === 'bare' ? { env: {}, drop: async () => {} } : await stores.fresh(engine);
      // Started one after the other: the second finds the schema migrated.
      const servers = [];
      for (let i = 0; i < processes; i++) servers.push(await startProcess(kind, storage.env));
      const urls = servers.map((s) => s.url);
      let acknowledged = (await load(urls, MODES[0].body, 1, 2)).acknowledged; // warm-up
      for (const { mode, body, answers } of MODES) {
        const r = await load(urls, body, answers, SECONDS);
        acknowledged += r.acknowledged;
        const key = `${processes} ${mode}`;
        if (kind === 'bare') bare[key] = Math.max(bare[key] ?? 0, r.answersPerSecond);
        rows.push({ key, r, cells: [engine, processes, mode, Math.round(r.answersPerSecond), r.p50, r.p99, r.non2xx, r.errors] });
        console.error(`  ${engine} × ${processes}, ${mode}: ${Math.round(r.answersPerSecond)} answers/s`);
      }
      if (kind === 'collector') {
        // Requests still in flight when a run stops are stored but not counted by autocannon: more stored is fine, fewer is not.
        const stored = (await (await fetch(`${urls[0]}/api/summary`)).json()).total.count;
        if (stored < acknowledged) console.log(`!! ${engine} × ${processes}: ${acknowledged} answers acknowledged with a 200, ${stored} stored: LOST ANSWERS`);
      }
      await Promise.all(servers.map((s) => s.stop()));
      await storage.drop();
    }
  console.log(`\nIngest: ${CONNECTIONS} connections, ${SECONDS} s per row; two processes = two ports, each driven by its own autocannon at ${CONNECTIONS / 2} connections, side by side`);
  console.log('× bare: answers/s over the better of the two runs of a bare node:http server (JSON.parse, 200) with as many processes, in the same mode\n');
  table(
    ['engine', 'processes', 'mode', 'answers/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', '× bare'],
    rows.map(({ key, r, cells }) => [...cells, (r.answersPerSecond / bare[key]).toFixed(2)]),
  );
  await ingestWithWebhooks(stores);
}

/** How long to wait for a run's events to reach the receiver after the load stops. */
const DRAIN_MS = 600_000;

/** Ingest on one collector per engine without a webhook target and with one, side by side. */
async function ingestWithWebhooks(stores) {
  const receiver = await startProcess('receiver');
  const received = async () => (await (await fetch(receiver.url)).json()).distinct;
  const rows = [];
  const drains = [];
  for (const engine of ENGINES) {
    const runs = {};
    for (let round = 1; round <= WEBHOOK_ROUNDS; round++)
      for (const hooked of [false, true]) {
        const storage = await stores.fresh(engine);
        const server = await startProcess('collector', { ...storage.env, TOUCHPOINT_ADMIN_TOKEN: ADMIN_TOKEN, TOUCHPOINT_WEBHOOK_ALLOW_PRIVATE: '1' });
        if (hooked) {
          const { body: created } = await owner(server.url, '/api/webhooks', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: `${receiver.url}/hook`, events: ['answer.created'] }) });
          if (!created.id) throw new Error(`POST /api/webhooks did not create a target: ${JSON.stringify(created)}`);
        }
        const before = await received();
        await load([server.url], MODES[0].body, 1, 2); // warm-up
        for (const { mode, body, answers } of MODES) {
          const r = await load([server.url], body, answers, SECONDS);
          (runs[`${mode} ${hooked}`] ??= []).push(r);
          console.error(`  ${engine}, ${hooked ? 'with' : 'without'} a webhook target (run ${round}), ${mode}: ${Math.round(r.answersPerSecond)} answers/s`);
        }
        if (hooked && round === WEBHOOK_ROUNDS) {
          // Every stored answer's answer.created reaches the receiver: the backlog drains after the
          // load. Stored is read again each time: requests the load generator left in flight when it
          // stopped may still be committing.
          const stopped = performance.now();
          const storedNow = async () => (await (await fetch(`${server.url}/api/summary`)).json()).total.count;
          let [stored, got] = [await storedNow(), (await received()) - before];
          while (got < stored && performance.now() - stopped < DRAIN_MS) {
            await sleep(250);
            [stored, got] = [await storedNow(), (await received()) - before];
          }
          const drainedS = ((performance.now() - stopped) / 1000).toFixed(1);
          // One more look: an event for an answer never sent twice under two ids.
          await sleep(1000);
          [stored, got] = [await storedNow(), (await received()) - before];
          drains.push([engine, stored, got, got === stored ? 'yes' : 'NO', drainedS]);
          if (got !== stored) console.log(`!! ${engine}: ${stored} answers stored, ${got} distinct answer.created events received within ${DRAIN_MS / 1000} s`);
        }
        await server.stop();
        await storage.drop();
      }
    // The median run of each side: one slow run (a busy machine) or one lucky one moves neither.
    const median = (list) => [...list].sort((a, b) => a.answersPerSecond - b.answersPerSecond)[list.length >> 1];
    const spread = (list) => list.map((r) => Math.round(r.answersPerSecond).toLocaleString('en-US')).join(' ');
    for (const { mode } of MODES) {
      const [without, withHook] = [median(runs[`${mode} false`]), median(runs[`${mode} true`])];
      rows.push([engine, mode, Math.round(without.answersPerSecond), Math.round(withHook.answersPerSecond), (withHook.answersPerSecond / without.answersPerSecond).toFixed(2), withHook.p50, withHook.p99, withHook.non2xx + withHook.errors, spread(runs[`${mode} false`]), spread(runs[`${mode} true`])]);
    }
  }
  await receiver.stop();
  console.log(`\nIngest with a webhook target (answer.created, every answer) on one process, beside the same without one: ${CONNECTIONS} connections, ${SECONDS} s per run,`);
  console.log(`the median of ${WEBHOOK_ROUNDS} runs of each, taken in turn on fresh databases (every run in the last two columns); "× without": answers/s with a target over answers/s without (the goal: 0.90 or more)\n`);
  table(['engine', 'mode', 'without /s', 'with /s', '× without', 'with p50 ms', 'with p99 ms', 'with non-2xx', 'runs without', 'runs with'], rows);
  console.log('\nEvery event delivered once, after the last run with a target: answer.created events at the receiver (distinct webhook-ids) per stored answer, and the seconds the backlog took after the load stopped\n');
  table(['engine', 'stored', 'received', 'all', 'drain s'], drains);
}

// ---------------------------------------------------------------------------------------------
// Summaries.

/**
 * POSTs `count` answers given over the last 90 days, oldest first (as a collector live for 90 days
 * received them), in batches, SEED_CONNECTIONS at a time; resolves how many were accepted, and the
 * ids of every `keepEvery`-th answer (spread over the 90 days).
 */
async function seed(url, count, keepEvery = Infinity) {
  let next = 0;
  let accepted = 0;
  const kept = [];
  const ageOf = (k) => Math.floor(90 * DAY * (1 - (k + Math.random()) / count));
  const worker = async () => {
    while (next < count) {
      const from = next;
      const size = Math.min(SEED_BATCH, count - from);
      next += size;
      const events = Array.from({ length: size }, (_, i) => answer(ageOf(from + i)));
      events.forEach((a, i) => (from + i) % keepEvery === 0 && kept.push(a.id));
      const body = JSON.stringify({ events });
      for (let attempt = 1; ; attempt++) {
        const response = await fetch(`${url}/api/feedback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const result = await response.json().catch(() => ({}));
        if (response.ok) {
          accepted += result.accepted;
          break;
        }
        // A busy database says 503: try again, as the widget would.
        if (response.status !== 503 || attempt === 5) throw new Error(`seeding: ${response.status} ${JSON.stringify(result)}`);
        await sleep(200 * attempt);
      }
    }
  };
  await Promise.all(Array.from({ length: SEED_CONNECTIONS }, worker));
  return { accepted, kept };
}

async function getSummary(url, query) {
  const start = performance.now();
  const response = await fetch(`${url}/api/summary${query}`);
  const body = await response.json();
  if (!response.ok) throw new Error(`GET /api/summary${query}: ${response.status} ${JSON.stringify(body)}`);
  return { ms: performance.now() - start, body };
}

// ---------------------------------------------------------------------------------------------
// The owner's inbox.

const ADMIN_TOKEN = randomUUID();
const OWNER = { authorization: `Bearer ${ADMIN_TOKEN}` };
const INBOX_TOUCHPOINT = 'checkout';
/** Answers resolved at each size: spread over the 90 days, a small share of the answers as a real inbox would have. */
const resolvedAt = (size) => Math.min(500, Math.floor(size / 10));

async function owner(url, path, init = {}) {
  const start = performance.now();
  const response = await fetch(`${url}${path}`, { ...init, headers: { ...OWNER, ...init.headers } });
  const body = await response.json();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${JSON.stringify(body)}`);
  return { ms: performance.now() - start, body };
}

/** Resolves these answers in one bulk PATCH. */
async function resolveAnswers(url, ids) {
  if (!ids.length) return;
  const { body } = await owner(url, '/api/feedback', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ids, state: 'resolved' }) });
  if (body.missing.length || body.items.some((i) => i.state !== 'resolved')) console.log(`!! resolving ${ids.length} answers: ${body.missing.length} missing`);
}

/** The inbox queries, each 10 times alone after one to warm up; rows for the table. */
async function inboxQueries(engine, size, url) {
  const rows = [];
  const since = new Date(Date.now() - 7 * DAY).toISOString();
  // The 20th page: its cursor, from following `next` 19 times.
  let cursor = null;
  for (let page = 1; page < 20; page++) cursor = (await owner(url, `/api/inbox?limit=50${cursor ? `&before=${cursor}` : ''}`)).body.next;
  const queries = [
    ['first page, no filter', ''],
    ['page 20 (cursor)', cursor ? `before=${cursor}` : null],
    ['state=resolved', 'state=resolved'],
    [`touchpoint=${INBOX_TOUCHPOINT}`, `touchpoint=${INBOX_TOUCHPOINT}`],
    ['emotion=frustrated', 'emotion=frustrated'],
    ['effort=hard', 'effort=hard'],
    ['comment=with', 'comment=with'],
    [`q=${COMMON} (1 comment in 4)`, `q=${COMMON}`],
    [`q=${RARE} (1 in 20,000)`, `q=${RARE}`],
    ['since=7 days ago', `since=${since}`],
    [`touchpoint+emotion+q=${COMMON}`, `touchpoint=${INBOX_TOUCHPOINT}&emotion=frustrated&q=${COMMON}`],
  ];
  for (const [query, search] of queries) {
    if (search === null) {
      rows.push([engine, size.toLocaleString('en'), query, 'fewer than 20 pages', '', '', '', '']);
      continue;
    }
    const path = `/api/inbox?limit=50${search && `&${search}`}`;
    const first = await owner(url, path);
    const times = [];
    for (let i = 0; i < 10; i++) times.push((await owner(url, path)).ms);
    const { items, counts, countsExact } = first.body;
    const counted = [counts.new, counts.acknowledged, counts.resolved].map((c) => c.toLocaleString('en')).join(' / ');
    rows.push([engine, size.toLocaleString('en'), query, ms(percentile(times, 50)), ms(Math.max(...times)), items.length, counted, countsExact ? 'yes' : 'no']);
    console.error(`  ${engine} ${size}: inbox ${query}: ${ms(percentile(times, 50))} ms`);
  }
  return rows;
}

/** A full CSV export of one touchpoint, read as it streams: rows and rows per second. */
async function exportCsv(engine, size, url) {
  const start = performance.now();
  const response = await fetch(`${url}/api/inbox/export?format=csv&touchpoint=${INBOX_TOUCHPOINT}`, { headers: OWNER });
  if (!response.ok) throw new Error(`export: ${response.status} ${await response.text()}`);
  let lines = 0;
  let bytes = 0;
  for await (const chunk of response.body) {
    bytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  }
  const seconds = (performance.now() - start) / 1000;
  const rows = lines - 1; // The header; comments here have no line breaks.
  return [engine, size.toLocaleString('en'), `touchpoint=${INBOX_TOUCHPOINT}`, rows, seconds.toFixed(1), Math.round(rows / seconds), (bytes / 1e6).toFixed(1)];
}

async function summaries(stores) {
  const rows = [];
  const inboxRows = [];
  const exportRows = [];
  const seeding = [];
  for (const engine of ENGINES) {
    resetAnswers();
    const storage = await stores.fresh(engine);
    const collector = await startProcess('collector', { ...storage.env, TOUCHPOINT_REPORT_EVENT_LOOP: '1', TOUCHPOINT_ADMIN_TOKEN: ADMIN_TOKEN });
    let stored = 0;
    let resolved = 0;
    for (const size of SIZES) {
      const start = performance.now();
      const toResolve = resolvedAt(size) - resolved;
      const { accepted: added, kept } = await seed(collector.url, size - stored, toResolve > 0 ? Math.floor((size - stored) / toResolve) : Infinity);
      stored += added;
      const rate = Math.round(added / ((performance.now() - start) / 1000));
      seeding.push(`${engine} to ${size.toLocaleString('en')}: ${rate.toLocaleString('en')} answers/s`);
      console.error(`  ${engine}: ${stored} answers stored, ${rate} answers/s`);

      // The journey map's default: the last 30 days, from now, so not on a day boundary.
      const queries = [
        { query: 'all time', search: '' },
        { query: 'last 30 days', search: `?since=${new Date(Date.now() - 30 * DAY).toISOString()}` },
      ];
      for (const { query, search } of queries) {
        const first = await getSummary(collector.url, search);
        if (search === '' && first.body.total.count !== stored) console.log(`!! ${engine}: the summary counts ${first.body.total.count} answers, ${stored} were accepted`);
        const alone = [];
        for (let i = 0; i < 10; i++) alone.push((await getSummary(collector.url, search)).ms);
        await collector.eventLoop(); // Starts its measurement afresh.
        const together = [];
        const started = performance.now();
        do together.push(...(await Promise.all(Array.from({ length: AT_ONCE }, () => getSummary(collector.url, search)))).map((r) => r.ms));
        while (performance.now() - started < 2000);
        const loop = await collector.eventLoop();
        rows.push([
          engine,
          size.toLocaleString('en'),
          query,
          ms(percentile(alone, 50)),
          ms(Math.max(...alone)),
          ms(percentile(together, 50)),
          ms(percentile(together, 99)),
          Math.round(together.length / ((performance.now() - started) / 1000)),
          ms(loop.p99),
          ms(loop.max),
          query === 'all time' ? beforeAt(size) : '',
        ]);
      }

      const ids = kept.slice(0, Math.max(0, toResolve));
      await resolveAnswers(collector.url, ids);
      resolved += ids.length;
      inboxRows.push(...(await inboxQueries(engine, size, collector.url)));
      if (size === SIZES.at(-1)) exportRows.push(await exportCsv(engine, size, collector.url));
    }
    await collector.stop();
    await storage.drop();
  }
  console.log(`\nGET /api/summary: alone = 10 in a row after one to warm up; 20 at once = bursts of ${AT_ONCE} concurrent requests for 2 s, with the collector's`);
  console.log('event-loop delay over that time (monitorEventLoopDelay inside the collector, 1 ms ticks: an idle loop reads about 1 ms).');
  console.log('Answers over the last 90 days (each step oldest first) and 12 touchpoints, sent as batches of 100 through POST /api/feedback.');
  console.log('"before": the collector that read every answer, as measured in the issue (its sizes; no range)\n');
  table(
    ['engine', 'answers', 'query', 'alone p50', 'alone max', '20 at once p50', 'p99', 'summaries/s', 'event loop p99', 'max', 'before'],
    rows,
  );
  console.log(`\nGET /api/inbox?limit=50 (owner, bearer token): 10 in a row after one to warm up. Answers resolved: ${SIZES.map((s) => `${resolvedAt(s)} at ${s.toLocaleString('en')}`).join(', ')},`);
  console.log(`in one bulk PATCH per size, spread over the 90 days. "counts": the view's counts per state (new / acknowledged / resolved, whatever`);
  console.log('the state filter); "exact": countsExact (a content filter counts one by one up to a cap per state; beyond, the counts are lower bounds)\n');
  table(['engine', 'answers', 'query', 'alone p50', 'alone max', 'items', 'counts', 'exact'], inboxRows);
  if (exportRows.length) {
    console.log('\nGET /api/inbox/export?format=csv: the whole view, read as it streams\n');
    table(['engine', 'answers', 'view', 'rows', 'seconds', 'rows/s', 'MB'], exportRows);
  }
  console.log(`\nSeeding (batches of ${SEED_BATCH}, ${SEED_CONNECTIONS} at a time): ${seeding.join('; ')}`);
}

// ---------------------------------------------------------------------------------------------

const ms = (x) => (x >= 100 ? Math.round(x) : x.toFixed(1));

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Columns padded to their widths; numbers to the right. */
function table(head, rows) {
  const cells = [head, ...rows].map((row) => row.map((c) => (typeof c === 'number' ? c.toLocaleString('en') : String(c))));
  const widths = head.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  const line = (row, original) => row.map((c, i) => (typeof original?.[i] === 'number' || /^[\d.,]+$/.test(c) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  console.log(line(cells[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  cells.slice(1).forEach((row, i) => console.log(line(row, rows[i]).trimEnd()));
}

const stores = storages();
const began = performance.now();
const load1 = () => loadavg()[0].toFixed(1);
try {
  console.log(`bench:collector: ${PARTS.join(' and ')}; ${ENGINES.join(', ')}; ${cpus().length} CPU cores (${cpus()[0]?.model.trim()}), Node ${process.version}`);
  console.log('SQLite: WAL, synchronous=FULL. PostgreSQL: a throwaway local server, fsync on, synchronous_commit on, shared_buffers 128 MB.');
  console.log(`The load generator, the collectors and PostgreSQL share these cores; load average ${load1()} at the start.`);
  if (PARTS.includes('ingest')) await ingest(stores);
  if (PARTS.includes('webhooks')) await ingestWithWebhooks(stores);
  if (PARTS.includes('summary')) await summaries(stores);
  console.log(`\n${Math.round((performance.now() - began) / 1000)} s in all; load average ${load1()} at the end.`);
} finally {
  await Promise.all([...running].map((child) => new Promise((done) => (child.once('exit', done), child.kill('SIGTERM')))));
  await stores.close();
}
