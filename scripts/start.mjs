#!/usr/bin/env node
// `npm start`: builds only when something the build reads changed since the last successful
// `npm run build`, then serves the demo shop and the collector (dist/node/server/main.js, i.e.
// `touchpoint-cx serve --demo demo`). Arguments are passed on: `npm start -- --port 9000`.
//
// The build marks itself: `--build-begin` (right after it empties dist/) writes dist/.build-begun,
// `--build-end` (its last step) renames it to dist/.build-stamp. The stamp's time is thus when the
// build started, so a file saved while it ran is newer than the stamp and triggers the next build;
// a build that failed leaves no stamp at all.
//
// Stale means: no stamp, or a file or directory among the inputs (a directory's time changes when
// a file is added, removed or renamed in it) at least as new as the stamp. When the only changed
// inputs are files under src/server/, the collector alone is rebuilt (seconds, not a minute).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const STAMP = 'dist/.build-stamp';
const BEGUN = 'dist/.build-begun';

/**
 * What `npm run build` reads: the sources, the schema, the configs, the manifests, and every
 * script the build script or the Rollup config names (read from them, so a new one counts too).
 */
export function buildInputs(root) {
  const named = new Set();
  const collect = (text) => {
    for (const [, path] of text.matchAll(/(?:^|[\s'"/.])(scripts\/[\w.-]+\.m?js)/g)) named.add(path);
  };
  let pkg = {};
  try {
    pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  } catch {}
  collect(pkg.scripts?.build ?? '');
  for (const file of ['rollup.config.mjs']) if (existsSync(join(root, file))) collect(readFileSync(join(root, file), 'utf8'));
  const configs = readdirSync(root).filter((f) => /^tsconfig.*\.json$|^rollup\.config\.m?js$|^custom-elements-manifest\.config\.m?js$/.test(f));
  return ['src', 'schema', 'package.json', 'package-lock.json', ...configs, ...named].filter((p) => existsSync(join(root, p)));
}

/** Files and directories under `path` (itself included), relative to root. */
function* walk(root, path) {
  yield path;
  const full = join(root, path);
  if (!statSync(full).isDirectory()) return;
  for (const entry of readdirSync(full)) yield* walk(root, join(path, entry));
}

/**
 * The inputs changed since the last successful build, relative to root: `[STAMP]` when there is
 * no stamp, `[]` when dist/ is up to date.
 */
export function staleInputs(root, inputs = buildInputs(root)) {
  let built;
  try {
    built = statSync(join(root, STAMP)).mtimeMs;
  } catch {
    return [STAMP];
  }
  const stale = [];
  for (const input of inputs) for (const path of walk(root, input)) if (statSync(join(root, path)).mtimeMs >= built) stale.push(path.split(sep).join('/'));
  return stale;
}

/** Only collector sources changed (files, none added or removed): `npm run build:server` is enough. */
export const onlyServer = (stale) => stale.length > 0 && stale.every((path) => /^src\/server\/.+\.ts$/.test(path));

export function beginBuild(root = ROOT) {
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(join(root, BEGUN), `${new Date().toISOString()}\n`);
}

export function endBuild(root = ROOT) {
  if (!existsSync(join(root, BEGUN))) throw new Error(`${BEGUN} is missing: the build did not run scripts/start.mjs --build-begin first`);
  renameSync(join(root, BEGUN), join(root, STAMP));
}

function npm(...args) {
  const [cmd, pre] = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ['npm', []];
  return spawnSync(cmd, [...pre, ...args], { cwd: ROOT, stdio: 'inherit' }).status ?? 1;
}

async function start() {
  const stale = staleInputs(ROOT);
  const said = (paths) => paths.slice(0, 3).join(', ') + (paths.length > 3 ? ` and ${paths.length - 3} more` : '');
  if (stale.length === 0) {
    console.log('npm start: dist/ is up to date with the sources; not rebuilding');
  } else if (onlyServer(stale)) {
    console.log(`npm start: rebuilding the collector only (${said(stale)} changed)`);
    beginBuild();
    const status = npm('run', '--silent', 'build:server');
    if (status !== 0) process.exit(status);
    endBuild();
  } else {
    console.log(`npm start: building (${stale[0] === STAMP ? 'no successful build yet' : `${said(stale)} changed since the last build`})`);
    const status = npm('run', 'build');
    if (status !== 0) process.exit(status);
  }
  await import(pathToFileURL(join(ROOT, 'dist/node/server/main.js')).href);
}

const invoked = process.argv[1] && existsSync(process.argv[1]) ? realpathSync(process.argv[1]) : '';
if (invoked === realpathSync(fileURLToPath(import.meta.url))) {
  const [flag] = process.argv.slice(2);
  if (flag === '--build-begin') beginBuild();
  else if (flag === '--build-end') endBuild();
  else if (flag === '--check') {
    const stale = staleInputs(ROOT);
    console.log(stale.length ? `stale: ${stale.join(' ')}` : 'up to date');
    process.exit(stale.length ? 1 : 0);
  } else await start();
}
