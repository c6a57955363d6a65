#!/usr/bin/env node
// Benchmarks <cx-wall> (dist/wall.js) in the system Chromium: for feeds of 100, 1,000 and 10,000
// answers, as a plain JSON array and as collector pages with /api/summary, it prints the first
// render time and the long tasks (over 50 ms) during the first render and after it, while the
// page is scrolled and "Show more" is clicked. Figures only: nothing here passes or fails.
// Run with `npm run bench:wall`, which builds dist/wall.js first.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import ts from 'typescript';

const ROOT = new URL('..', import.meta.url).pathname;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SIZES = [100, 1_000, 10_000];
const RUNS = 3;
const PAGE_SIZE = 20;
const MORE_CLICKS = 5;
/** `--verbose` lists every long task after the first render, with what the page was doing. */
const VERBOSE = process.argv.includes('--verbose');
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'";

/** The collector's summary maths, compiled from the source so the fake collector answers what the real one would. */
async function loadSummarize() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-wall-'));
  try {
    for (const name of ['answer', 'summary']) {
      const source = readFileSync(join(ROOT, `src/core/${name}.ts`), 'utf8');
      const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
      writeFileSync(join(dir, `${name}.js`), outputText);
    }
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    return (await import(pathToFileURL(join(dir, 'summary.js')).href)).summarize;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const EMOTIONS = ['frustrated', 'disappointed', 'indifferent', 'satisfied', 'delighted'];
const WORDS = 'the checkout was slow and the coupon field did not take my code but delivery came early and support answered fast'.split(' ');

/** `n` valid answers, newest first, a few minutes apart, with comments of varied length and some replies. */
function answers(n) {
  const now = Date.now();
  return Array.from({ length: n }, (_, i) => {
    const scale = i % 4 === 0 ? 5 : 7;
    const createdAt = new Date(now - (i + 1) * 7 * 60_000).toISOString();
    return {
      id: randomUUID(),
      v: 1,
      touchpoint: ['checkout', 'delivery', 'support'][i % 3],
      journey: randomUUID(),
      effort: i % 9 === 1 ? null : (i % scale) + 1,
      effortScale: scale,
      emotion: i % 11 === 0 ? null : EMOTIONS[(i * 7) % 5],
      comment: i % 5 === 0 && i % 11 !== 0 ? null : Array.from({ length: 5 + ((i * 13) % 40) }, (_, w) => WORDS[(i + w) % WORDS.length]).join(' '),
      page: 'https://shop.example/checkout',
      lang: i % 6 === 0 ? 'es' : 'en',
      createdAt,
      context: {},
      reply: i % 10 === 3 ? { text: 'Thank you, we are on it.', at: new Date(now - i * 60_000).toISOString() } : null,
    };
  });
}

function startServer(feeds, summarize) {
  const json = new Map(Object.entries(feeds).map(([n, items]) => [`/feeds/${n}.json`, JSON.stringify(items)]));
  const summaries = new Map(Object.entries(feeds).map(([n, items]) => [`/c${n}/api/summary`, JSON.stringify(summarize(items))]));
  const files = { '/wall.html': 'test/fixtures/wall/index.html', '/test/fixtures/wall/page.js': 'test/fixtures/wall/page.js', '/dist/wall.js': 'dist/wall.js' };
  const types = { html: 'text/html; charset=utf-8', js: 'text/javascript' };
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const send = (type, body) => res.writeHead(200, { 'Content-Type': type, 'Content-Security-Policy': CSP, 'Cache-Control': 'no-store' }).end(body);
    if (files[url.pathname]) return send(types[url.pathname.split('.').pop()], readFileSync(join(ROOT, files[url.pathname])));
    if (json.has(url.pathname)) return send('application/json', json.get(url.pathname));
    if (summaries.has(url.pathname)) return send('application/json', summaries.get(url.pathname));
    const page = /^\/c(\d+)\/api\/feedback$/.exec(url.pathname);
    if (page && feeds[page[1]]) {
      const start = Number(url.searchParams.get('before') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? PAGE_SIZE);
      const items = feeds[page[1]].slice(start, start + limit);
      return send('application/json', JSON.stringify({ items, next: start + limit < feeds[page[1]].length ? String(start + limit) : null }));
    }
    res.writeHead(404).end();
  });
  return new Promise((ready) => server.listen(0, '127.0.0.1', () => ready(server)));
}

