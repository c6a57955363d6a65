#!/usr/bin/env node
// What the write-ahead queue costs and delivers, in the system Chromium: time from a Send click to
// the answer being in IndexedDB, time to drain 1,000 queued answers with batch 1 and batch 50, and
// the gzip bytes the queue adds to dist/touchpoint.js. Prints figures; asserts nothing.
// Run: npm run bench:queue (builds dist/touchpoint.js first)
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { rollup } from 'rollup';

const ROOT = new URL('../', import.meta.url).pathname;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const BUDGET = 12_288; // scripts/size.mjs
const CLICKS = 200;
const WARMUP = 5;
// src/core/delivery/queue.ts LIMITS: the queue refuses an answer beyond 500 (or 1 MB), by design.
const QUEUE_MAX = 500;
const DRAIN_TOTAL = 1_000;
const BATCHES = [1, 50];

process.chdir(ROOT); // rollup.config.mjs names its files relative to the repository
if (!existsSync('dist/touchpoint.js')) {
  console.error('dist/touchpoint.js is missing: run "BUNDLES=touchpoint npx rollup -c" (npm run bench:queue does).');
  process.exit(1);
}

// --- A local server: the page, the bundle, and an endpoint that is fast, or down on request ----

const PAGE = '<!doctype html><html lang="en"><title>bench</title><script src="/touchpoint.js"></script><main></main></html>';
const endpoint = { down: false, requests: 0, answers: 0 };
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    if (req.url == '/') return res.writeHead(200, { 'Content-Type': 'text/html' }).end(PAGE);
    if (req.url == '/touchpoint.js') return res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(readFileSync('dist/touchpoint.js'));
    if (req.url != '/collect' || req.method != 'POST') return res.writeHead(404).end();
    endpoint.requests++;
    if (endpoint.down) return res.writeHead(503).end();
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    endpoint.answers += Array.isArray(body.events) ? body.events.length : 1;
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"rejected":[]}');
  });
});
await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
const url = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage();
await page.goto(url);

/**
 * Gives `n` answers as give() in test/browser/lib/page.ts does: a new <cx-feedback>, a click on an
 * effort point, a click on Send. Resolves, per answer, the ms from the Send click to `cx-queued`.
 */
const give = (n, batch) =>
  page.evaluate(
    async ({ n, batch }) => {
      const times = [];
      for (let i = 0; i < n; i++) {
        const el = document.createElement('cx-feedback');
        for (const [k, v] of Object.entries({ endpoint: '/collect', touchpoint: `bench-${i}`, ask: 'effort', 'cooldown-days': '0', batch: String(batch) })) el.setAttribute(k, v);
        document.querySelector('main').append(el);
        const queued = new Promise((resolve) => el.addEventListener('cx-queued', resolve, { once: true }));
        el.shadowRoot.querySelector('[part~="effort-option"]').click();
        const start = performance.now();
        el.shadowRoot.querySelector('[part="submit"]').click();
        await queued;
        times.push(performance.now() - start);
        el.remove();
      }
      return times;
    },
    { n, batch },
  );

/** Flushes until nothing is pending (at most 100 flushes); resolves the ms it took in the page. */
const drain = () =>
  page.evaluate(async () => {
    const start = performance.now();
    for (let i = 0; i < 100 && (await Touchpoint.pending()).length; i++) await Touchpoint.flush();
    if ((await Touchpoint.pending()).length) throw new Error('the queue did not drain in 100 flushes');
    return performance.now() - start;
  });

// --- 1. Click to stored answer ------------------------------------------------------------------

await give(WARMUP, 1); // opens IndexedDB, warms the code paths
const times = (await give(CLICKS, 1)).sort((a, b) => a - b);
const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
const click = { p50: at(0.5), p95: at(0.95), mean: times.reduce((a, b) => a + b, 0) / times.length };
await drain();
console.log(`1. Send click → cx-queued (in IndexedDB, strict durability), ${CLICKS} answers after ${WARMUP} warm-up, endpoint up:`);
console.log(`   p50 ${click.p50.toFixed(1)} ms, p95 ${click.p95.toFixed(1)} ms, mean ${click.mean.toFixed(1)} ms\n`);

// --- 2. Draining a full queue -------------------------------------------------------------------

