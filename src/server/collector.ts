import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { api } from './api.js';
import { ownerAuth, ownerCredentials, type OwnerAuth } from './auth.js';
import { clientOf } from './client-address.js';
import { cors, ownOrigins } from './cors.js';
import { HttpError, sendError } from './http.js';
import { rateLimiter } from './rate-limit.js';
import { retention } from './retention.js';
import { staticFiles } from './static.js';
import { openStorage } from './storage/open.js';
import { StorageUnavailable, type Storage } from './storage/storage.js';
import { groupWriter } from './writer.js';
import { digestScheduler } from './outbox/digest.js';
import { dispatcher } from './outbox/dispatcher.js';
import { ingestPressure } from './ingest-pressure.js';
import type { TouchpointNames } from '../core/inbox.js';

export interface CollectorOptions {
  /** SQLite database file, created (with its directory) when missing. */
  dbPath?: string;
  /** `postgres://…`: store in PostgreSQL instead (`TOUCHPOINT_DATABASE_URL`); any number of collectors may share it. */
  databaseUrl?: string;
  /** The `context` keys the public feed shows (`TOUCHPOINT_PUBLIC_CONTEXT`); default none. */
  publicContext?: readonly string[];
  /** Display names of touchpoints per language (`TOUCHPOINT_NAMES`), given to the wall, the journey map and the inbox. */
  names?: TouchpointNames;
  /** `TOUCHPOINT_WEBHOOK_ALLOW_PRIVATE`: webhook targets may be loopback or private addresses. */
  webhookAllowPrivate?: boolean;
  /** `TOUCHPOINT_DIGEST_HOUR`: the UTC hour `digest.daily` goes out. Default 8. */
  digestHour?: number;
  /** How often the webhook dispatcher looks for due deliveries. Default 1 s. */
  webhookPollMs?: number;
  /** Delete answers older than this many days (`TOUCHPOINT_RETENTION_DAYS`); default: keep them. */
  retentionDays?: number;
  /** Origins allowed to call the API from a browser; `*` for any. Same-origin pages need none. */
  origins?: readonly string[];
  /** The collector's own URL as browsers reach it (`TOUCHPOINT_PUBLIC_URL`): its origin may always call the API. Default: the address it listens on, and `localhost` there. */
  publicUrl?: string;
  /** API requests per minute per client address. Default 120. */
  rateLimit?: number;
  /** Bearer token for owner actions (replies), also a way to sign in (`POST /api/session`); without it or a password hash they are disabled. */
  adminToken?: string;
  /** The owner's password as `touchpoint-cx hash-password` prints it (`TOUCHPOINT_ADMIN_PASSWORD_HASH`), to sign in with. */
  adminPasswordHash?: string;
  /** Key for the session cookie's signature (`TOUCHPOINT_SESSION_SECRET`). Default: derived from the token and the password hash. */
  sessionSecret?: string;
  /** The clock owner sessions and sign-in attempts are timed by. Default `Date.now`; tests move it. */
  now?: () => number;
  /** Directory served under `/dist/` (the widget bundles). */
  dist?: string;
  /** Directory of the demo pages. */
  pages?: string;
  /** Take the client address from the last `X-Forwarded-For` entry (behind a reverse proxy you run). */
  trustProxy?: boolean;
  /** Time allowed to receive a whole request. Default 10 s. */
  requestTimeoutMs?: number;
  /** Where unexpected errors are reported (never to the client). Default: stderr. */
  log?: (message: string) => void;
}

export interface Collector {
  server: Server;
  /** Opens the storage (applying migrations), listens (default: a free port on 127.0.0.1) and resolves the base URL. */
  listen(port?: number, host?: string): Promise<string>;
  /** Stops taking connections, lets requests in flight finish (5 s at most), closes the database. */
  close(): Promise<void>;
}

export const DEFAULT_RATE_LIMIT = 120;

