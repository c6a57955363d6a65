// Several collectors, one database: two collector processes (`node dist/node/server/main.js`)
// behind nginx as a round-robin reverse proxy, both on one PostgreSQL. Three tabs of the real
// widget answer through the proxy; once a third of the answers are acknowledged one collector
// is killed with SIGKILL in the middle of a request (its INSERT is waiting, uncommitted), and the
// survivor takes the rest. Every answer the widget saw acknowledged must be in the database
// exactly once, and in the end every answer given is.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startNginx, type Nginx } from '../fixtures/nginx.js';
import { startPostgres, type Postgres } from '../fixtures/postgres.js';
import { launchChromium } from './lib/chromium.js';
import { holdNextInsert } from './lib/held-insert.js';
import { buildCollectorIfStale, requireBundle, startCollectorProcess, type CollectorProcess } from '../fixtures/collector-process.js';
import { until } from './lib/page.js';
import { serve, STRICT_CSP, type TestServer } from './lib/server.js';
import { storedIds, watchWidget } from './lib/widget-run.js';

const TABS = 3;
const PER_TAB = 40;
const BURST = 4;
/** A tab gives its next burst once fewer than this many given answers are unacknowledged: giving goes on through the kill. */
const BACKLOG = 12;
/** The kill comes once this many answers are acknowledged: about a third. */
const KILL_AT = Math.round((TABS * PER_TAB) / 3);

let postgres: Postgres;
let nginx: Nginx;
let site: TestServer;
let browser: Browser;
let context: BrowserContext | undefined;
const collectors: CollectorProcess[] = [];

beforeAll(async () => {
  requireBundle();
  buildCollectorIfStale();
  postgres = await startPostgres();
  // The page is on its own origin and posts through the proxy: the CSP lists the proxy, as a site owner's would.
  site = await serve(undefined, () => STRICT_CSP.replace("connect-src 'self'", `connect-src 'self' ${nginx.url}`));
  const env = (name: string) => ({
    // Named, so the test can tell in pg_stat_activity which process a waiting INSERT belongs to.
    TOUCHPOINT_DATABASE_URL: `${postgres.url}?application_name=${name}`,
    TOUCHPOINT_ORIGINS: site.url,
    TOUCHPOINT_TRUST_PROXY: '1',
    // Every tab is one client (127.0.0.1, from X-Forwarded-For): this test is not about the rate limit.
    TOUCHPOINT_RATE_LIMIT: '1000000',
  });
  // Both start at once on an empty database: one applies the migrations, the other waits for them.
  collectors.push(...(await Promise.all([startCollectorProcess(env('victim')), startCollectorProcess(env('survivor'))])));
  nginx = await startNginx({ upstreams: collectors.map((c) => c.url) });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await context?.close().catch(() => {});
  await browser?.close();
  await Promise.all(collectors.map((c) => c.stop()));
  await nginx?.stop();
  await site?.close();
  await postgres?.stop();
}, 60_000);

/**
 * SIGKILLs the victim while it is inside a request: its INSERT waiting, uncommitted, on a lock the
 * test holds. When the INSERT caught is the survivor's, the lock is let go and the next request
 * is caught. Resolves how many requests were caught.
 */
async function killMidRequest(victim: CollectorProcess): Promise<number> {
  for (let caught = 1; caught <= 20; caught++) {
    const held = await holdNextInsert(postgres.url);
    try {
      if (held.waiting.includes('victim')) {
        victim.child.kill('SIGKILL');
        expect((await victim.exited).signal).toBe('SIGKILL');
        return caught;
      }
    } finally {
      await held.release();
    }
  }
  throw new Error('20 requests in a row went to the survivor: is nginx not round-robin?');
}

