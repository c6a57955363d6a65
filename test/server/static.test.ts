import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, ROOT, startCollector, type Running } from './lib.js';

const DEMO = join(ROOT, 'demo');
let c: Running;
let outside: string;

beforeAll(async () => {
  // A bundle directory of our own, so the test does not depend on a build having run, with a
  // hidden file inside it and a file next to it that no URL may reach.
  outside = mkdtempSync(join(tmpdir(), 'touchpoint-static-'));
  const dist = join(outside, 'dist');
  mkdirSync(join(dist, 'esm'), { recursive: true });
  writeFileSync(join(dist, 'touchpoint.js'), 'console.log("widget");');
  writeFileSync(join(dist, 'admin.html'), '<!doctype html><title>Inbox</title><cx-inbox></cx-inbox>');
  writeFileSync(join(dist, 'esm', 'index.js'), 'export {};');
  writeFileSync(join(dist, '.secret'), 'SECRET-DOTFILE');
  writeFileSync(join(outside, 'outside.txt'), 'SECRET-OUTSIDE');
  c = await startCollector({ dist, pages: DEMO });
});
afterAll(async () => {
  await c.close();
  rmSync(outside, { recursive: true, force: true });
});

describe('static files', () => {
  it('serves the demo pages with pretty URLs under a strict Content-Security-Policy', async () => {
    for (const [path, file] of [['/', 'index.html'], ['/product', 'product.html'], ['/checkout.html', 'checkout.html'], ['/error', 'error.html']]) {
      const reply = await c.get(path);
      expect(reply.status, path).toBe(200);
      expect(reply.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(reply.text).toBe(readFileSync(join(DEMO, file), 'utf8'));
      const csp = reply.headers.get('content-security-policy')!;
      expect(csp).toMatch(/default-src 'self'/);
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).toMatch(/style-src 'self'(;|$)/);
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('serves the owner page at /admin from the bundles, under the same policy, with or without a demo', async () => {
    const bare = await startCollector({ dist: join(outside, 'dist') });
    try {
      for (const running of [c, bare])
        for (const path of ['/admin', '/admin/']) {
          const reply = await running.get(path);
          expect(reply.status, path).toBe(200);
          expect(reply.text).toContain('<cx-inbox>');
          expect(reply.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
        }
      expect((await bare.get('/admin.html')).status).toBe(404);
    } finally {
      await bare.close();
    }
  });

  it('serves the shop assets and the widget bundles', async () => {
    const css = await c.get('/shop.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    const bundle = await c.get('/dist/touchpoint.js');
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(bundle.text).toBe('console.log("widget");');
    expect((await c.get('/dist/esm/index.js')).status).toBe(200);
  });

  it('answers an unknown page with the error page and status 404', async () => {
    const reply = await c.get('/no/such/page');
    expect(reply.status).toBe(404);
    expect(reply.text).toBe(readFileSync(join(DEMO, 'error.html'), 'utf8'));
  });

  it('answers a missing bundle with a plain 404, not a page', async () => {
    const reply = await c.get('/dist/nothing.js');
    expect(reply.status).toBe(404);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('answers 304 when the page has not changed', async () => {
    const first = await c.get('/cart');
    const again = await c.get('/cart', { 'If-None-Match': first.headers.get('etag')! });
    expect(again.status).toBe(304);
  });

  it('refuses other methods with 405', async () => {
    expect((await c.post('/', {})).status).toBe(405);
  });

  it.each([
    '/dist/../package.json',
    '/dist/%2e%2e/package.json',
    '/dist/..%2f..%2fpackage.json',
    '/dist/%2e%2e%2f%2e%2e%2fpackage.json',
    '/%2e%2e/package.json',
    '/..%2fpackage.json',
    '/dist/..%5c..%5cpackage.json',
    '/dist/.secret',
    '/dist/%2esecret',
    '/dist/../outside.txt',
    '/dist/..%2foutside.txt',
    '/server/collector.ts',
    '/server%2fcollector.ts',
    '/server%2ftsconfig.json',
    '//etc/passwd',
    '/dist//etc/passwd',
    '/dist/%00touchpoint.js',
    '/%252e%252e/package.json',
  ])('never serves a file outside the roots: %s', async (path) => {
    const reply = await rawRequest(c.url, path);
    expect([400, 404]).toContain(reply.status);
    expect(reply.text).not.toMatch(/SECRET|"devDependencies"|root:x:0|createCollector/);
  });
});

describe('the demo pages', () => {
  const pages = readdirSync(DEMO).filter((f) => f.endsWith('.html'));
  const html = (file: string) => readFileSync(join(DEMO, file), 'utf8');
  const widget = (file: string) => /<cx-feedback\b[^>]*>/.exec(html(file))?.[0] ?? '';

  it('exist for every step of the journey, the wall and the journey map', () => {
    expect(pages.sort()).toEqual(
      ['cart', 'checkout', 'confirmation', 'delivery', 'error', 'index', 'journey', 'product', 'support', 'wall'].map((p) => `${p}.html`),
    );
  });

  it.each(pages)('%s works under the CSP: no inline script, style or handlers', (file) => {
    const text = html(file);
    expect(text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(text).not.toMatch(/<style\b/);
    expect(text).not.toMatch(/\sstyle=/);
    expect(text).not.toMatch(/\son[a-z]+=/);
    expect(text).not.toMatch(/javascript:/);
    expect(text).toMatch(/<html lang="(en|es)"/);
    expect(text).toMatch(/<main id="main"( class="wide")?>/);
    expect(text.match(/<h1\b/g)).toHaveLength(1);
  });

  it.each([
    ['index.html', 'home', {}],
    ['product.html', 'product', { mode: 'floating' }],
    ['cart.html', 'cart', {}],
    ['checkout.html', 'checkout', { mode: 'inline' }],
    ['confirmation.html', 'confirmation', { mode: 'floating', 'open-on': 'order-complete' }],
    ['delivery.html', 'delivery', { 'data-stage': 'after' }],
    ['support.html', 'support', { 'data-stage': 'after' }],
    ['error.html', 'error', { mode: 'inline' }],
  ])('%s asks for feedback at the %s touchpoint', (file, touchpoint, attrs: Record<string, string>) => {
    const tag = widget(file);
    expect(tag).toContain('endpoint="/api/feedback"');
    expect(tag).toContain(`touchpoint="${touchpoint}"`);
    for (const [name, value] of Object.entries(attrs)) expect(tag).toContain(`${name}="${value}"`);
    expect(html(file)).toContain('<script src="/dist/touchpoint.js" defer></script>');
  });

  it('puts the wall and the journey map on their pages', () => {
    expect(html('wall.html')).toMatch(/<cx-wall source="\/api\/feedback"\s/);
    expect(html('wall.html')).toContain('<script src="/dist/wall.js" defer></script>');
    expect(html('journey.html')).toMatch(/<cx-journey source="\/api\/summary" touchpoints="home product cart checkout confirmation delivery support error" inbox="\/admin"/);
    expect(html('journey.html')).toContain('<script src="/dist/journey.js" defer></script>');
  });
});

describe('symbolic links', () => {
  let linked: Running;
  let tmp: string;
  beforeAll(async () => {
    // Roots reached through a link themselves, with links inside them pointing out and in.
    tmp = mkdtempSync(join(tmpdir(), 'touchpoint-links-'));
    const real = join(tmp, 'real');
    const pages = join(real, 'pages');
    const dist = join(real, 'dist');
    mkdirSync(pages, { recursive: true });
    mkdirSync(join(tmp, 'elsewhere'));
    mkdirSync(dist);
    writeFileSync(join(pages, 'index.html'), '<p>home</p>');
    writeFileSync(join(pages, 'error.html'), '<p>not here</p>');
    writeFileSync(join(dist, 'touchpoint.js'), 'console.log("widget");');
  writeFileSync(join(dist, 'admin.html'), '<!doctype html><title>Inbox</title><cx-inbox></cx-inbox>');
    writeFileSync(join(tmp, 'secret.html'), 'SECRET-LINKED');
    writeFileSync(join(tmp, 'elsewhere', 'index.js'), 'SECRET-LINKED-DIR');
    symlinkSync(join(tmp, 'secret.html'), join(pages, 'leak.html'));
    symlinkSync(join(tmp, 'secret.html'), join(dist, 'leak.js'));
    symlinkSync(join(tmp, 'elsewhere'), join(dist, 'esm'));
    symlinkSync(join(pages, 'index.html'), join(pages, 'home.html'));
    symlinkSync(real, join(tmp, 'current'));
    linked = await startCollector({ pages: join(tmp, 'current', 'pages'), dist: join(tmp, 'current', 'dist') });
  });
  afterAll(async () => {
    await linked.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it.each(['/leak', '/leak.html', '/dist/leak.js', '/dist/esm/index.js'])('never follows one out of its root: %s', async (path) => {
    const reply = await linked.get(path);
    expect(reply.status).toBe(404);
    expect(reply.text).not.toMatch(/SECRET/);
  });

  it('follows one that stays inside, and serves roots that are links themselves', async () => {
    expect((await linked.get('/home')).text).toBe('<p>home</p>');
    expect((await linked.get('/')).text).toBe('<p>home</p>');
    expect((await linked.get('/dist/touchpoint.js')).text).toBe('console.log("widget");');
  });
});
