import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answer.js';
import { makeAnswer } from '../fixtures/answers.js';
import { buildCollectorIfStale, CLI, startCollectorProcess, type CollectorProcess } from '../fixtures/collector-process.js';
import { startPostgres, type Postgres } from '../fixtures/postgres.js';
import { startCollector } from './lib.js';
import { call, clock, receiver, seeded, verifyAll, type Behaviour } from './webhook-lib.js';

/**
 * Webhooks under trouble, on both engines: receivers that fail at random (500, 429 with
 * Retry-After, resets, a few hangs), a collector process killed with SIGKILL while deliveries are
 * in flight, and two collectors sharing one PostgreSQL. Every event arrives, every body verifies
 * with the Standard Webhooks reference library and matches its schema, and an event keeps its
 * webhook-id across retries.
 */
let postgres: Postgres;
let databases = 0;
beforeAll(async () => {
  postgres = await startPostgres();
}, 120_000);
afterAll(() => postgres?.stop());

async function freshDatabase(): Promise<string> {
  const name = `chaos_${++databases}`;
  await postgres.psql(`CREATE DATABASE ${name}`);
  return postgres.url.replace(/\/[^/]*$/, `/${name}`);
}

const TOKEN = 'webhook-chaos-owner';

/** How an answer.created target saw the answers: the answer ids of the events it acknowledged. */
const answerIds = (events: Map<string, any>, ids: Iterable<string>) => {
  const wanted = new Set(ids);
  return [...events.values()].filter((e) => e.type === 'answer.created' && wanted.has(e.data.answer.id)).map((e) => e.data.answer.id as string);
};

describe.each([
  ['SQLite', 14, async () => ({})],
  ['PostgreSQL', 41, async () => ({ databaseUrl: await freshDatabase() })],
] as const)('%s: a receiver that fails at random', (_engine, seed, options) => {
  it(
    'gets every event in the end (seeded chaos, retries driven by a moved clock), each signed, each keeping its webhook-id',
    async () => {
      const random = seeded(seed);
      const failures = new Map<string, number>();
      let hangs = 2;
      // Each attempt fails about half the time, an event at most 4 times in a row (so it is
      // delivered long before the 24 h give-up); at most two hangs (each holds a send for its 10 s timeout).
      const r = await receiver(({ id }) => {
        const failed = failures.get(id) ?? 0;
        const x = random();
        let did: Behaviour = { status: 200 };
        if (failed < 4 && x >= 0.5) {
          did =
            x < 0.65 ? { status: 500 }
            : x < 0.8 ? { status: 429, retryAfter: String(1 + Math.floor(random() * 300)) }
            : x < 0.97 || hangs <= 0 ? 'reset'
            : (hangs--, 'hang');
        }
        if (!(typeof did === 'object' && did.status < 300)) failures.set(id, failed + 1);
        return did;
      });
      const time = clock();
      const c = await startCollector({ ...(await options()), adminToken: TOKEN, webhookAllowPrivate: true, webhookPollMs: 50, now: time.now });
      try {
        const target = (await call(c.url, TOKEN, 'POST', '/api/webhooks', { url: r.url, events: ['answer.created'] })).json;
        const answers: Answer[] = [];
        for (let i = 0; i < 20; i++) answers.push(makeAnswer({ comment: `single ${i}` }));
        for (const a of answers) expect((await c.post('/api/feedback', a)).status).toBe(200);
        for (let b = 0; b < 2; b++) {
          const batch = Array.from({ length: 20 }, (_, i) => makeAnswer({ effort: 1 + (i % 7), comment: `batch ${b}.${i}` }));
          expect((await c.post('/api/feedback', { events: batch })).json).toMatchObject({ accepted: 20 });
          answers.push(...batch);
        }
        const deliveries = async () => (await call(c.url, TOKEN, 'GET', `/api/webhooks/${target.id}/deliveries?limit=200`)).json.items as any[];
        // Quiet: nothing in flight at the receiver, and every delivery either delivered or waiting
        // for a retry time still ahead on the collector's clock (so none is claimed or in flight).
        const quiet = (items: any[]) => r.open === 0 && items.length === answers.length && items.every((d) => d.state === 'delivered' || (d.state === 'pending' && Date.parse(d.nextAttemptAt) > time.now()));
        const started = Date.now();
        let rounds = 0;
        for (; rounds < 200 && Date.now() - started < 150_000; rounds++) {
          let items: any[] = [];
          await expect.poll(async () => quiet((items = await deliveries())), { timeout: 30_000, interval: 50 }).toBe(true);
          const waiting = items.filter((d) => d.state !== 'delivered');
          if (!waiting.length) break;
          // On to the next retry time: the clock moves only when no request is in flight.
          time.forward(Math.min(...waiting.map((d) => Date.parse(d.nextAttemptAt))) - time.now() + 1);
        }
        const items = await deliveries();
        expect(items.filter((d) => d.state !== 'delivered'), `seed ${seed}, ${rounds} rounds`).toEqual([]);
        // Every event verifies, matches its schema, and kept one body and one webhook-id across its attempts.
        const events = verifyAll(r.got, target.secret);
        expect(answerIds(events, answers.map((a) => a.id)).sort()).toEqual(answers.map((a) => a.id).sort());
        expect([...events.keys()].sort()).toEqual(items.map((d) => d.eventId).sort());
        // Each was acknowledged once, and every attempt the collector counted reached the receiver.
        for (const d of items) {
          const seen = r.got.filter((g) => g.id === d.eventId);
          expect(seen.filter((g) => g.ok), d.eventId).toHaveLength(1);
          expect(seen, d.eventId).toHaveLength(d.attempts);
        }
        // The chaos happened: retries of every kind.
        const kinds = new Set(r.got.map((g) => (typeof g.did === 'object' ? String(g.did.status) : g.did)));
        expect([...kinds].sort(), `seed ${seed}`).toEqual(expect.arrayContaining(['200', '429', '500', 'reset']));
        expect(r.got.length).toBeGreaterThan(answers.length * 1.3);
      } finally {
        await c.close();
        await r.close();
      }
    },
    200_000,
  );
});

