import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

/** No inline script or style and no eval: the widgets are built to work under this. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** `/dist/…`: any file under the bundle directory, by plain path segments only. */
const DIST_PATH = /^\/dist((?:\/[A-Za-z0-9_-][A-Za-z0-9._-]*)+)$/;
/** Demo pages and assets: top-level files of the demo directory only (never a subdirectory). */
const PAGE_PATH = /^\/([a-z0-9][a-z0-9-]*)(\.(?:html|css|js|svg|png|ico))?$/;

export interface StaticRoots {
  /** The widget bundles, served under `/dist/`, and the owner's page `/admin` (`admin.html` there). */
  dist?: string;
  /** The demo pages: `/` → index.html, `/cart` → cart.html, `/shop.css`; unknown paths get error.html with 404. */
  pages?: string;
}

/**
 * Serves files by an allow-list of path shapes (so `..`, hidden files and subdirectories of the
 * demo never match), with a strict Content-Security-Policy. Resolves false when nothing matched.
 */
export function staticFiles(roots: StaticRoots) {
  const dist = roots.dist && resolve(roots.dist);
  const pages = roots.pages && resolve(roots.pages);

  function fileFor(path: string): [root: string, file: string] | null {
    const inDist = DIST_PATH.exec(path);
    if (inDist) return dist ? [dist, inDist[1]] : null;
    // The owner's page (`<cx-inbox>`), part of the build, served whether or not there is a demo.
    if (path === '/admin' || path === '/admin/') return dist ? [dist, 'admin.html'] : null;
    if (!pages) return null;
    if (path === '/') return [pages, 'index.html'];
    const page = PAGE_PATH.exec(path);
    return page ? [pages, page[1] + (page[2] ?? '.html')] : null;
  }

  async function send(req: IncomingMessage, res: ServerResponse, [root, name]: [string, string], status = 200): Promise<boolean> {
    const named = join(root, name);
    // The patterns above already exclude `..`; this is the belt to those braces.
    if (!named.startsWith(root + sep)) return false;
    // A symbolic link may point anywhere: serve what it resolves to only when that is inside the
    // root as resolved itself (the root may be a link, e.g. to the current release).
    const [realRoot, file] = await Promise.all([realpath(root), realpath(named)]).catch(() => [null, null]);
    if (!realRoot || !file?.startsWith(realRoot + sep)) return false;
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return false;
    const etag = `W/"${info.size.toString(36)}-${Math.trunc(info.mtimeMs).toString(36)}"`;
    const headers = {
      'Content-Type': TYPES[extname(named)] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'same-origin',
      'Cache-Control': 'no-cache',
      ETag: etag,
    };
    if (status === 200 && req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers).end();
      return true;
    }
    res.writeHead(status, { ...headers, 'Content-Length': info.size });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).on('error', () => res.destroy()).pipe(res);
    return true;
  }

  return {
    /** Sends the file at `path` (already percent-decoded); false when there is none. */
    serve: (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
      const found = fileFor(path);
      return found ? send(req, res, found) : Promise.resolve(false);
    },
    /** The demo's error page with status 404; false when there is no demo. */
    notFound: (req: IncomingMessage, res: ServerResponse): Promise<boolean> =>
      pages ? send(req, res, [pages, 'error.html'], 404) : Promise.resolve(false),
  };
}