const rounds = DRAIN_TOTAL / QUEUE_MAX;
console.log(`2. Draining ${DRAIN_TOTAL.toLocaleString('en')} answers: the queue holds at most ${QUEUE_MAX}, so ${rounds} rounds of ${QUEUE_MAX}, each`);
console.log(`   filled through the UI while the endpoint answers 503 (until the sender has tried and been refused), then`);
console.log(`   drained with Touchpoint.flush() (which ignores the backoff) once it answers 200.`);
const drains = [];
for (const batch of BATCHES) {
  let ms = 0;
  let requests = 0;
  let failedWhileFilling = 0;
  let delivered = 0;
  for (let round = 0; round < rounds; round++) {
    endpoint.down = true;
    endpoint.requests = 0;
    await give(QUEUE_MAX, batch);
    // Answers given 3-4 ms apart keep postponing the sender's 50 ms debounce: wait for its attempt,
    // so the drain starts from an outage (the whole queue rescheduled for a later retry).
    for (let i = 0; i < 100 && !endpoint.requests; i++) await new Promise((r) => setTimeout(r, 50));
    failedWhileFilling += endpoint.requests;
    Object.assign(endpoint, { down: false, requests: 0, answers: 0 });
    ms += await drain();
    requests += endpoint.requests;
    delivered += endpoint.answers;
  }
  drains.push({ batch, ms, requests, delivered, rate: (delivered / ms) * 1000 });
  console.log(`   batch ${String(batch).padStart(2)}: ${delivered} delivered in ${ms.toFixed(0)} ms (${((delivered / ms) * 1000).toFixed(0)} answers/s), ${requests} requests (and ${failedWhileFilling} refused with 503 while filling)`);
}
console.log();

await browser.close();
await new Promise((done) => server.close(done));

// --- 3. Bytes: the bundle with the queue, and with a plain fetch instead ------------------------

/** What the widget did before the queue: post each answer at once with fetch, keep nothing. */
const PLAIN_FETCH = `
let options = {};
export const runtime = () => ({
  async submit(answer, endpoint, batch, owner, watch) {
    fetch(endpoint, { method: 'POST', headers: { ...options.headers, 'Content-Type': 'application/json' }, body: JSON.stringify(answer), credentials: options.credentials, keepalive: true })
      .then((r) => watch?.(r.ok ? { type: 'sent', id: answer.id, status: r.status } : { type: 'failed', id: answer.id, status: r.status, reason: r.statusText }), () => {});
    return false;
  },
  flush: async () => ({ sent: 0, pending: 0, failed: 0 }),
  pending: async () => [],
  failed: async () => [],
  retryFailed: async () => 0,
  configure(next) { options = { ...options, ...next }; },
});`;

const plainFetch = {
  name: 'plain-fetch-runtime',
  async resolveId(source, importer) {
    const resolved = await this.resolve(source, importer, { skipSelf: true });
    return resolved?.id.endsWith('/src/core/delivery/runtime.ts') ? '\0plain-fetch-runtime' : null;
  },
  load: (id) => (id == '\0plain-fetch-runtime' ? PLAIN_FETCH : null),
};

/** dist/touchpoint.js as rollup.config.mjs builds it (its own plugin instances), in memory, without the source map. */
async function gzipOfBundle(variant, extra = []) {
  const { default: configs } = await import(`../rollup.config.mjs?variant=${variant}`);
  const config = configs.find((c) => c.input == 'src/entries/touchpoint.ts');
  const bundle = await rollup({ input: config.input, plugins: [...extra, ...config.plugins], onwarn: () => {} });
  const { output } = await bundle.generate({ ...config.output, file: undefined, sourcemap: false });
  await bundle.close();
  return gzipSync(output[0].code, { level: 9 }).length;
}

const withQueue = await gzipOfBundle('queue');
const withFetch = await gzipOfBundle('fetch', [plainFetch]);
const current = gzipSync(readFileSync('dist/touchpoint.js'), { level: 9 }).length;
console.log('3. Gzip bytes (level 9, as scripts/size.mjs counts):');
console.log(`   touchpoint.js with the queue ${withQueue}, with a plain fetch instead ${withFetch}: the queue costs ${withQueue - withFetch} bytes`);
console.log(`   dist/touchpoint.js as built: ${current} of ${BUDGET} (${BUDGET - current} to spare)\n`);

const row = (label, value) => console.log(`${label.padEnd(44)} ${value}`);
console.log('Summary');
row('click → stored, p50 / p95 / mean', `${click.p50.toFixed(1)} / ${click.p95.toFixed(1)} / ${click.mean.toFixed(1)} ms`);
for (const d of drains) row(`drain ${d.delivered}, batch ${d.batch}`, `${d.ms.toFixed(0)} ms, ${d.rate.toFixed(0)} answers/s, ${d.requests} requests`);
row('gzip with queue / plain fetch / difference', `${withQueue} / ${withFetch} / +${withQueue - withFetch} bytes`);
row('dist/touchpoint.js gzip / budget', `${current} / ${BUDGET}`);