export function createCollector(options: CollectorOptions): Collector {
  const own = ownOrigins(options.publicUrl, () => server.address());
  const credentials = ownerCredentials(options);
  const log = options.log ?? ((message: string) => console.error(message));
  const opening = openStorage({ dbPath: options.dbPath, databaseUrl: options.databaseUrl, log });
  let storage: Storage | undefined;
  let writer: ReturnType<typeof groupWriter> | undefined;
  let auth: OwnerAuth | undefined;
  let dispatch: ReturnType<typeof dispatcher> | undefined;
  let digests: ReturnType<typeof digestScheduler> | undefined;
  const routing = opening.then((opened) => {
    storage = opened;
    // Ingest first: while answers wait to be committed, or arrive faster than the process has time
    // to spare, webhooks wait (2 s at most per claim).
    const pressure = ingestPressure({ busy: () => writer?.busy() ?? false, committedAt: () => writer?.committedAt() ?? -Infinity });
    dispatch = dispatcher({ outbox: opened.outbox, allowPrivate: options.webhookAllowPrivate, publicUrl: options.publicUrl, log, pollMs: options.webhookPollMs, now: options.now, yieldTo: pressure });
    digests = digestScheduler({ storage: opened, hour: options.digestHour ?? 8, log, onWritten: dispatch.wake, now: options.now });
    const sending = dispatch;
    writer = groupWriter(async (answers) => {
      const isNew = await opened.insert(answers, (options.now ?? Date.now)());
      // Their webhooks were committed with them: send now rather than at the next poll.
      if (isNew.some(Boolean)) sending.wake();
      return isNew;
    });
    auth = ownerAuth({
      storage: opened,
      credentials,
      own,
      httpsPublicUrl: !!options.publicUrl && new URL(options.publicUrl).protocol === 'https:',
      trustProxy: options.trustProxy,
      now: options.now ?? Date.now,
    });
    return api({ storage: opened, writer, auth, publicContext: options.publicContext, names: options.names, dispatch, webhookAllowPrivate: options.webhookAllowPrivate, now: options.now });
  });
  // Until the storage is open, requests wait for it; a storage that cannot open fails `listen` (not an unhandled rejection here).
  routing.catch(() => {});
  let expiring: ReturnType<typeof retention> | undefined;
  const allowOrigin = cors(options.origins ?? [], own);
  const limiter = rateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  const files = staticFiles({ dist: options.dist, pages: options.pages });
  const requestTimeout = options.requestTimeoutMs ?? 10_000;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    let path: string;
    try {
      path = decodeURIComponent(q < 0 ? url : url.slice(0, q));
    } catch {
      throw new HttpError(400, 'the URL is not validly percent-encoded');
    }
    if (path === '/api' || path.startsWith('/api/')) {
      if (allowOrigin(req, res)) return;
      const wait = limiter.take(clientOf(req, options.trustProxy));
      if (wait) throw new HttpError(429, `too many requests: try again in ${wait} s`, { 'Retry-After': String(wait) });
      return (await routing)(req, res, path, new URLSearchParams(q < 0 ? '' : url.slice(q + 1)));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, `${req.method} is not allowed here; use GET`, { Allow: 'GET, HEAD' });
    if (await files.serve(req, res, path)) return;
    // A missing page gets the shop's error page; a missing script or asset gets a plain 404.
    if (!path.startsWith('/dist/') && (await files.notFound(req, res))) return;
    throw new HttpError(404, `nothing at ${path}`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await route(req, res);
    } catch (caught) {
      const error = caught instanceof HttpError ? caught : unexpected(caught);
      if (res.headersSent) res.destroy();
      else if (!res.destroyed) sendError(res, error);
    }
  }

  function unexpected(error: unknown): HttpError {
    log(`touchpoint collector: ${error instanceof Error ? error.stack : String(error)}`);
    // A database that cannot commit (unreachable, restarting, disk full, locked) is worth retrying later.
    if (error instanceof StorageUnavailable)
      return new HttpError(503, 'storage is unavailable, try again later', { 'Retry-After': String(error.retryAfterSeconds) });
    return new HttpError(500, 'internal error');
  }

  const server = createServer(
    {
      requestTimeout,
      headersTimeout: Math.min(requestTimeout, 10_000),
      // How often Node checks the two timeouts above.
      connectionsCheckingInterval: Math.min(requestTimeout / 2, 1000),
      keepAliveTimeout: 5000,
    },
    (req, res) => void handle(req, res),
  );
  server.on('clientError', clientError);

  return {
    server,
    listen: async (port = 0, host = '127.0.0.1') => {
      const opened = await opening;
      if (options.retentionDays) expiring ??= retention(opened, options.retentionDays, log);
      await routing;
      dispatch!.start();
      digests!.start();
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const { address, family, port: actual } = server.address() as AddressInfo;
          resolve(`http://${family === 'IPv6' ? `[${address}]` : address}:${actual}`);
        });
      });
    },
    async close() {
      if (server.listening) {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        const force = setTimeout(() => server.closeAllConnections(), 5000);
        server.closeIdleConnections();
        await closed;
        clearTimeout(force);
      }
      limiter.stop();
      auth?.stop();
      await expiring?.stop();
      digests?.stop();
      await dispatch?.stop();
      // Requests cut off at the deadline may still have answers on their way to the database.
      await writer?.drained();
      await (storage ?? (await opening.catch(() => undefined)))?.close();
    },
  };
}

/** Requests Node refuses before they reach us (timeouts, malformed HTTP) get a JSON error too. */
function clientError(error: Error & { code?: string }, socket: Socket): void {
  const response = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
  if (!socket.writable || response?.headersSent || error.code === 'ECONNRESET') return void socket.destroy();
  const [status, message] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'the request took too long to arrive']
    : error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'the request headers are too large']
    : [400, 'malformed HTTP request'];
  const body = JSON.stringify({ error: message });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
