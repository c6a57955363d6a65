#!/usr/bin/env node
// What dist/touchpoint.js costs the page that hosts it. An empty host page, and the same page
// with the script and an inline or a floating <cx-feedback>, loaded alternately in real Chromium
// under a 4x CPU throttle (a mid-range phone), each in a fresh profile (nothing queued). Prints
// medians of the main-thread task time from navigation until 5 s after load (and of it, script,
// and style and layout), total blocking time
// (the part of each long task beyond 50 ms), long tasks, and the JS heap added over the empty page.
//   npm run bench:host [-- --rounds=15 --baseline=path/to/an/older/touchpoint.js --only=inline]
// --baseline adds the same two pages with another build of the script, measured in the same run;
// --only keeps the pages whose name contains it (and the empty page).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';

const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const ROUNDS = +arg('rounds', 15);
const SETTLE_MS = 5000;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const scripts = { current: readFileSync(resolve(import.meta.dirname, '../dist/touchpoint.js')) };
if (arg('baseline')) scripts.baseline = readFileSync(resolve(arg('baseline')));

const article = Array.from({ length: 12 }, (_, i) => `<p>Paragraph ${i + 1} of the host page: the order, the delivery, the answer to a question a customer had.</p>`).join('\n');
const html = (script, widget) => `<!doctype html><html lang="en"><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Host</title>
${script ? `<script src="/${script}.js" defer></script>` : ''}
<main><h1>Your order</h1>${article}
${widget ? `<cx-feedback endpoint="/collect" touchpoint="order" mode="${widget}"></cx-feedback>` : ''}
</main></html>`;

const variants = [{ name: 'empty page', path: '/page' }];
for (const script of Object.keys(scripts))
  for (const mode of ['inline', 'floating']) variants.push({ name: `${script === 'current' ? '' : 'baseline '}${mode}`, path: `/page?script=${script}&mode=${mode}` });
if (arg('only')) variants.splice(1, Infinity, ...variants.slice(1).filter((v) => v.name.includes(arg('only'))));

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const script = url.pathname.match(/^\/(\w+)\.js$/)?.[1];
  if (script && scripts[script]) return void res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(scripts[script]);
  if (url.pathname == '/page') return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html(url.searchParams.get('script'), url.searchParams.get('mode')));
  if (url.pathname == '/collect') return void res.writeHead(200).end('{}');
  res.writeHead(404).end();
});
await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

/** One load of one variant in a fresh profile: its main-thread figures. */
async function measure(path) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  await page.addInitScript(() => {
    window.__long = [];
    new PerformanceObserver((list) => window.__long.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: true });
  });
  const before = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  await page.goto(base + path, { waitUntil: 'load' });
  await page.waitForTimeout(SETTLE_MS);
  await cdp.send('HeapProfiler.collectGarbage');
  const after = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const long = await page.evaluate(() => window.__long);
  await context.close();
  return {
    task: (after.TaskDuration - before.TaskDuration) * 1000,
    script: (after.ScriptDuration - before.ScriptDuration) * 1000,
    layout: (after.LayoutDuration + after.RecalcStyleDuration - before.LayoutDuration - before.RecalcStyleDuration) * 1000,
    tbt: long.reduce((n, d) => n + Math.max(0, d - 50), 0),
    longTasks: long.length,
    heap: after.JSHeapUsedSize / 1024,
  };
}

const results = Object.fromEntries(variants.map((v) => [v.name, []]));
for (let round = 0; round < ROUNDS; round++) {
  // Alternate the order each round, so drift in the machine's load falls on every variant alike.
  const order = round % 2 ? [...variants].reverse() : variants;
  for (const v of order) results[v.name].push(await measure(v.path));
  process.stderr.write(`\rround ${round + 1}/${ROUNDS}`);
}
process.stderr.write('\n');
await browser.close();
server.close();

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const m = (name, key) => median(results[name].map((r) => r[key]));
const empty = { task: m('empty page', 'task'), heap: m('empty page', 'heap') };
const col = (s, w = 14) => String(s).padStart(w);
console.log(`\nbench:host: ${ROUNDS} rounds, 4x CPU throttle, from navigation to ${SETTLE_MS / 1000} s after load, medians`);
console.log(`${'page'.padEnd(18)}${col('task ms')}${col('added ms')}${col('script ms')}${col('style+layout')}${col('TBT ms')}${col('long tasks')}${col('heap KB')}${col('added KB')}`);
for (const v of variants) {
  const task = m(v.name, 'task');
  const heap = m(v.name, 'heap');
  console.log(
    `${v.name.padEnd(18)}${col(task.toFixed(0))}${col(v.name == 'empty page' ? '' : `+${(task - empty.task).toFixed(0)}`)}${col(m(v.name, 'script').toFixed(0))}${col(m(v.name, 'layout').toFixed(0))}${col(m(v.name, 'tbt').toFixed(0))}${col(m(v.name, 'longTasks'))}${col(heap.toFixed(0))}${col(v.name == 'empty page' ? '' : `+${(heap - empty.heap).toFixed(0)}`)}`,
  );
}
