import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAnswer } from '../fixtures/answers.js';
import { startCollector, type Running } from './lib.js';

let c: Running;
beforeAll(async () => (c = await startCollector()));
afterAll(() => c.close());

describe('when the database cannot take writes', () => {
  it('answers 503 with Retry-After, stores nothing, and recovers once it can', async () => {
    const answer = makeAnswer({ touchpoint: 'locked' });
    // Another process holding the write lock, as a stuck maintenance job would.
    const other = new Database(c.dbPath);
    other.exec('BEGIN EXCLUSIVE');
    try {
      const reply = await c.post('/api/feedback', answer);
      expect(reply.status).toBe(503);
      expect(Number(reply.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(reply.json).toEqual({ error: 'storage is unavailable, try again later' });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(await c.all('&touchpoint=locked')).toEqual([]);
    // The widget retries a 503: this time it goes in.
    expect((await c.post('/api/feedback', answer)).json).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    // The failure was logged for the owner, with its cause.
    expect(c.logs.join('\n')).toMatch(/SQLITE_BUSY|database is locked/);
  });
});

describe('while another process holds the write lock', () => {
  it('waits for it without blocking the event loop: reads are served meanwhile', async () => {
    const other = new Database(c.dbPath);
    other.exec('BEGIN EXCLUSIVE');
    const order: string[] = [];
    try {
      const write = c.post('/api/feedback', makeAnswer({ touchpoint: 'waiting' })).then((r) => (order.push('write'), r));
      // With SQLite's busy_timeout the whole process would sleep inside the write, and this read would wait behind it.
      const read = await c.get('/api/feedback?limit=1');
      order.push('read');
      expect(read.status).toBe(200);
      expect(order).toEqual(['read']);
      other.exec('ROLLBACK');
      expect((await write).status).toBe(200);
      expect(order).toEqual(['read', 'write']);
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
    }
  });
});