it(
  'stores every acknowledged answer exactly once when one of two collectors behind nginx is killed mid-run',
  async () => {
    const started = Date.now();
    context = await browser.newContext();
    const run = await watchWidget(context, `${nginx.url}/api/feedback`);
    for (let i = 0; i < TABS; i++) await run.open(site.url);

    const [victim, survivor] = collectors;
    const given = new Set<string>();
    let ackedAtKill: string[] = [];
    let givenAtKill = 0;
    let caught = 0;

    const kill = (async () => {
      await until(`${KILL_AT} answers acknowledged`, () => run.acked.size >= KILL_AT, 45_000);
      caught = await killMidRequest(victim);
      ackedAtKill = [...run.acked.keys()];
      givenAtKill = given.size;
    })();
    const giving = Promise.all(
      run.pages.map(async (page) => {
        for (let n = 0; n < PER_TAB; n += BURST) {
          await until('the backlog of unacknowledged answers shrinks', () => given.size - run.acked.size < BACKLOG, 45_000);
          for (const id of await run.give(page, BURST)) given.add(id);
        }
      }),
    );
    await Promise.all([kill, giving]);

    // What was acknowledged before the kill, by either process, is committed: none of it died with the victim.
    const afterKill = await storedIds(postgres);
    const lostAtKill = ackedAtKill.filter((id) => !afterKill.has(id));
    expect(lostAtKill, 'acknowledged before the kill but not stored').toEqual([]);

    // The survivor alone takes the rest; the pages are told to send now rather than after their backoff.
    await until(
      'every answer given is stored',
      async () => {
        await run.flush();
        const stored = await storedIds(postgres);
        return [...given].every((id) => stored.has(id));
      },
      60_000,
    );
    await until('every answer is acknowledged', () => [...given].every((id) => run.acked.has(id)), 15_000);
    await run.settled();

    const stored = await storedIds(postgres);
    const twice = [...stored].filter(([, count]) => count != 1);
    const unacked = [...given].filter((id) => !run.acked.has(id));
    const ackedNotStored = [...run.acked.keys()].filter((id) => !stored.has(id));
    const ackedTwice = [...run.acked].filter(([, n]) => n > 1).length;
    const left = await run.left();
    const statuses = run.statuses();
    const log = nginx.errorLog();
    const victimPort = new URL(victim.url).port;
    console.log(
      `scale-out: ${given.size} answers given from ${TABS} tabs, ${run.acked.size} acknowledged (${ackedAtKill.length} before the SIGKILL, ` +
        `when ${givenAtKill} were given; the victim was killed inside request ${caught} caught at the lock), ${stored.size} rows stored, ${twice.length} ids stored twice; ` +
        `${run.exchanges.length} POSTs seen by Chromium: ${JSON.stringify(statuses)} ` +
        `(${run.exchanges.filter((e) => e.failure).map((e) => e.failure).join(', ') || 'none failed'}); ${run.duplicates()} duplicate deliveries deduplicated by the collectors; ` +
        `${ackedTwice} answers acknowledged twice; nginx logged ${(log.match(new RegExp(`upstream: "http://127\\.0\\.0\\.1:${victimPort}`, 'g')) ?? []).length} failures of the killed upstream; ` +
        `${((Date.now() - started) / 1000).toFixed(1)} s`,
    );

    expect(given.size).toBe(TABS * PER_TAB);
    // The kill really came mid-run: after some answers were acknowledged and before all were given,
    // and it cut a request of the widget's short (nginx does not resend a POST it sent: a 502, which
    // without CORS headers the page sees as a network error).
    expect(ackedAtKill.length).toBeGreaterThanOrEqual(KILL_AT);
    expect(givenAtKill).toBeLessThan(TABS * PER_TAB);
    expect(run.exchanges.filter((e) => e.status != 200).length).toBeGreaterThanOrEqual(1);
    // nginx had the victim in its rotation when it died: it found it gone and sent its requests to the survivor.
    expect(log).toContain(`upstream: "http://127.0.0.1:${victimPort}`);
    expect(survivor.child.exitCode).toBeNull();
    expect(ackedNotStored).toEqual([]);
    expect(unacked).toEqual([]);
    expect(twice).toEqual([]);
    // Exactly the answers given, nothing else.
    expect([...stored.keys()].sort()).toEqual([...given].sort());
    expect(await postgres.psql('SELECT count(*) FROM answers')).toBe(String(TABS * PER_TAB));
    expect(left).toEqual(run.pages.map(() => ({ pending: 0, failed: [] })));
    // Delivered again, through the proxy, every answer is a duplicate: stored once by id.
    const again = [...run.answers.values()];
    const replies = [];
    for (let i = 0; i < again.length; i += 60) {
      const response = await fetch(`${nginx.url}/api/feedback`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ events: again.slice(i, i + 60) }) });
      replies.push(await response.json());
    }
    expect(replies.reduce((sum, r) => ({ accepted: sum.accepted + r.accepted, duplicates: sum.duplicates + r.duplicates }), { accepted: 0, duplicates: 0 })).toEqual({
      accepted: 0,
      duplicates: TABS * PER_TAB,
    });
    expect(await postgres.psql('SELECT count(*) FROM answers')).toBe(String(TABS * PER_TAB));
    expect(run.errors).toEqual([]);
  },
  150_000,
);
