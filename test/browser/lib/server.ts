import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../../..');
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json', '.map': 'application/json', '.css': 'text/css' };

/** A strict policy: no inline script or style, no eval. The widgets must work under it. */
export const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'";

export type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => boolean | void | Promise<boolean | void>;

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

/**
 * A local server on 127.0.0.1 for the browser suites: `handle` answers what it wants (return
 * true when it did); everything else is a static file from the repository (`/dist/…`,
 * `/test/fixtures/…`), served with a strict Content-Security-Policy (`csp` may widen it, e.g. to
 * let the page post to another origin).
 */
export async function serve(handle?: Handler, csp: () => string = () => STRICT_CSP): Promise<TestServer> {
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    try {
      if (handle && (await handle(req, res, Buffer.concat(chunks).toString('utf8')))) return;
    } catch (error) {
      if (!res.headersSent) res.writeHead(500).end(String(error));
      return;
    }
    const path = normalize(decodeURIComponent(new URL(req.url!, 'http://x').pathname));
    const file = join(ROOT, path);
    if (!file.startsWith(ROOT) || !/^\/(dist|test\/fixtures|demo)\//.test(path) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': csp(), 'Cache-Control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((done) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => done());
      }),
  };
}
