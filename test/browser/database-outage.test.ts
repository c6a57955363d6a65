// The database goes away while the real widget sends: PostgreSQL restarted mid-run
// (`pg_ctl restart -m fast`), or stopped for 30 s and started again. One collector process
// (`node dist/node/server/main.js`), never restarted, must answer 503 with Retry-After while it
// cannot commit, acknowledge nothing it did not store, reconnect by itself, and in the end hold
// every answer the widget gave exactly once.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { makeAnswer } from '../fixtures/answers.js';
import { startPostgres, type Postgres } from '../fixtures/postgres.js';
import { launchChromium } from './lib/chromium.js';
import { holdNextInsert } from './lib/held-insert.js';
import { buildCollectorIfStale, requireBundle, startCollectorProcess, type CollectorProcess } from '../fixtures/collector-process.js';
import { until } from './lib/page.js';
import { serve, STRICT_CSP, type TestServer } from './lib/server.js';
import { storedIds, watchWidget, type WidgetRun } from './lib/widget-run.js';

const TABS = 3;
/** While the database is up, a tab gives its next answer once fewer than this many given answers are unacknowledged. */
const BACKLOG = 6;
/** The database goes away once this many answers are acknowledged: mid-run. */
const DOWN_AT = 15;
/** Answers given after the collector stores again. */
const AFTER = 15;
const OUTAGE_MS = 30_000;

let browser: Browser;
let site: TestServer;
let postgres: Postgres;
let collector: CollectorProcess;
let api: string;
let context: BrowserContext;

beforeAll(async () => {
  requireBundle();
  buildCollectorIfStale();
  browser = await launchChromium();
  site = await serve(undefined, () => STRICT_CSP.replace("connect-src 'self'", `connect-src 'self' ${new URL(api).origin}`));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
});
beforeEach(async () => {
  postgres = await startPostgres();
  collector = await startCollectorProcess({ TOUCHPOINT_DATABASE_URL: postgres.url, TOUCHPOINT_ORIGINS: site.url, TOUCHPOINT_RATE_LIMIT: '1000000' });
  api = `${collector.url}/api/feedback`;
  context = await browser.newContext();
}, 60_000);
afterEach(async () => {
  await context?.close().catch(() => {});
  const exit = await collector?.stop();
  await postgres?.stop();
  // It stops cleanly when asked, after all that.
  expect(exit, collector?.output().slice(-4000)).toEqual({ code: 0, signal: null });
}, 60_000);

interface Probe {
  id: string;
  status: number;
  retryAfter: string | null;
  contentType: string | null;
  body: unknown;
}

/** Throws, with what it printed, when the collector process is gone: it must live through every outage. */
function collectorAlive(): void {
  const { exitCode, signalCode } = collector.child;
  if (exitCode !== null || signalCode !== null)
    throw new Error(`the collector process exited (${signalCode ?? `code ${exitCode}`}) during the test; it printed:\n${collector.output().slice(-4000)}`);
}

