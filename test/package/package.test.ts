// The package as its users get it: `npm pack`, the tarball installed into a fresh project with its
// dependencies from the registry, then imported in plain Node (server-side rendering), bundled
// with Vite and run in real Chromium, and type-checked under React 19, Preact and Vue; and the
// collector started from it with `npx touchpoint-cx serve`, its database driver added by hand.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answer.js';
import { makeAnswer } from '../fixtures/answers.js';
import { launchChromium } from '../browser/lib/chromium.js';
import { ROOT } from '../browser/lib/server.js';

/** What a user adds beside the package: a bundler, a type checker and the frameworks' types, from the registry. */
const CONSUMER_DEPENDENCIES = { vite: '^7.3.0', typescript: '^6.0.3', '@types/react': '^19.2.0', preact: '^10.29.0', vue: '^3.5.0' };

let dir: string;
let packed: { filename: string; size: number; unpackedSize: number; files: { path: string; mode: number }[] };
const run = (cmd: string, args: string[], cwd = dir) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const write = (file: string, text: string) => writeFileSync(join(dir, file), text);

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/esm/entries/touchpoint.js'))) throw new Error('dist/ is missing: npm test builds first, or run npm run build.');
  dir = mkdtempSync(join(tmpdir(), 'touchpoint-consumer-'));
  [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', dir], ROOT));
  console.log(`touchpoint-cx tarball: ${packed.size.toLocaleString('en')} bytes packed, ${packed.unpackedSize.toLocaleString('en')} unpacked, ${packed.files.length} files`);
  write('package.json', JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: { 'touchpoint-cx': `file:./${packed.filename}` }, devDependencies: CONSUMER_DEPENDENCIES }, null, 2));
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error']);
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the tarball', () => {
  it('holds what a user needs and nothing else', () => {
    const paths = packed.files.map((f) => f.path);
    for (const needed of ['package.json', 'README.md', 'custom-elements.json', 'schema/answer.v1.schema.json', 'schema/webhooks/answer.created.schema.json', 'dist/touchpoint.js', 'dist/wall.js', 'dist/journey.js', 'dist/inbox.js', 'dist/admin.html', 'dist/locales/fr.js', 'dist/sri.json', 'dist/esm/entries/touchpoint.js', 'dist/esm/entries/touchpoint.d.ts', 'dist/types/react.d.ts', 'dist/node/server/cli.js', 'dist/node/server/collector.js'])
      expect(paths).toContain(needed);
    expect(paths.filter((p) => !/^(package\.json|README\.md|LICENSE|custom-elements\.json|schema\/|dist\/)/.test(p))).toEqual([]);
    expect(paths.filter((p) => /(^|\/)(test|tests|fixtures|demo|src)\//.test(p))).toEqual([]);
    // The build's stamp stays in the repository. Source maps ship (self-contained: the bundles name them).
    expect(paths.filter((p) => /(^|\/)\.build-/.test(p))).toEqual([]);
    expect(paths).toContain('dist/touchpoint.js.map');
  });

  it('has a touchpoint-cx command: an executable Node script', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.bin).toEqual({ 'touchpoint-cx': 'dist/node/server/cli.js' });
    const cli = packed.files.find((f) => f.path === 'dist/node/server/cli.js')!;
    expect(cli.mode & 0o111, 'executable in the tarball').toBe(0o111);
    expect(readFileSync(join(ROOT, 'dist/node/server/cli.js'), 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('points unpkg and jsdelivr at the script-tag bundle, and its SRI hashes are the files\', as the README shows them', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect([pkg.unpkg, pkg.jsdelivr]).toEqual(['dist/touchpoint.js', 'dist/touchpoint.js']);
    const sri: Record<string, string> = JSON.parse(readFileSync(join(ROOT, 'dist/sri.json'), 'utf8'));
    for (const [file, hash] of Object.entries(sri)) expect(hash, file).toBe(`sha384-${createHash('sha384').update(readFileSync(join(ROOT, 'dist', file))).digest('base64')}`);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const snippets = [...readme.matchAll(/src="https:\/\/cdn\.jsdelivr\.net\/npm\/touchpoint-cx@([^/]+)\/dist\/([\w/.-]+)" integrity="([^"]+)" crossorigin="anonymous"/g)];
    expect(snippets.length, 'the README shows the script tags pinned, with integrity').toBeGreaterThanOrEqual(2);
    for (const [, version, file, integrity] of snippets) {
      expect(version).toBe(pkg.version);
      expect(integrity, `README's integrity of ${file} is stale: run npm run readme:sri`).toBe(sri[file]);
    }
  });
});

/** Every option of `touchpoint-cx serve` and the environment variable behind it. */
const SERVE_OPTIONS = {
  '--port': 'PORT',
  '--host': 'HOST',
  '--db': 'TOUCHPOINT_DB',
  '--database-url': 'TOUCHPOINT_DATABASE_URL',
  '--origins': 'TOUCHPOINT_ORIGINS',
  '--admin-token': 'TOUCHPOINT_ADMIN_TOKEN',
  '--admin-password-hash': 'TOUCHPOINT_ADMIN_PASSWORD_HASH',
  '--session-secret': 'TOUCHPOINT_SESSION_SECRET',
  '--rate-limit': 'TOUCHPOINT_RATE_LIMIT',
  '--trust-proxy': 'TOUCHPOINT_TRUST_PROXY',
  '--public-url': 'TOUCHPOINT_PUBLIC_URL',
  '--public-context': 'TOUCHPOINT_PUBLIC_CONTEXT',
  '--retention-days': 'TOUCHPOINT_RETENTION_DAYS',
};
/** What the drivers need at run time, linked from this repository's node_modules: nothing is compiled again. */
const SQLITE_DRIVER = ['better-sqlite3', 'bindings', 'file-uri-to-path'];

describe('the collector from the package: npx touchpoint-cx', () => {
  /** The environment without the collector's variables, so the test machine's settings do not leak in. */
  const cleanEnv = () => Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(PORT|HOST|TOUCHPOINT_.*)$/.test(name)));
  const npx = (args: string[]) => spawnSync('npx', ['touchpoint-cx', ...args], { cwd: dir, encoding: 'utf8', env: cleanEnv(), timeout: 60_000 });
  const running = new Set<ChildProcess>();
  afterAll(() => {
    // Each process group (npx, the shell npm exec starts, the collector), whatever is left of it.
    for (const child of running)
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // ESRCH: all gone already.
      }
  });

  /** Starts a command in its own process group, as a terminal runs it (Ctrl+C reaches every process in it), and waits for the URL it prints. */
  async function serving(cmd: string, args: string[]) {
    const child = spawn(cmd, args, { cwd: dir, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    running.add(child);
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    const output = { out: '', err: '' };
    child.stderr!.on('data', (chunk) => (output.err += chunk));
    const url = await new Promise<string>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no URL within 30 s:\n${output.out}${output.err}`)), 30_000);
      child.stdout!.on('data', (chunk) => {
        output.out += chunk;
        const found = /http:\/\/127\.0\.0\.1:\d+/.exec(output.out)?.[0];
        if (found) {
          clearTimeout(timer);
          done(found);
        }
      });
      void exited.then((code) => {
        clearTimeout(timer);
        fail(new Error(`exited with ${code} before listening:\n${output.out}${output.err}`));
      });
    });
    const within = (ms: number) => Promise.race([exited.then(() => true), new Promise<false>((done) => setTimeout(() => done(false), ms))]);
    return { child, url, exited, output, within };
  }

  it('installed neither database driver, so nothing native was built', () => {
    const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8'));
    const installed = Object.keys(lock.packages);
    expect(installed).toContain('node_modules/touchpoint-cx');
    expect(installed.filter((p) => /(^|\/)node_modules\/(better-sqlite3|pg|bindings|prebuild-install|node-gyp)$/.test(p))).toEqual([]);
    expect(existsSync(join(dir, 'node_modules/better-sqlite3'))).toBe(false);
    expect(existsSync(join(dir, 'node_modules/pg'))).toBe(false);
    // No installed package carries a native addon's build recipe.
    const gyp = readdirSync(join(dir, 'node_modules'), { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('binding.gyp'));
    expect(gyp).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(dir, 'node_modules/touchpoint-cx/package.json'), 'utf8'));
    expect(pkg.peerDependenciesMeta).toEqual({ 'better-sqlite3': { optional: true }, pg: { optional: true } });
  });

  it('--help lists every option and environment variable', () => {
    const help = npx(['--help']);
    expect(help.status, help.stderr).toBe(0);
    for (const [flag, variable] of Object.entries(SERVE_OPTIONS)) {
      expect(help.stdout).toContain(flag);
      expect(help.stdout).toContain(variable);
    }
    expect(help.stdout).toContain('--demo');
    expect(help.stdout).toContain('hash-password');
    expect(help.stdout).toContain('npm install better-sqlite3@12');
    expect(help.stdout).toContain('npm install pg@8');
  });

  it('hash-password prints the hash of the password piped in, one line, and nothing else', () => {
    const result = spawnSync('npx', ['touchpoint-cx', 'hash-password'], { cwd: dir, encoding: 'utf8', env: cleanEnv(), input: 'correct horse battery staple\n', timeout: 60_000 });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}\n$/);
  });

  it('refuses an unknown option in one line, with exit code 2', () => {
    const result = npx(['serve', '--prot', '9000']);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^touchpoint collector: unknown option --prot\b/)]);
  });

  it('without a driver, serve stops at once with one line naming the package to install', () => {
    const sqlite = npx(['serve', '--port', '0', '--db', join(dir, 'data', 'nodriver.db')]);
    expect(sqlite.status).not.toBe(0);
    expect(sqlite.stderr.trim().split('\n')).toEqual([expect.stringContaining('npm install better-sqlite3@12')]);
    const postgres = npx(['serve', '--port', '0', '--database-url', 'postgres://127.0.0.1:9/touchpoint']);
    expect(postgres.status).not.toBe(0);
    expect(postgres.stderr.trim().split('\n')).toEqual([expect.stringContaining('npm install pg@8')]);
  });

  it('with better-sqlite3 beside it, serves the API and the bundles, and stops on Ctrl+C', async () => {
    for (const name of SQLITE_DRIVER) symlinkSync(join(ROOT, 'node_modules', name), join(dir, 'node_modules', name), 'dir');
    const db = join(dir, 'data', 'touchpoint.db');
    const npxServe = await serving('npx', ['touchpoint-cx', 'serve', '--port', '0', '--db', db]);
    const { url, output } = npxServe;
    await expect.poll(() => output.out, { timeout: 5_000 }).toContain(`stored in ${db}`);

    const answer = makeAnswer({ touchpoint: 'checkout', comment: 'Served from the package.' });
    const posted = await fetch(`${url}/api/feedback`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(answer) });
    expect(await posted.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    const feed = await (await fetch(`${url}/api/feedback`)).json();
    expect(feed.items.map((item: Answer) => [item.id, item.comment])).toEqual([[answer.id, 'Served from the package.']]);

    const bundle = await fetch(`${url}/dist/touchpoint.js`);
    expect(bundle.status).toBe(200);
    expect(Buffer.from(await bundle.arrayBuffer()).equals(readFileSync(join(dir, 'node_modules/touchpoint-cx/dist/touchpoint.js')))).toBe(true);
    // No demo in the package: the collector serves the API and /dist/ only.
    expect((await fetch(`${url}/`)).status).toBe(404);
    expect(existsSync(db)).toBe(true);

    process.kill(-npxServe.child.pid!, 'SIGINT');
    expect(await npxServe.within(15_000), `still running 15 s after Ctrl+C:\n${output.out}${output.err}`).toBe(true);
    // The collector itself stopped listening, not only npx.
    await expect.poll(() => fetch(`${url}/api/feedback`).then(() => 'listening', () => 'closed'), { timeout: 15_000 }).toBe('closed');
    expect(output.err).toBe('');

    // The command itself (node_modules/.bin/touchpoint-cx: the shebang, the executable bit), told to
    // stop the moment it prints its URL: it closes and exits 0.
    const bin = await serving(join(dir, 'node_modules/.bin/touchpoint-cx'), ['serve', '--port', '0', '--db', db]);
    process.kill(bin.child.pid!, 'SIGTERM');
    expect(await bin.within(15_000), `still running 15 s after SIGTERM:\n${bin.output.out}${bin.output.err}`).toBe(true);
    expect(await bin.exited, bin.output.err).toBe(0);
  });
});

describe('in Node, as a server-rendering framework imports it', () => {
  it('imports every entry without a DOM, defines nothing and throws nothing', () => {
    const out = run('node', [
      '--input-type=module',
      '-e',
      `const main = await import('touchpoint-cx');
       const wall = await import('touchpoint-cx/wall');
       const journey = await import('touchpoint-cx/journey');
       const inbox = await import('touchpoint-cx/inbox');
       const status = await import('touchpoint-cx/status');
       await import('touchpoint-cx/locales/fr');
       console.log(JSON.stringify({
         main: Object.keys(main).sort(), wall: Object.keys(wall), journey: Object.keys(journey), inbox: Object.keys(inbox).sort(), status: Object.keys(status),
         defined: ['cx-feedback', 'cx-wall', 'cx-journey', 'cx-inbox', 'cx-notices', 'cx-webhooks', 'cx-status'].filter((name) => globalThis.customElements?.get?.(name)),
         window: typeof window,
       }));`,
    ]);
    expect(JSON.parse(out)).toEqual({
      main: ['CxFeedback', 'configure', 'failed', 'flush', 'forget', 'open', 'pending', 'retryFailed'],
      wall: ['CxWall'],
      journey: ['CxJourney'],
      inbox: ['CxInbox', 'CxNotices', 'CxWebhooks'],
      status: ['CxStatus'],
      defined: [],
      window: 'undefined',
    });
  });
});

describe('types', () => {
  const tsconfig = (files: string[], extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', lib: ['ES2022', 'DOM', 'DOM.Iterable'], types: [], skipLibCheck: true, ...extra },
      files,
    });
  const check = (config: string) => {
    try {
      run('npx', ['tsc', '-p', config]);
      return '';
    } catch (error) {
      return (error as { stdout: string }).stdout;
    }
  };

  it('types the JS API and the elements for code that imports the package', () => {
    write(
      'api.ts',
      `import { flush, pending, configure, open, CxFeedback, type Answer } from 'touchpoint-cx';
       import { CxWall } from 'touchpoint-cx/wall';
       import type { Summary } from 'touchpoint-cx/journey';
       export const answers: Promise<Answer[]> = pending();
       export const counts: Promise<{ sent: number; pending: number; failed: number }> = flush();
       configure({ headers: { Authorization: 'Bearer x' } });
       export const opened: boolean = open('checkout');
       export const el: CxFeedback = document.createElement('cx-feedback');
       export const wall: CxWall = document.createElement('cx-wall');
       export type S = Summary['touchpoints'][number]['netEmotion'];`,
    );
    write('tsconfig.api.json', tsconfig(['api.ts'], { skipLibCheck: false }));
    expect(check('tsconfig.api.json')).toBe('');
  });

  it('types the elements in React 19 JSX (React.JSX.IntrinsicElements), and mode="float" is an error', () => {
    write(
      'react.tsx',
      `import type {} from 'touchpoint-cx/react';
       export const ok = (
         <>
           <cx-feedback endpoint="/api/feedback" touchpoint="checkout" mode="floating" effort-scale={5} theme="dark" lang="fr" data-order="A-17" />
           <cx-wall source="/api/feedback" page-size="10" />
           <cx-journey source="/api/summary" since="30d" />
         </>
       );
       // @ts-expect-error mode is 'inline' or 'floating'
       export const float = <cx-feedback endpoint="/api/feedback" mode="float" />;
       // @ts-expect-error since is 7d, 30d, 90d or all
       export const week = <cx-journey source="/api/summary" since="week" />;`,
    );
    write('tsconfig.react.json', tsconfig(['react.tsx'], { jsx: 'react-jsx', types: ['react'] }));
    expect(check('tsconfig.react.json')).toBe('');
  });

  it('types the elements in Preact JSX, and mode="float" is an error', () => {
    write(
      'preact.tsx',
      `import type {} from 'touchpoint-cx/preact';
       export const ok = <cx-feedback endpoint="/api/feedback" touchpoint="checkout" mode="floating" />;
       // @ts-expect-error mode is 'inline' or 'floating'
       export const float = <cx-feedback endpoint="/api/feedback" mode="float" />;`,
    );
    write('tsconfig.preact.json', tsconfig(['preact.tsx'], { jsx: 'react-jsx', jsxImportSource: 'preact' }));
    expect(check('tsconfig.preact.json')).toBe('');
  });

  it("types the elements in Vue's GlobalComponents, and mode: 'float' is an error", () => {
    write(
      'vue.ts',
      `import type { GlobalComponents } from 'vue';
       import type {} from 'touchpoint-cx/vue';
       type Props = InstanceType<GlobalComponents['cx-feedback']>['$props'];
       export const ok: Props = { endpoint: '/api/feedback', mode: 'floating', effortScale: '5' };
       // @ts-expect-error mode is 'inline' or 'floating'
       export const float: Props = { mode: 'float' };`,
    );
    write('tsconfig.vue.json', tsconfig(['vue.ts']));
    expect(check('tsconfig.vue.json')).toBe('');
  });
});

describe('bundled with Vite, in real Chromium', () => {
  let server: Server;
  let origin: string;
  const received: Answer[] = [];
  const ANSWERS = [makeAnswer({ touchpoint: 'delivery', comment: 'Arrived early.' }), makeAnswer({ touchpoint: 'checkout', comment: 'Quick.' })];

  beforeAll(async () => {
    mkdirSync(join(dir, 'app'), { recursive: true });
    write(
      'app/index.html',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title><script type="module" src="./main.js"></script></head>
       <body><cx-feedback endpoint="/collect" touchpoint="checkout" cooldown-days="0"></cx-feedback>
       <cx-feedback lang="fr" endpoint="/collect" touchpoint="commande" cooldown-days="0"></cx-feedback>
       <cx-wall source="/answers.json"></cx-wall><cx-journey source="/answers.json" since="all"></cx-journey></body></html>`,
    );
    write('app/main.js', "import { flush } from 'touchpoint-cx';\nimport 'touchpoint-cx/wall';\nimport 'touchpoint-cx/journey';\nimport 'touchpoint-cx/locales/fr';\nwindow.flushAnswers = flush;\n");
    run('npx', ['vite', 'build', 'app', '--outDir', '../built', '--emptyOutDir', '--logLevel', 'error']);
    const built = join(dir, 'built');
    const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };
    server = createServer(async (req, res) => {
      const path = new URL(req.url!, 'http://x').pathname;
      if (path == '/collect') {
        let body = '';
        for await (const chunk of req) body += chunk;
        received.push(JSON.parse(body));
        return void res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      }
      if (path == '/answers.json') return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(ANSWERS));
      const file = join(built, path == '/' ? 'index.html' : path);
      if (!file.startsWith(built) || !existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(res);
    });
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((done) => server?.close(done));
  });

  it('bundles one copy of Lit', () => {
    const js = readdirSync(join(dir, 'built/assets')).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(dir, 'built/assets', f), 'utf8')).join('\n');
    // Each copy of lit-html registers its version once.
    const copies = [...js.matchAll(/litHtmlVersions\?\?=\[\]\)\.push\("([\d.]+)"\)/g)].map((m) => m[1]);
    expect(copies, [...js.matchAll(/.{80}litHtmlVersions.{40}/g)].map((m) => m[0]).join('\n')).toHaveLength(1);
  });

  it('renders all three elements, speaks French where asked, and delivers an answer', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const errors: Error[] = [];
      page.on('pageerror', (e) => errors.push(e));
      await page.goto(origin + '/');
      await expect.poll(() => page.locator('cx-wall [part~="item"]').count()).toBe(2);
      await expect.poll(() => page.locator('cx-journey [part~="station"]').count()).toBe(2);
      expect(await page.locator('cx-feedback[lang="fr"] [part~="submit"]').textContent()).toBe('Envoyer');
      await page.locator('cx-feedback[touchpoint="checkout"] [part~="effort-option"]').nth(5).click();
      await page.locator('cx-feedback[touchpoint="checkout"] [part~="submit"]').click();
      await expect.poll(() => received.map((a) => [a.touchpoint, a.effort])).toEqual([['checkout', 6]]);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
