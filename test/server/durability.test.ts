import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAnswer } from '../fixtures/answers.js';
import { buildCollectorIfStale, MAIN, startCollectorProcess } from '../fixtures/collector-process.js';
import { asItem, ROOT } from './lib.js';

/** `node dist/node/server/main.js`, as `npm start` runs it. */
const start = (env: Record<string, string>) => startCollectorProcess(env);

const post = (url: string, body: unknown) =>
  fetch(`${url}/api/feedback`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

let dir: string;
const running = new Set<ChildProcess>();
beforeAll(() => {
  buildCollectorIfStale();
  dir = mkdtempSync(join(tmpdir(), 'touchpoint-durability-'));
}, 120_000);
afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('the collector as npm start runs it', () => {
  it('keeps every acknowledged answer when the process is killed with SIGKILL', async () => {
    // A database in a directory that does not exist yet: created on first start.
    const env = { TOUCHPOINT_DB: join(dir, 'data', 'touchpoint.db') };
    const first = await start(env);
    running.add(first.child);
    const single = makeAnswer({ touchpoint: 'checkout', comment: 'Acknowledged, then the server died.' });
    const batch = Array.from({ length: 10 }, (_, i) => makeAnswer({ touchpoint: 'delivery', comment: `batch ${i}` }));
    expect((await post(first.url, single)).status).toBe(200);
    expect(await (await post(first.url, { events: batch })).json()).toEqual({ accepted: 10, duplicates: 0, rejected: [] });

    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    running.delete(first.child);

    const second = await start(env);
    running.add(second.child);
    const feed = await (await fetch(`${second.url}/api/feedback?limit=100`)).json();
    expect(feed.items).toHaveLength(11);
    expect(feed.items).toContainEqual(asItem(single));
    for (const a of batch) expect(feed.items).toContainEqual(asItem(a));
    // Ids are remembered across restarts: a retry after the crash is still a duplicate.
    expect(await (await post(second.url, single)).json()).toEqual({ accepted: 0, duplicates: 1, rejected: [] });

    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
    running.delete(second.child);
  });

  it.each([
    ['PORT', 'eighty'],
    ['TOUCHPOINT_RATE_LIMIT', '-5'],
  ])('refuses %s=%s with a one-line message', async (name, value) => {
    const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env: { ...process.env, TOUCHPOINT_DB: join(dir, 'env.db'), [name]: value }, stdio: 'pipe' });
    running.add(child);
    let err = '';
    child.stderr.on('data', (chunk) => (err += chunk));
    const code = await new Promise((done) => child.once('exit', done));
    running.delete(child);
    expect(code).toBe(1);
    expect(err.trim()).toMatch(new RegExp(`^touchpoint collector: ${name} must be`));
    expect(err.trim().split('\n')).toHaveLength(1);
  });
});
