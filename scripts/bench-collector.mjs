// Sustained ingest of the reference collector: `npm run bench:collector`.
//
// Starts the built collector (dist/node/server/main.js) on a free loopback port with a temporary
// database and the rate limit raised, then drives it with autocannon: single answers, then batches
// of 50, each at 50 connections for DURATION seconds. Prints answers per second and latency; it
// asserts nothing about timings.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const MAIN = join(ROOT, 'dist/node/server/main.js');
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const BATCH = 50;

if (!existsSync(MAIN)) {
  console.error('bench-collector: dist/node/server/main.js is missing; run `npm run build:server` first.');
  process.exit(1);
}

const TOUCHPOINTS = ['home', 'product', 'cart', 'checkout', 'confirmation', 'delivery', 'support', 'error'];
const EMOTIONS = ['frustrated', 'disappointed', 'indifferent', 'satisfied', 'delighted'];
const JOURNEY = randomUUID();
let n = 0;

/** A valid answer with a fresh id, so every request is stored rather than counted as a duplicate. */
function answer() {
  n++;
  return {
    id: randomUUID(),
    v: 1,
    touchpoint: TOUCHPOINTS[n % TOUCHPOINTS.length],
    journey: JOURNEY,
    effort: 1 + (n % 7),
    effortScale: 7,
    emotion: EMOTIONS[n % 5],
    comment: n % 3 ? null : 'Took a while to find the delivery options, but the rest was fine.',
    page: 'https://shop.example/checkout',
    lang: n % 2 ? 'en' : 'es',
    createdAt: new Date().toISOString(),
    context: { stage: 'during' },
  };
}

async function startCollector(dir) {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', TOUCHPOINT_DB: join(dir, 'bench.db'), TOUCHPOINT_RATE_LIMIT: '1000000000' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolveUrl, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const found = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (found) resolveUrl(found[0]);
    });
    child.once('exit', (code) => reject(new Error(`collector exited early (code ${code})`)));
    setTimeout(() => reject(new Error('collector did not start within 10 s')), 10_000).unref();
  });
  child.stdout.resume();
  return { url, child };
}

async function run(title, url, bodyFor, answersPerRequest, seconds = DURATION) {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/api/feedback',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: bodyFor() }),
      },
    ],
  });
  const ok = result['2xx'];
  return {
    title,
    answersPerSecond: Math.round((ok * answersPerRequest) / (result.duration ?? seconds)),
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok,
    acknowledged: ok * answersPerRequest,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'touchpoint-bench-'));
const { url, child } = await startCollector(dir);
try {
  console.log(`Collector ${url}, database in ${dir} (WAL, synchronous=FULL), ${cpus().length} CPU cores, Node ${process.version}`);
  console.log(`${CONNECTIONS} connections, ${DURATION} s per run\n`);
  const single = () => JSON.stringify(answer());
  const batch = () => JSON.stringify({ events: Array.from({ length: BATCH }, answer) });
  const warmUp = await run('warm-up', url, single, 1, 2);
  const results = [await run('single answers', url, single, 1), await run(`batches of ${BATCH}`, url, batch, BATCH)];
  const acknowledged = [warmUp, ...results].reduce((n, r) => n + r.acknowledged, 0);

  const summary = await (await fetch(`${url}/api/summary`)).json();
  console.table(
    Object.fromEntries(
      results.map((r) => [
        r.title,
        { 'answers/s': r.answersPerSecond, 'requests/s': r.requestsPerSecond, 'p50 ms': r.p50, 'p99 ms': r.p99, '2xx': r.ok, 'not 2xx': r.failed },
      ]),
    ),
  );
  // Requests still in flight when a run stops are stored but not counted by autocannon.
  const stored = summary.total.count;
  console.log(`\nAnswers in the database: ${stored}; acknowledged with a 200: ${acknowledged}${stored < acknowledged ? '  <- LOST ANSWERS' : ''}`);
} finally {
  child.kill('SIGTERM');
  await new Promise((done) => child.once('exit', done));
  rmSync(dir, { recursive: true, force: true });
}