/**
 * One page load: first render, then scrolling and "Show more". Long tasks are split at the first
 * paint of the list, and those after it are labelled with what the page was doing.
 */
async function measure(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.__loads[0]?.painted != null, null, { timeout: 60_000 });
  const phases = [];
  const phase = async (name) => phases.push({ name, at: await page.evaluate(() => performance.now()) });
  const scroll = () =>
    page.evaluate(async () => {
      for (let i = 0; i < 20; i++) {
        scrollBy(0, 400);
        await new Promise((frame) => requestAnimationFrame(frame));
      }
    });
  await phase('scroll');
  await scroll();
  for (let i = 0; i < MORE_CLICKS; i++) {
    const more = page.locator('cx-wall [part="more"]');
    if (!(await more.count())) break;
    await phase(`show more ${i + 1}`);
    await more.click();
    await page.waitForFunction((n) => window.__loads.length >= n, i + 2);
    await phase('scroll');
    await scroll();
  }
  // Let any trailing work land in the observer.
  await phase('idle');
  await page.evaluate(() => new Promise((done) => setTimeout(done, 300)));
  const { created, painted, tasks, shown } = await page.evaluate(() => ({
    created: window.__created,
    painted: window.__loads[0].painted,
    tasks: window.__longTasks,
    shown: window.__loads.at(-1).detail.shown,
  }));
  await context.close();
  const during = tasks.filter((t) => t.start < painted);
  const after = tasks
    .filter((t) => t.start >= painted)
    .map((t) => ({ ...t, phase: phases.findLast((p) => p.at <= t.start)?.name ?? 'first render' }));
  const longest = (list) => Math.max(0, ...list.map((t) => t.duration));
  return { firstRender: painted - created, during: { count: during.length, longest: longest(during) }, after: { count: after.length, longest: longest(after), tasks: after }, shown };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => (x ? `${Math.round(x)} ms` : '–');

async function main() {
  if (!existsSync(join(ROOT, 'dist/wall.js'))) throw new Error('dist/wall.js is missing: run `BUNDLES=wall npx rollup -c` (npm run bench:wall does).');
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}; set CHROMIUM_PATH.`);
  const summarize = await loadSummarize();
  const feeds = Object.fromEntries(SIZES.map((n) => [n, answers(n)]));
  const server = await startServer(feeds, summarize);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    console.log(`<cx-wall> in Chromium: median of ${RUNS} runs; first render = element created → list on screen;`);
    console.log(`long tasks (> 50 ms) during the first render, and after it while scrolling and clicking "Show more" ${MORE_CLICKS} times.\n`);
    const header = ['feed', 'answers', 'first render', 'long tasks during', 'longest', 'long tasks after', 'longest', 'shown'];
    const rows = [];
    for (const shape of ['array', 'collector']) {
      for (const n of SIZES) {
        const source = shape === 'array' ? `/feeds/${n}.json` : `/c${n}/api/feedback`;
        const runs = [];
        for (let i = 0; i < RUNS; i++) runs.push(await measure(browser, `${base}/wall.html?source=${encodeURIComponent(source)}&page-size=${PAGE_SIZE}`));
        if (VERBOSE)
          for (const [i, r] of runs.entries())
            for (const t of r.after.tasks) console.log(`  ${shape} ${n} run ${i + 1}: ${Math.round(t.duration)} ms task after first render, during ${t.phase}`);
        rows.push([
          shape,
          n.toLocaleString('en'),
          ms(median(runs.map((r) => r.firstRender))),
          String(median(runs.map((r) => r.during.count))),
          ms(Math.max(...runs.map((r) => r.during.longest))),
          String(median(runs.map((r) => r.after.count))),
          ms(Math.max(...runs.map((r) => r.after.longest))),
          String(runs[0].shown),
        ]);
      }
    }
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells) => cells.map((c, i) => (i < 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
    console.log(line(header));
    for (const row of rows) console.log(line(row));
    console.log('\n"longest" is the longest single task over all runs.');
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
