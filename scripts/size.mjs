#!/usr/bin/env node
// Prints raw, gzip and brotli bytes of every file in dist/. With --check, fails when any
// script-tag bundle exceeds its gzip budget: dist/touchpoint.js above all (the script tag is the
// product), the wall, the journey map, the inbox of /admin and dist/status.js.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

// The wall and the journey map: about 1 KB over what they weighed when their budgets were set.
// The inbox: 21 KB, and 3 KB more for the notice editor <cx-notices> it holds since issue 13,
// and 5 KB more for the webhook manager <cx-webhooks> (issue 14: it adds 5,099 bytes gzip).
export const BUDGET = { 'touchpoint.js': 12_288, 'wall.js': 17_408, 'journey.js': 20_480, 'inbox.js': 29_696, 'status.js': 6_144 };
const DIST = new URL('../dist/', import.meta.url).pathname;

const files = (dir) => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
const gzip = (buf) => gzipSync(buf, { level: 9 }).length;
const brotli = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

let list;
try {
  list = files(DIST).sort();
} catch {
  console.error('dist/ is missing: run npm run build first.');
  process.exit(1);
}
const rows = list.map((file) => {
  const buf = readFileSync(file);
  return { file: relative(DIST, file), raw: buf.length, gzip: gzip(buf), brotli: brotli(buf) };
});
const w = Math.max(...rows.map((r) => r.file.length));
const n = (x) => String(x).padStart(9);
console.log(`${'file'.padEnd(w)} ${n('raw')} ${n('gzip')} ${n('brotli')}`);
for (const r of rows) console.log(`${r.file.padEnd(w)} ${n(r.raw)} ${n(r.gzip)} ${n(r.brotli)}`);

if (process.argv.includes('--check')) {
  let over = false;
  for (const [file, budget] of Object.entries(BUDGET)) {
    const row = rows.find((r) => r.file === file);
    if (!row) {
      console.error(`\ndist/${file} is missing.`);
      over = true;
    } else if (row.gzip > budget) {
      console.error(`\ndist/${file} is ${row.gzip} bytes gzip, over its budget of ${budget} by ${row.gzip - budget}.`);
      over = true;
    } else console.log(`\ndist/${file}: ${row.gzip} of ${budget} bytes gzip (${budget - row.gzip} to spare).`);
  }
  process.exit(over ? 1 : 0);
}
