#!/usr/bin/env node
// Times <cx-journey> on 100,000 raw answers across 12 touchpoints, in the system Chromium: fetch and
// parse, validate, compute (two periods), render; then a period switch on the answers already read.
// Also times summarize() alone in Node. Prints figures; asserts nothing. Run: npm run bench:journey
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import typescript from '@rollup/plugin-typescript';
import { chromium } from 'playwright-core';
import { rollup } from 'rollup';

const ROOT = new URL('../', import.meta.url).pathname;
const ANSWERS = 100_000;
const RUNS = 3;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DAY = 86_400_000;
const TOUCHPOINTS = [
  ['home', 'during'], ['search', 'during'], ['product', 'during'], ['reviews', 'during'], ['cart', 'during'], ['account', 'during'],
  ['checkout', 'during'], ['payment', 'during'], ['confirmation', 'during'], ['delivery', 'after'], ['returns', 'after'], ['support', 'after'],
];
const EMOTIONS = ['frustrated', 'disappointed', 'indifferent', 'satisfied', 'delighted', null];

if (!existsSync(`${ROOT}dist/journey.js`)) {
  console.error('dist/journey.js is missing: run "BUNDLES=journey npx rollup -c" (npm run bench:journey does).');
  process.exit(1);
}

/** A seeded generator, so every run measures the same answers. */
function random(seed) {
  return () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

/** 100,000 valid schema-1 answers over the last 60 days: the 30-day period and the one before it. */
function answers(now) {
  const r = random(42);
  const journey = randomUUID();
  return Array.from({ length: ANSWERS }, (_, i) => {
    const [touchpoint, stage] = TOUCHPOINTS[Math.floor(r() * TOUCHPOINTS.length)];
    const effortScale = r() < 0.2 ? 5 : 7;
    const emotion = EMOTIONS[Math.floor(r() * EMOTIONS.length)];
    return {
      id: randomUUID(),
      v: 1,
      touchpoint,
      journey: i % 7 ? journey : randomUUID(),
      effort: r() < 0.1 && emotion ? null : 1 + Math.floor(r() * effortScale),
      effortScale,
      emotion,
      comment: r() < 0.15 ? `Comment ${i} about ${touchpoint}, with some words.` : null,
      page: `https://shop.example/${touchpoint}`,
      lang: r() < 0.5 ? 'en' : 'es',
      createdAt: new Date(now - r() * 60 * DAY).toISOString(),
      context: stage === 'after' ? { stage: 'after' } : {},
    };
  });
}

/** src/core/summary.ts as a module Node can import, built with the project's own TypeScript setup. */
async function loadSummarize() {
  const bundle = await rollup({
    input: `${ROOT}src/core/summary.ts`,
    plugins: [typescript({ tsconfig: `${ROOT}tsconfig.json`, include: [`${ROOT}src/**/*`], declaration: false, noEmitOnError: true })],
    onwarn: () => {},
  });
  const { output } = await bundle.generate({ format: 'es' });
  await bundle.close();
  return (await import(`data:text/javascript;base64,${Buffer.from(output[0].code).toString('base64')}`)).summarize;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(1).padStart(8)} ms`;

const now = Date.now();
const data = answers(now);
const body = JSON.stringify(data);
console.log(`${ANSWERS.toLocaleString('en')} answers across ${TOUCHPOINTS.length} touchpoints, ${(body.length / 1e6).toFixed(1)} MB of JSON\n`);

// Node: the collector's maths alone.
const summarize = await loadSummarize();
const since = new Date(now - 30 * DAY).toISOString();
summarize(data, { since });
const node = Array.from({ length: 5 }, () => {
  const start = performance.now();
  summarize(data, { since });
  return performance.now() - start;
});
console.log(`Node ${process.version}, summarize() over ${ANSWERS.toLocaleString('en')} answers (30-day period), median of 5:${ms(median(node))}\n`);

// Chromium: the element, from the network to the screen.
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
<script src="/bench-probe.js"></script><script src="/dist/journey.js" defer></script></head>
<body><cx-journey source="/answers.json" since="30d"></cx-journey></body></html>`;
// Records when the map was loaded and when the next frame after it was drawn (two animation frames later).
const PROBE = `addEventListener('cx-load', () => { const loaded = performance.now();
  requestAnimationFrame(() => requestAnimationFrame(() => (window.__bench = { loaded, painted: performance.now() }))); }, true);`;
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'";
const bundle = readFileSync(`${ROOT}dist/journey.js`);
const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  const send = (type, content) => res.writeHead(200, { 'Content-Type': type, 'Content-Security-Policy': CSP, 'Cache-Control': 'no-store' }).end(content);
  if (path === '/') send('text/html; charset=utf-8', PAGE);
  else if (path === '/bench-probe.js') send('text/javascript', PROBE);
  else if (path === '/dist/journey.js') send('text/javascript', bundle);
  else if (path === '/answers.json') send('application/json', body);
  else res.writeHead(404).end();
});
await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
const url = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const measures = (page) =>
  page.evaluate(() => Object.fromEntries(performance.getEntriesByType('measure').filter((m) => m.name.startsWith('cx-journey ')).map((m) => [m.name.slice(11), m.duration])));

const rows = [];
try {
  for (let run = 0; run < RUNS; run++) {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => window.__bench, null, { timeout: 120_000 });
    const first = await measures(page);
    const { loaded, painted } = await page.evaluate(() => window.__bench);
    const stations = await page.locator('cx-journey .station').count();

    // Another period: computed again from the answers already read, then drawn.
    await page.evaluate(() => {
      performance.clearMeasures();
      window.__bench = null;
      document.querySelector('cx-journey').setAttribute('since', '7d');
    });
    await page.waitForFunction(() => window.__bench, null, { timeout: 60_000 });
    const next = await measures(page);
    rows.push({ ...first, toLoaded: loaded, toPainted: painted, paint: painted - loaded, stations, switchCompute: next.compute, switchRender: next.render });
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}

console.log(`Chromium ${browser.version()}, <cx-journey source="/answers.json">, median of ${RUNS} fresh page loads (${rows[0].stations} stations drawn):`);
const line = (label, key) => console.log(`  ${label.padEnd(58)}${ms(median(rows.map((r) => r[key])))}   runs: ${rows.map((r) => r[key].toFixed(1)).join(', ')}`);
line('fetch + JSON parse', 'fetch');
line('validate every answer (answerError)', 'validate');
line('compute: summarize() this period and the previous one', 'compute');
line('render (Preact into the shadow root)', 'render');
line('style, layout and paint: the next frame after render', 'paint');
line('from navigation start to the map on screen', 'toPainted');
line('switch to 7 days: compute both periods again', 'switchCompute');
line('switch to 7 days: render', 'switchRender');
