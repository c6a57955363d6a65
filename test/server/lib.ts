import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createCollector, type CollectorOptions } from '../../src/server/collector.js';
import type { Answer } from '../../src/core/answer.js';
import type { FeedItem, FeedPage } from '../../src/core/feed.js';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface Running {
  url: string;
  dir: string;
  dbPath: string;
  /** What the collector logged (unexpected errors only). */
  logs: string[];
  close(): Promise<void>;
  /** POSTs JSON (or raw text) to `path`, with `Content-Type: application/json` unless told otherwise. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Reply>;
  get(path: string, headers?: Record<string, string>): Promise<Reply>;
  /** Every answer in the feed, following `next` to the end. */
  all(query?: string): Promise<FeedItem[]>;
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

const toReply = async (response: Response): Promise<Reply> => {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
};

/** A collector on a free loopback port with a fresh database in a temporary directory. */
export async function startCollector(options: Partial<CollectorOptions> = {}): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), 'touchpoint-test-'));
  const dbPath = join(dir, 'touchpoint.db');
  const logs: string[] = [];
  const collector = createCollector({ dbPath, rateLimit: 100_000, log: (m) => logs.push(m), ...options });
  const url = await collector.listen();
  const running: Running = {
    url,
    dir,
    dbPath,
    logs,
    async close() {
      await collector.close();
      rmSync(dir, { recursive: true, force: true });
    },
    post: (path, body, headers = {}) =>
      fetch(url + path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }).then(toReply),
    get: (path, headers = {}) => fetch(url + path, { headers }).then(toReply),
    async all(query = '') {
      const items: FeedItem[] = [];
      let next: string | null = null;
      for (let page = 0; page < 1000; page++) {
        const cursor: string = next ? `&before=${encodeURIComponent(next)}` : '';
        const reply = await running.get(`/api/feedback?limit=100${query}${cursor}`);
        if (reply.status !== 200) throw new Error(`feed answered ${reply.status}: ${reply.text}`);
        const body = reply.json as FeedPage;
        items.push(...body.items);
        if (!(next = body.next)) return items;
      }
      throw new Error('the feed did not end');
    },
  };
  return running;
}

/** A raw HTTP request, for what fetch would not send as is (unnormalised paths, another local address). */
export function rawRequest(
  url: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((done, fail) => {
    const req = httpRequest(
      { host: hostname, port, path, method: options.method ?? 'GET', headers: options.headers, localAddress: options.localAddress, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', fail);
    req.end(options.body);
  });
}

/** The feed item an answer becomes: its fields, untouched, plus no reply yet. */
/** An answer as the public feed shows it: no journey, no page, only the listed context keys, and the reply. */
export const asItem = (answer: Answer, publicContext: readonly string[] = []): FeedItem => {
  const { journey: _journey, page: _page, context, ...shown } = answer;
  return { ...shown, context: Object.fromEntries(Object.entries(context).filter(([k]) => publicContext.includes(k))), reply: null };
};

/** An ISO timestamp `days` days (and `ms` more) after a fixed start, for data sets with known order. */
export const at = (days: number, ms = 0): string => new Date(Date.UTC(2026, 0, 1) + days * 86_400_000 + ms).toISOString();

/** Any method, JSON in and out, with the headers given (the owner's, in the tests that act as the owner). */
export async function request(c: Pick<Running, 'url'>, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const response = await fetch(c.url + path, {
    method,
    headers: { ...(body !== undefined && { 'Content-Type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return toReply(response);
}