// ---------------------------------------------------------------------------------------------
// kill -9 of a collector process mid-dispatch

const children = new Set<ChildProcess>();

/** `touchpoint-cx serve` on a free port, as an operator runs it; resolves once it prints its URL. */
async function serve(env: Record<string, string>): Promise<CollectorProcess> {
  const p = await startCollectorProcess(
    { TOUCHPOINT_ADMIN_TOKEN: TOKEN, TOUCHPOINT_WEBHOOK_ALLOW_PRIVATE: '1', TOUCHPOINT_RATE_LIMIT: '100000', ...env },
    { args: [CLI, 'serve'], waitMs: 30_000 },
  );
  children.add(p.child);
  void p.exited.then(() => children.delete(p.child));
  return p;
}

async function kill9(p: CollectorProcess): Promise<void> {
  p.child.kill('SIGKILL');
  expect((await p.exited).signal).toBe('SIGKILL');
}

describe('a collector process killed with SIGKILL mid-dispatch', () => {
  let dir: string;
  beforeAll(() => {
    buildCollectorIfStale();
    dir = mkdtempSync(join(tmpdir(), 'touchpoint-chaos-'));
  }, 120_000);
  afterAll(() => {
    for (const child of children) child.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /**
   * One engine: a receiver that holds every request open (deliveries in flight, leased to the
   * process for 30 s) and one that is down (each attempt fails at once and is settled with a
   * retry about 5 s later). Answers are acknowledged, the process is killed, both receivers come
   * back healthy, and the collector restarts on the same database.
   */
  async function killedMidDispatch(env: Record<string, string>) {
    let holding = true;
    const held = await receiver(() => (holding ? 'hang' : { status: 204 }));
    const down = await receiver();
    down.refuse(true);
    try {
      const first = await serve(env);
      const h = (await call(first.url, TOKEN, 'POST', '/api/webhooks', { url: held.url, events: ['answer.created'] })).json;
      const d = (await call(first.url, TOKEN, 'POST', '/api/webhooks', { url: down.url, events: ['answer.created'] })).json;
      const single = makeAnswer({ comment: 'Acknowledged, then the server died.' });
      const batch = Array.from({ length: 10 }, (_, i) => makeAnswer({ touchpoint: 'delivery', comment: `batch ${i}` }));
      const post = (body: unknown) => fetch(`${first.url}/api/feedback`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      expect((await post(single)).status).toBe(200);
      expect(await (await post({ events: batch })).json()).toMatchObject({ accepted: 10 });
      const ids = [single, ...batch].map((a) => a.id);
      // In flight: as many requests open at the holding receiver as a target may have (4).
      await expect.poll(() => held.open, { timeout: 15_000 }).toBe(4);
      // Down: every delivery to it tried once and waiting for its retry.
      await expect
        .poll(async () => ((await call(first.url, TOKEN, 'GET', `/api/webhooks/${d.id}/deliveries`)).json.items as any[]).filter((x) => x.attempts >= 1 && x.state === 'pending').length, { timeout: 15_000 })
        .toBe(ids.length);
      const firstHeldAt = held.got[0].at;
      await kill9(first);

      holding = false;
      down.refuse(false);
      const second = await serve(env);
      try {
        // The failed ones go out when their retry is due: no lease to wait for.
        await expect
          .poll(() => answerIds(verifyAll(down.delivered(), d.secret), ids).sort(), { timeout: 30_000 })
          .toEqual([...ids].sort())
          .catch(async (error) => {
            throw new Error(`${error.message}\n${JSON.stringify((await call(second.url, TOKEN, 'GET', `/api/webhooks/${d.id}/deliveries`)).json.items, null, 1)}`);
          });
        const downDoneAt = Math.max(...down.delivered().map((g) => g.at));
        // The ones in flight when the process died go out once their lease (30 s) has run out.
        await expect.poll(() => answerIds(verifyAll(held.delivered(), h.secret), ids).sort(), { timeout: 60_000 }).toEqual([...ids].sort());
        const resentAt = Math.min(...held.delivered().map((g) => g.at));
        expect(resentAt - firstHeldAt).toBeGreaterThan(25_000);
        expect(downDoneAt).toBeLessThan(resentAt);
        // The same webhook-id before the kill and after it.
        for (const g of held.got.filter((x) => !x.ok)) expect(held.delivered().map((x) => x.id)).toContain(g.id);
      } finally {
        second.child.kill('SIGTERM');
        await second.exited;
      }
    } finally {
      await held.close();
      await down.close();
    }
  }

  it(
    'loses nothing, on SQLite and on PostgreSQL side by side: failed attempts are retried at once after the restart, deliveries in flight after their lease',
    async () => {
      await Promise.all([killedMidDispatch({ TOUCHPOINT_DB: join(dir, 'killed.db') }), killedMidDispatch({ TOUCHPOINT_DATABASE_URL: await freshDatabase() })]);
    },
    120_000,
  );
});

// ---------------------------------------------------------------------------------------------
// two collectors, one PostgreSQL

describe('two collectors on one PostgreSQL', () => {
  it(
    'deliver each event once',
    async () => {
      const databaseUrl = await freshDatabase();
      const r = await receiver();
      const collectors = await Promise.all([1, 2].map(() => startCollector({ databaseUrl, adminToken: TOKEN, webhookAllowPrivate: true })));
      try {
        const target = (await call(collectors[0].url, TOKEN, 'POST', '/api/webhooks', { url: r.url, events: ['answer.created'] })).json;
        const answers: Answer[] = [];
        // 300 answers, half through each collector, as singles and batches of 10, at once.
        await Promise.all(
          collectors.map(async (c) => {
            const mine = Array.from({ length: 150 }, (_, i) => makeAnswer({ comment: `via ${c.url} #${i}` }));
            answers.push(...mine);
            await Promise.all([
              ...mine.slice(0, 30).map(async (a) => expect((await c.post('/api/feedback', a)).status).toBe(200)),
              ...Array.from({ length: 12 }, async (_, b) => expect((await c.post('/api/feedback', { events: mine.slice(30 + 10 * b, 40 + 10 * b) })).json).toMatchObject({ accepted: 10 })),
            ]);
          }),
        );
        await expect.poll(() => new Set(r.got.map((g) => g.id)).size, { timeout: 30_000 }).toBe(300);
        const events = verifyAll(r.got, target.secret);
        expect(answerIds(events, answers.map((a) => a.id)).sort()).toEqual(answers.map((a) => a.id).sort());
        // Each webhook-id once at the receiver, and in the database each delivery settled after one attempt.
        expect(r.got).toHaveLength(300);
        const db = databaseUrl.replace(/^.*\//, '');
        const settled = await postgres.psql(
          `\\c ${db}\nSELECT count(*) FILTER (WHERE state = 'delivered' AND attempts = 1) || ' ' || count(*) FROM webhook_deliveries`,
        );
        expect(settled.trim()).toBe('300 300');
      } finally {
        await Promise.all(collectors.map((c) => c.close()));
        await r.close();
      }
    },
    60_000,
  );
});
