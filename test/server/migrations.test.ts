import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarize } from '../../src/core/summary.js';
import { createCollector } from '../../src/server/collector.js';
import { makeAnswer } from '../fixtures/answers.js';
import { startPostgres, type Postgres } from '../fixtures/postgres.js';
import { at } from './lib.js';

/** The schema collectors created before migrations existed, with its answers in it. */
const OLD_SCHEMA = `
  CREATE TABLE answers (
    id TEXT PRIMARY KEY COLLATE NOCASE, touchpoint TEXT NOT NULL, created_at TEXT NOT NULL, created_ms INTEGER NOT NULL,
    effort INTEGER, effort_scale INTEGER NOT NULL, emotion TEXT, comment TEXT, stage TEXT, body TEXT NOT NULL,
    received_ms INTEGER NOT NULL, reply_text TEXT, reply_at TEXT
  ) STRICT;
  CREATE INDEX answers_newest ON answers (created_ms DESC, id DESC);
  CREATE INDEX answers_touchpoint_newest ON answers (touchpoint, created_ms DESC, id DESC);`;

describe('SQLite migrations', () => {
  const dir = mkdtempSync(join(tmpdir(), 'touchpoint-migrate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('upgrades a database from before migrations: its answers keep their numbers, and it is recorded once', async () => {
    const dbPath = join(dir, 'old.db');
    const answers = Array.from({ length: 40 }, (_, i) =>
      makeAnswer({ touchpoint: i % 3 ? 'cart' : 'support', effort: 1 + (i % 7), emotion: i % 4 ? 'satisfied' : 'frustrated', comment: `c${i}`, createdAt: at(i % 9, i * 1000), context: i % 5 ? {} : { stage: 'after' } }),
    );
    const old = new Database(dbPath);
    old.exec(OLD_SCHEMA);
    const insert = old.prepare('INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)');
    for (const a of answers)
      insert.run(a.id, a.touchpoint, a.createdAt, Date.parse(a.createdAt), a.effort, a.effortScale, a.emotion, a.comment, a.context.stage ?? null, JSON.stringify(a), 0);
    old.close();

    const journey = answers[0].journey;
    for (let start = 0; start < 2; start++) {
      const collector = createCollector({ dbPath, log: () => {} });
      const url = await collector.listen();
      try {
        const sorted = [...answers].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : 1));
        expect(await (await fetch(`${url}/api/summary`)).json()).toEqual({ ...summarize(sorted), names: {} });
        // The journey column was filled from the stored JSON: forgetting works on old answers (and the second time finds none).
        expect(await (await fetch(`${url}/api/journeys/${journey}`, { method: 'DELETE' })).json()).toEqual({ deleted: answers.length });
        answers.length = 0;
      } finally {
        await collector.close();
      }
    }
    const db = new Database(dbPath, { readonly: true });
    expect(db.prepare('SELECT version, name FROM touchpoint_migrations ORDER BY version').all()).toEqual([
      { version: 1, name: 'answers' },
      { version: 2, name: 'journeys, negative comments and daily rollups' },
      { version: 3, name: 'owner sessions' },
      { version: 4, name: 'owner inbox' },
      { version: 5, name: 'notices' },
      { version: 6, name: 'webhook outbox' },
    ]);
    db.close();
  });
});

describe('PostgreSQL migrations', () => {
  let postgres: Postgres;
  beforeAll(async () => {
    postgres = await startPostgres();
  }, 120_000);
  afterAll(() => postgres?.stop());

  it('lets several collectors start at once on an empty database: one migrates, all serve', async () => {
    const collectors = Array.from({ length: 4 }, () => createCollector({ databaseUrl: postgres.url, log: () => {} }));
    try {
      const urls = await Promise.all(collectors.map((c) => c.listen()));
      const answer = makeAnswer();
      const replies = await Promise.all(urls.map((url) => fetch(`${url}/api/feedback`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(answer) }).then((r) => r.json())));
      expect(replies.map((r) => r.accepted).sort()).toEqual([0, 0, 0, 1]);
      expect(await postgres.psql('SELECT version FROM touchpoint_migrations ORDER BY version')).toBe('1\n2\n3\n4\n5');
      expect(await postgres.psql('SELECT count(*) FROM answers')).toBe('1');
    } finally {
      await Promise.all(collectors.map((c) => c.close()));
    }
  });
});
