// @vitest-environment node
// npm start rebuilds only when an input of the build is newer than the last successful build's
// stamp (scripts/start.mjs). Wrong one way, it serves stale bundles; wrong the other, it rebuilds
// for a minute every time. Checked on a throwaway tree with explicit file times, no sleeping.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { beginBuild, buildInputs, endBuild, onlyServer, STAMP, staleInputs } from '../../scripts/start.mjs';

const stale = (root: string): string[] => staleInputs(root);

let root: string;
const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ scripts: { build: 'rollup -c && node scripts/types.mjs && node scripts/start.mjs --build-end' } }),
  'package-lock.json': '{}',
  'rollup.config.mjs': "import { minify } from './scripts/minify.mjs';\n",
  'tsconfig.json': '{}',
  'src/core/answer.ts': 'export {};\n',
  'src/server/api.ts': 'export {};\n',
  'src/server/tsconfig.json': '{}',
  'schema/answer.v1.schema.json': '{}',
  'scripts/types.mjs': '',
  'scripts/minify.mjs': '',
  'scripts/start.mjs': '',
  'scripts/seed.mjs': '',
  'demo/index.html': '',
  'test/unit/x.test.ts': '',
  'custom-elements.json': '{}',
};
const PAST = new Date(Date.now() - 3_600_000);
const LATER = new Date(Date.now() + 3_600_000);

const put = (path: string, text = '') => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};
/** Every file and directory of the tree an hour old. */
const age = () => {
  for (const path of Object.keys(FILES)) {
    utimesSync(join(root, path), PAST, PAST);
    for (let dir = dirname(path); dir !== '.'; dir = dirname(dir)) utimesSync(join(root, dir), PAST, PAST);
  }
};
/** A successful build, as `npm run build` ends: the stamp, older inputs. */
const build = () => {
  age();
  beginBuild(root);
  put('dist/touchpoint.js');
  endBuild(root);
};
const touch = (path: string) => utimesSync(join(root, path), LATER, LATER);

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'touchpoint-stamp-'));
  for (const [path, text] of Object.entries(FILES)) put(path, text);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the inputs of the build', () => {
  it('are the sources, the schema, the configs, the manifests and the scripts the build and Rollup config name', () => {
    expect(buildInputs(root).sort()).toEqual(
      ['src', 'schema', 'package.json', 'package-lock.json', 'rollup.config.mjs', 'tsconfig.json', 'scripts/types.mjs', 'scripts/minify.mjs', 'scripts/start.mjs'].sort(),
    );
  });
});

describe('staleInputs', () => {
  it('is stale when no build ever succeeded (no stamp)', () => {
    age();
    expect(stale(root)).toEqual([STAMP]);
  });

  it('is stale after a build that failed: begun, never ended', () => {
    age();
    beginBuild(root);
    expect(stale(root)).toEqual([STAMP]);
  });

  it('is up to date right after a successful build', () => {
    build();
    expect(stale(root)).toEqual([]);
  });

  it.each(['src/core/answer.ts', 'schema/answer.v1.schema.json', 'package.json', 'package-lock.json', 'rollup.config.mjs', 'tsconfig.json', 'src/server/tsconfig.json', 'scripts/types.mjs', 'scripts/minify.mjs'])(
    'is stale when %s is newer than the stamp',
    (path) => {
      build();
      touch(path);
      expect(stale(root)).toEqual([path]);
    },
  );

  it.each(['demo/index.html', 'test/unit/x.test.ts', 'custom-elements.json', 'scripts/seed.mjs', 'dist/touchpoint.js'])('is not stale when only %s changed (the build does not read it)', (path) => {
    build();
    touch(path);
    expect(stale(root)).toEqual([]);
  });

  it('is stale when a source file is added or removed (its directory changes)', () => {
    build();
    put('src/core/new.ts');
    expect(stale(root)).toContain('src/core');
    build();
    rmSync(join(root, 'src/core/new.ts'));
    expect(stale(root)).toEqual(['src/core']);
  });

  it('is stale when a file was saved while the build ran (the stamp is the build start)', () => {
    age();
    beginBuild(root);
    put('src/core/answer.ts', 'export const saved = 1;\n');
    endBuild(root);
    expect(stale(root)).toEqual(['src/core/answer.ts']);
  });

  it('refuses to stamp a build that never began', () => {
    expect(() => endBuild(root)).toThrow(/build-begun/);
    expect(stale(root)).toEqual([STAMP]);
  });
});

describe('onlyServer: when rebuilding the collector alone is enough', () => {
  it('is true for changed collector sources only', () => {
    build();
    touch('src/server/api.ts');
    expect(onlyServer(stale(root))).toBe(true);
  });

  it('is false when a widget source, a config or the stamp is involved, or a collector file was added', () => {
    build();
    touch('src/server/api.ts');
    touch('src/core/answer.ts');
    expect(onlyServer(stale(root))).toBe(false);
    build();
    touch('src/server/tsconfig.json');
    expect(onlyServer(stale(root))).toBe(false);
    build();
    put('src/server/new.ts');
    expect(onlyServer(stale(root))).toBe(false);
    expect(onlyServer([STAMP])).toBe(false);
    expect(onlyServer([])).toBe(false);
  });
});