/** One answer POSTed straight from Node, as any client would. */
async function probe(): Promise<Probe> {
  const answer = makeAnswer({ touchpoint: 'probe', createdAt: new Date().toISOString() });
  const response = await fetch(api, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(answer) }).catch(async (error) => {
    // A refused or cut connection: the process may be dying; give its exit a moment to be seen.
    await Promise.race([collector.exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
    collectorAlive();
    throw error;
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { id: answer.id.toLowerCase(), status: response.status, retryAfter: response.headers.get('retry-after'), contentType: response.headers.get('content-type'), body };
}

/** A 503 the way the collector promises it: Retry-After in whole seconds and a JSON `{error}`. */
function expectUnavailable(p: { status: number; retryAfter: string | null; contentType?: string | null; body?: unknown }) {
  expect(p.status).toBe(503);
  expect(p.retryAfter).toMatch(/^[1-9]\d*$/);
  if (p.contentType !== undefined) expect(p.contentType).toMatch(/^application\/json/);
  expect(p.body).toEqual({ error: expect.any(String) });
}

type Phase = 'up' | 'down' | 'back' | 'done';

/**
 * Three tabs of the widget answering all along: while the database is up, paced by what the
 * collector acknowledges; while it is down, one answer per tab each time the widget comes back
 * on its own for an answer that got a 503 before (after its Retry-After), so answers keep being
 * given and sent through the outage without a clock of the test's.
 */
async function customers(run: WidgetRun) {
  const given = new Set<string>();
  let phase = 'up' as Phase;
  let retriesSeen = 0;
  /** Widget requests that carried an answer already refused with a 503: its own retries. */
  const retries = () => {
    const refused = new Set<string>();
    let n = 0;
    for (const e of run.exchanges) {
      if (e.ids.some((id) => refused.has(id))) n++;
      if (e.status == 503) e.ids.forEach((id) => refused.add(id));
    }
    return n;
  };
  const giving = (async () => {
    for (let round = 0; round < 200; round++) {
      const now = phase;
      if (now == 'done') return;
      if (now == 'down') {
        await until('the widget retries by itself', () => phase != now || retries() > retriesSeen, 20_000);
        retriesSeen = retries();
      } else await until('the backlog of unacknowledged answers shrinks', () => phase != now || given.size - run.acked.size < BACKLOG, 30_000);
      if (phase == 'done') return;
      const ids = await Promise.all(run.pages.map((page) => run.give(page, 1)));
      ids.flat().forEach((id) => given.add(id));
    }
    throw new Error('200 rounds of answers: the phases never ended');
  })();
  // A failure while giving must fail the test at once, not leave it waiting for answers that never come.
  let failure: unknown;
  giving.catch((error) => (failure = error));
  return {
    given,
    retries,
    /** Throws what stopped the customers, if anything did, or the collector's end. */
    check() {
      collectorAlive();
      if (failure) throw failure;
    },
    set: (next: Phase) => void (phase = next),
    done: () => ((phase = 'done'), giving),
  };
}

/** After the outage: the pages send now, rather than after their Retry-After, until every answer given is stored. */
async function drain(run: WidgetRun, given: Set<string>) {
  await until(
    'every answer given is stored',
    async () => {
      collectorAlive();
      await run.flush();
      const stored = await storedIds(postgres);
      return [...given].every((id) => stored.has(id));
    },
    45_000,
  );
  await until('every answer given is acknowledged', () => [...given].every((id) => run.acked.has(id)), 15_000);
  await run.settled();
}

/** What must hold after any outage: all given stored exactly once, nothing acknowledged missing, nothing else stored, the queues empty. */
async function expectAllStoredOnce(run: WidgetRun, given: Set<string>, probes: Probe[]) {
  const stored = await storedIds(postgres);
  const acknowledgedProbes = probes.filter((p) => p.status == 200).map((p) => p.id);
  expect([...run.acked.keys()].filter((id) => !stored.has(id)), 'acknowledged by cx-sent, not stored').toEqual([]);
  expect(acknowledgedProbes.filter((id) => !stored.has(id)), 'acknowledged to a probe, not stored').toEqual([]);
  expect([...given].filter((id) => !stored.has(id)), 'given, not stored').toEqual([]);
  expect([...stored].filter(([, n]) => n != 1), 'stored more than once').toEqual([]);
  const known = new Set([...given, ...probes.map((p) => p.id)]);
  expect([...stored.keys()].filter((id) => !known.has(id)), 'stored, never given').toEqual([]);
  expect(await run.left()).toEqual(run.pages.map(() => ({ pending: 0, failed: [] })));
  expect(run.errors).toEqual([]);
  return stored;
}

/** Tabs answering until DOWN_AT are acknowledged, then one widget answer's INSERT held uncommitted. */
async function midRequest() {
  const started = Date.now();
  const run = await watchWidget(context, api);
  for (let i = 0; i < TABS; i++) await run.open(site.url);
  const pid = collector.child.pid;
  const people = await customers(run);
  await until(`${DOWN_AT} answers acknowledged`, () => (people.check(), run.acked.size >= DOWN_AT), 30_000);
  const held = await holdNextInsert(postgres.url);
  return { started, run, pid, people, held };
}

it(
  'restarted mid-run (pg_ctl restart -m fast): 503 with Retry-After while it cannot commit, then stores again by itself',
  async () => {
    // Mid-run means mid-request: the restart comes while a widget answer's INSERT waits, uncommitted.
    const { started, run, pid, people, held } = await midRequest();
    const ackedBefore = run.acked.size;
    // Probe the collector directly for as long as the restart lasts, as often as it answers.
    const probes: Probe[] = [];
    let restarting = true;
    const probing = (async () => {
      while (restarting) probes.push(await probe());
    })();
    probing.catch(() => {}); // Awaited below, after the restart: a failure is thrown there.
    // The customers go on answering through the restart, paced as before: the widget sends throughout.
    const restartStarted = Date.now();
    await postgres.restart();
    const restartMs = Date.now() - restartStarted;
    restarting = false;
    await probing;
    await held.release();
    const duringRestart = probes.length;

    // It reconnects by itself: the same process stores again.
    let last: Probe | undefined;
    await until('the collector stores again', async () => (probes.push((last = await probe())), last.status == 200), 20_000);
    const recovered = Date.now();
    people.set('back');
    await run.flush();
    const givenAtRecovery = people.given.size;
    await until(`${AFTER} more answers given`, () => (people.check(), people.given.size >= givenAtRecovery + AFTER), 30_000);
    await people.done();
    await drain(run, people.given);

    const stored = await expectAllStoredOnce(run, people.given, probes);
    const refused = run.exchanges.filter((e) => e.status == 503);
    const refusedProbes = probes.filter((p) => p.status == 503);
    console.log(
      `restart: ${people.given.size} answers given from ${TABS} tabs, ${run.acked.size} acknowledged (${ackedBefore} before the restart), ${stored.size} rows stored ` +
        `(${probes.filter((p) => p.status == 200).length} of them probes); restart took ${restartMs} ms, ${duringRestart} probes during it: ` +
        `${JSON.stringify(probes.slice(0, duringRestart).reduce<Record<number, number>>((c, p) => ((c[p.status] = (c[p.status] ?? 0) + 1), c), {}))}; ` +
        `storing again ${recovered - restartStarted} ms after the restart began; widget POSTs ${JSON.stringify(run.statuses())}, ` +
        `${run.duplicates()} duplicate deliveries deduplicated; ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );

    // The request caught mid-transaction was refused with a 503 (nothing acknowledged that was not stored), and
    // so was whatever came while the database was away.
    expect(refused.length).toBeGreaterThanOrEqual(1);
    for (const p of refusedProbes) expectUnavailable(p);
    for (const e of refused) expectUnavailable(e);
    // Anything else it answered while the database restarted was a 200 (stored) or that 503: never a 500.
    expect(probes.filter((p) => p.status != 200 && p.status != 503)).toEqual([]);
    expect(run.exchanges.filter((e) => e.status != 200 && e.status != 503)).toEqual([]);
    expect(collector.child.pid).toBe(pid);
    expect(collector.child.exitCode).toBeNull();
  },
  90_000,
);

it(
  'unreachable for 30 s: 503 with Retry-After all along, the widget waits as told, then everything is stored once',
  async () => {
    // Stopped while a widget answer's INSERT waits, uncommitted: it must be refused, not acknowledged.
    const { started, run, pid, people, held } = await midRequest();
    const ackedAtHold = new Set(run.acked.keys());
    people.set('down');
    await postgres.pause();
    const downAt = Date.now();
    await held.release();
    const givenAtDown = people.given.size;

    // 30 s without a database. The widget keeps being used and keeps sending on its own; each
    // time it has come back for more, the test asks the collector directly too.
    const whileDown: Probe[] = [];
    for (let seen = -1; Date.now() - downAt < OUTAGE_MS; ) {
      if (people.retries() != seen) {
        seen = people.retries();
        whileDown.push(await probe());
      }
      await until('the widget retries, or the outage is over', () => (people.check(), people.retries() != seen || Date.now() - downAt >= OUTAGE_MS), OUTAGE_MS + 5000);
    }
    whileDown.push(await probe());
    const resumeAt = Date.now();
    const givenByResume = people.given.size;
    // Acknowledgements still on their way when the lock was taken arrive later; what counts is whether the answer was committed.
    const ackedWhileHeldOrDown = [...run.acked.keys()].filter((id) => !held.committed.has(id.toLowerCase()));
    const retriesWhileDown = people.retries();
    await postgres.resume();
    const outageMs = resumeAt - downAt;

    const probes = [...whileDown];
    let last: Probe | undefined;
    await until('the collector stores again', async () => (probes.push((last = await probe())), last.status == 200), 20_000);
    const recoveredMs = Date.now() - resumeAt;
    people.set('back');
    await run.flush();
    const givenAtRecovery = people.given.size;
    await until(`${AFTER} more answers given`, () => (people.check(), people.given.size >= givenAtRecovery + AFTER), 30_000);
    await people.done();
    const drainStarted = Date.now();
    await drain(run, people.given);
    const drainMs = Date.now() - drainStarted;

    const stored = await expectAllStoredOnce(run, people.given, probes);
    // The widget's requests made while the database was down, and per answer how far apart its attempts were.
    const outage = run.exchanges.filter((e) => e.at >= downAt && e.at < resumeAt);
    const attempts = new Map<string, number[]>();
    for (const e of outage) for (const id of e.ids) attempts.set(id, [...(attempts.get(id) ?? []), e.at]);
    const gaps = [...attempts.values()].flatMap((times) => times.slice(1).map((t, i) => t - times[i]));
    const retryAfterMs = Number(outage[0]?.retryAfter) * 1000;
    console.log(
      `outage: ${people.given.size} answers given from ${TABS} tabs (${givenByResume - givenAtDown} while the database was down), ` +
        `${run.acked.size} acknowledged (${ackedAtHold.size} before the outage), ${stored.size} rows stored (${probes.filter((p) => p.status == 200).length} of them probes); ` +
        `database down ${outageMs} ms; ${outage.length} widget POSTs while down: ${JSON.stringify(outage.reduce<Record<number, number>>((c, e) => ((c[e.status] = (c[e.status] ?? 0) + 1), c), {}))}, ` +
        `${retriesWhileDown} of them its own retries after Retry-After; shortest gap between two attempts at one answer ${gaps.length ? Math.min(...gaps).toFixed(0) : '-'} ms ` +
        `(Retry-After ${retryAfterMs / 1000} s); ${whileDown.length} probes while down: ${JSON.stringify([...new Set(whileDown.map((p) => p.status))])}; ` +
        `storing again ${recoveredMs} ms after resume began; drained in ${drainMs} ms; widget POSTs in all ${JSON.stringify(run.statuses())}, ` +
        `${run.duplicates()} duplicate deliveries deduplicated; ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );

    expect(outageMs).toBeGreaterThanOrEqual(OUTAGE_MS);
    // While it could not commit: every direct request a 503 with Retry-After and {error}, and nothing of them stored.
    expect(whileDown.length).toBeGreaterThanOrEqual(3);
    for (const p of whileDown) {
      expectUnavailable(p);
      expect(stored.has(p.id), `probe ${p.id} refused, yet stored`).toBe(false);
    }
    // Nothing was acknowledged that was not stored. An answer missing from what was committed when the
    // lock was taken can only have been acknowledged truthfully if it was committed before its
    // acknowledgement: the held INSERT may still finish while PostgreSQL shuts down (fast shutdown
    // signals one backend after another). It must then have been received before it was acknowledged.
    const receivedMs = new Map(
      ackedWhileHeldOrDown.length
        ? (await postgres.psql(`SELECT id, received_ms FROM answers WHERE id IN (${ackedWhileHeldOrDown.map((id) => `'${id}'`).join(', ')})`))
            .split('\n')
            .filter(Boolean)
            .map((line) => line.split('|'))
            .map(([id, ms]) => [id, Number(ms)] as const)
        : [],
    );
    for (const id of ackedWhileHeldOrDown) expect(receivedMs.get(id), `${id} acknowledged before it was stored`).toBeLessThanOrEqual(run.ackedAt.get(id)!);
    // Every request of the widget's while the database was down was refused. It kept being used and kept sending.
    expect(run.exchanges.filter((e) => e.at < downAt && e.status == 503).length).toBeGreaterThanOrEqual(1);
    expect(outage.length).toBeGreaterThanOrEqual(3);
    for (const e of outage) expectUnavailable(e);
    expect(givenByResume - givenAtDown).toBeGreaterThanOrEqual(2 * TABS);
    expect(retriesWhileDown).toBeGreaterThanOrEqual(2);
    // It honoured Retry-After: no answer was tried again sooner than the collector asked.
    expect(gaps.length).toBeGreaterThanOrEqual(1);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(retryAfterMs - 250);
    expect(collector.child.pid).toBe(pid);
    expect(collector.child.exitCode).toBeNull();
  },
  100_000,
);

