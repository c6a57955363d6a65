import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { Webhook } from 'standardwebhooks';
import { ROOT } from './lib.js';
import { mulberry32 } from '../../scripts/lib/mulberry32.mjs';

/**
 * What the webhook tests share: receivers on 127.0.0.1 that answer as told (status, reset, hang,
 * or refusing every connection), a clock the test moves, the owner's API, and the payloads
 * checked against schema/webhooks/<type>.schema.json and verified with the Standard Webhooks
 * reference library (not the collector's code).
 */

/** What a receiver does with one request: answer with a status (and `Retry-After`), reset the connection, or never answer. */
export type Behaviour = { status: number; retryAfter?: string } | 'reset' | 'hang';

export interface Received {
  /** The `webhook-id` header. */
  id: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Real time it arrived. */
  at: number;
  did: Behaviour;
  /** Whether it was answered with a 2xx. */
  ok: boolean;
}

/**
 * A receiver on 127.0.0.1. `respond` decides each request once its body has arrived; `refusing`
 * (when true) resets every connection as it opens, as a receiver that is down fails every attempt
 * at once. `open` counts requests not yet over (held ones until the sender gives up or dies).
 */
export async function receiver(respond: (r: Omit<Received, 'did' | 'ok'>, n: number) => Behaviour = () => ({ status: 204 })) {
  const got: Received[] = [];
  const sockets = new Set<Socket>();
  let open = 0;
  let refusing = false;
  const server = createServer((req, res) => {
    open++;
    let over = false;
    const end = () => {
      if (!over) (over = true), open--;
    };
    // The response closes when it is sent or when the connection dies (the request's close comes once its body is read).
    res.on('close', end);
    let body = '';
    req.setEncoding('utf8').on('data', (c) => (body += c));
    req.on('end', () => {
      const r = { id: String(req.headers['webhook-id'] ?? ''), headers: req.headers, body, at: Date.now() };
      const did = respond(r, got.length + 1);
      got.push({ ...r, did, ok: typeof did === 'object' && did.status >= 200 && did.status < 300 });
      if (did === 'hang') return;
      if (did === 'reset') return void req.socket.destroy();
      res.writeHead(did.status, did.retryAfter ? { 'Retry-After': did.retryAfter } : {}).end();
    });
  });
  server.on('connection', (socket) => {
    if (refusing) return void socket.destroy();
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    got,
    /** Requests answered with a 2xx. */
    delivered: () => got.filter((g) => g.ok),
    get open() {
      return open;
    },
    refuse(on: boolean) {
      refusing = on;
    },
    close: () => new Promise<void>((done) => (server.closeAllConnections(), server.close(() => done()))),
  };
}
export type Receiver = Awaited<ReturnType<typeof receiver>>;

/** A clock the test moves forward; the collector's dispatcher and digest read it. */
export function clock(start = Date.now()) {
  let offset = start - Date.now();
  return { now: () => Date.now() + offset, forward: (ms: number) => void (offset += ms) };
}

/** A small seeded pseudo-random generator (mulberry32): the same seed, the same sequence. */
export const seeded = mulberry32;

export interface Reply {
  status: number;
  text: string;
  json: any;
}

/** The owner's API with a bearer token. */
export async function call(base: string, token: string, method: string, path: string, body?: unknown): Promise<Reply> {
  const response = await fetch(base + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body !== undefined && { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

// strictTypes off: answer.v1's conditional `maximum` for effort has no `type` beside it, by design.
const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true, strictTypes: false });
addFormats(ajv);
ajv.addSchema(JSON.parse(readFileSync(join(ROOT, 'schema/answer.v1.schema.json'), 'utf8')));
const SCHEMAS = join(ROOT, 'schema/webhooks');
/** One validator per event type, from schema/webhooks/<type>.schema.json. */
export const validators = new Map(
  readdirSync(SCHEMAS)
    .filter((f) => f.endsWith('.schema.json'))
    .map((f) => [f.replace(/\.schema\.json$/, ''), ajv.compile(JSON.parse(readFileSync(join(SCHEMAS, f), 'utf8')))] as const),
);

/** Why a body does not match its event's schema, or null when it does. */
export function schemaErrors(body: string): string | null {
  const value = JSON.parse(body) as { type?: string };
  const validate = validators.get(String(value.type));
  if (!validate) return `no schema for type ${JSON.stringify(value.type)}`;
  return validate(value) ? null : ajv.errorsText(validate.errors);
}

/**
 * Checks what a standard target received: each body verifies with the reference library and the
 * target's secret, matches its schema, and is the same on every attempt with the same webhook-id.
 * Returns the verified events by webhook-id.
 */
export function verifyAll(got: readonly Received[], secret: string): Map<string, any> {
  const wh = new Webhook(secret);
  const byId = new Map<string, any>();
  const bodies = new Map<string, string>();
  for (const r of got) {
    const event = wh.verify(r.body, r.headers as Record<string, string>);
    const errors = schemaErrors(r.body);
    if (errors) throw new Error(`${r.id}: ${errors}\n${r.body}`);
    if (bodies.has(r.id) && bodies.get(r.id) !== r.body) throw new Error(`${r.id} was sent with two bodies:\n${bodies.get(r.id)}\n${r.body}`);
    bodies.set(r.id, r.body);
    byId.set(r.id, event);
  }
  return byId;
}
