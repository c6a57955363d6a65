// The fixtures that start a real PostgreSQL and a real nginx: they must do what the storage and
// deployment tests will trust them to do.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freePort } from '../fixtures/free-port.js';
import { isRunning } from '../fixtures/is-running.js';
import { startNginx, type Nginx } from '../fixtures/nginx.js';
import { startPostgres, type Postgres } from '../fixtures/postgres.js';

const STARTUP = 60_000;

/** One query over a fresh node-postgres connection. */
async function query(url: string, sql: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows;
  } finally {
    await client.end();
  }
}

describe('PostgreSQL fixture', () => {
  let postgres: Postgres;

  beforeAll(async () => {
    postgres = await startPostgres();
  }, STARTUP);
  afterAll(() => postgres?.stop(), STARTUP);

  test('answers SELECT 1 through psql, on loopback only, with fsync on', async () => {
    expect(await postgres.psql('SELECT 1')).toBe('1');
    expect(await postgres.psql('SHOW listen_addresses; SHOW fsync')).toBe('127.0.0.1\non');
    expect(postgres.url).toBe(`postgres://postgres@127.0.0.1:${postgres.port}/touchpoint`);
  });

  test('is reachable from node-postgres at its url, in the touchpoint database', async () => {
    const [row] = await query(postgres.url, 'SELECT current_database() AS db, $1::int + 1 AS two', [1]);
    expect(row).toEqual({ db: 'touchpoint', two: 2 });
  });

  test('psql rejects with the server error on bad SQL', async () => {
    await expect(postgres.psql('SELECT * FROM no_such_table')).rejects.toThrow(/no_such_table/);
  });

  test('keeps committed rows across a restart', async () => {
    await postgres.psql("CREATE TABLE kept (id text PRIMARY KEY); INSERT INTO kept VALUES ('a'), ('b')");
    const pidBefore = readFileSync(join(postgres.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0];
    await postgres.restart();
    const pidAfter = readFileSync(join(postgres.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0];
    expect(pidAfter).not.toBe(pidBefore);
    expect(await postgres.psql('SELECT id FROM kept ORDER BY id')).toBe('a\nb');
  });

  test('pause refuses connections, resume brings them back on the same port with the data', async () => {
    await postgres.psql('CREATE TABLE paused (n int); INSERT INTO paused VALUES (7)');
    await postgres.pause();
    try {
      await expect(query(postgres.url, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
      await expect(postgres.psql('SELECT 1')).rejects.toThrow(/psql failed/);
    } finally {
      await postgres.resume();
    }
    expect(postgres.url).toContain(`:${postgres.port}/`);
    expect(await query(postgres.url, 'SELECT n FROM paused')).toEqual([{ n: 7 }]);
  });

  test('stop ends the server, removes its folder, and may be called again', async () => {
    const own = await startPostgres();
    const pid = Number(readFileSync(join(own.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(isRunning(pid)).toBe(true);
    await own.stop();
    expect(isRunning(pid)).toBe(false);
    expect(existsSync(own.dataDir)).toBe(false);
    await own.stop();
    await expect(query(own.url, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
  }, STARTUP);

  test('a server that cannot start fails with its log, and leaves nothing behind', async () => {
    const error = await startPostgres({ settings: { max_connections: "'many'" } }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/did not start[\s\S]*max_connections/);
    const dataDir = (error as Error).message.match(/\((\/[^)]+\/data)\)/)?.[1];
    expect(dataDir).toBeDefined();
    expect(existsSync(dataDir!)).toBe(false);
  }, STARTUP);

  test('without PostgreSQL binaries it says in one line what to install', async () => {
    const saved = process.env.PG_BIN;
    process.env.PG_BIN = '/nonexistent';
    try {
      await expect(startPostgres()).rejects.toThrow(/^touchpoint tests need PostgreSQL: apt-get install postgresql \(or fix PG_BIN=\/nonexistent\)$/);
    } finally {
      if (saved === undefined) delete process.env.PG_BIN;
      else process.env.PG_BIN = saved;
    }
  });
});

interface Echo {
  name: string;
  method: string;
  host: string | undefined;
  forwardedFor: string | undefined;
}

/** A node:http server on 127.0.0.1 answering its own name and the headers nginx passed on. */
async function nameServer(name: string, handle?: (request: IncomingMessage, response: ServerResponse) => boolean): Promise<Server & { url: string }> {
  const server = createServer((request, response) => {
    if (handle?.(request, response)) return;
    request.resume();
    request.on('end', () => {
      const echo: Echo = { name, method: request.method!, host: request.headers.host, forwardedFor: request.headers['x-forwarded-for'] as string | undefined };
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(echo));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(server, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

async function names(url: string, count: number, init?: RequestInit): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(url, init);
    seen.push(response.ok ? ((await response.json()) as Echo).name : `${response.status}`);
  }
  return seen;
}

describe('nginx fixture', () => {
  let a: Server & { url: string };
  let b: Server & { url: string };
  let nginx: Nginx;

  beforeAll(async () => {
    [a, b] = await Promise.all([nameServer('a'), nameServer('b')]);
    nginx = await startNginx({ upstreams: [a.url, b.url] });
  }, STARTUP);
  afterAll(async () => {
    await nginx?.stop();
    a?.closeAllConnections();
    b?.closeAllConnections();
    await Promise.all([a && close(a), b && close(b)]);
  }, STARTUP);

  test('takes the upstreams in turn', async () => {
    const seen = await names(nginx.url, 6);
    expect(seen.filter((name) => name === 'a')).toHaveLength(3);
    expect(seen.filter((name) => name === 'b')).toHaveLength(3);
    expect(seen).toEqual(seen[0] === 'a' ? ['a', 'b', 'a', 'b', 'a', 'b'] : ['b', 'a', 'b', 'a', 'b', 'a']);
  });

  test('passes on X-Forwarded-For and the Host the client used', async () => {
    const direct = (await (await fetch(nginx.url)).json()) as Echo;
    expect(direct.forwardedFor).toBe('127.0.0.1');
    expect(direct.host).toBe(`127.0.0.1:${nginx.port}`);
    const relayed = (await (await fetch(nginx.url, { headers: { 'X-Forwarded-For': '203.0.113.7' } })).json()) as Echo;
    expect(relayed.forwardedFor).toBe('203.0.113.7, 127.0.0.1');
  });

  test('reload changes the upstreams', async () => {
    await nginx.reload([b.url]);
    expect(await names(nginx.url, 4)).toEqual(['b', 'b', 'b', 'b']);
    await nginx.reload([a.url, b.url]);
    expect(new Set(await names(nginx.url, 4))).toEqual(new Set(['a', 'b']));
  });

  test('a bad reload is refused and the old config keeps serving', async () => {
    await expect(nginx.reload(['http://127.0.0.1:0'])).rejects.toThrow(/old config/);
    expect(new Set(await names(nginx.url, 4))).toEqual(new Set(['a', 'b']));
  });

  test('nginx default: a request never sent goes to the next upstream, a POST sent to one that fails does not', async () => {
    // One upstream refuses connections (nothing listens), one takes the request and hangs up.
    const refusing = `http://127.0.0.1:${await freePort()}`;
    const dropping = await nameServer('dropping', (request) => (request.socket.destroy(), true));
    // max_fails=0: a failing upstream stays in the rotation, so every other request meets it.
    const proxy = await startNginx({ upstreams: [refusing, b.url], serverParameters: 'max_fails=0' });
    const dropProxy = await startNginx({ upstreams: [dropping.url, b.url], serverParameters: 'max_fails=0' });
    try {
      const post = { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } };
      expect(await names(proxy.url, 4, post)).toEqual(['b', 'b', 'b', 'b']);
      expect(await names(dropProxy.url, 4)).toEqual(['b', 'b', 'b', 'b']);
      const posts = await names(dropProxy.url, 4, post);
      expect(posts.filter((name) => name === '502')).toHaveLength(2);
      expect(posts.filter((name) => name === 'b')).toHaveLength(2);
    } finally {
      await Promise.all([proxy.stop(), dropProxy.stop()]);
      await close(dropping);
    }
  }, STARTUP);

  test('stop ends nginx and removes its folder', async () => {
    const own = await startNginx({ upstreams: [a.url] });
    const pid = Number(readFileSync(join(own.dir, 'nginx.pid'), 'utf8'));
    expect(await names(own.url, 1)).toEqual(['a']);
    await own.stop();
    expect(isRunning(pid)).toBe(false);
    expect(existsSync(own.dir)).toBe(false);
    await own.stop();
    await expect(fetch(own.url)).rejects.toThrow();
  }, STARTUP);
});
