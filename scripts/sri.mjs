#!/usr/bin/env node
// Writes dist/sri.json: the Subresource Integrity hash (sha384) of every file a page loads with a
// tag (the three script bundles, the locale scripts, touchpoint.css), for
// <script src=… integrity=… crossorigin="anonymous">. Printed too.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';

const DIST = new URL('../dist/', import.meta.url);
const files = [
  ...readdirSync(DIST).filter((f) => /\.(js|css)$/.test(f)),
  ...(existsSync(new URL('locales/', DIST)) ? readdirSync(new URL('locales/', DIST)) : []).filter((f) => f.endsWith('.js')).map((f) => `locales/${f}`),
].sort();
const sri = Object.fromEntries(files.map((f) => [f, `sha384-${createHash('sha384').update(readFileSync(new URL(f, DIST))).digest('base64')}`]));
writeFileSync(new URL('sri.json', DIST), `${JSON.stringify(sri, null, 2)}\n`);
for (const [file, hash] of Object.entries(sri)) console.log(`${file.padEnd(20)} ${hash}`);

// --readme: brings the README's pinned CDN snippets up to date (version and integrity), which the
// package test checks: <script src="https://cdn.jsdelivr.net/npm/touchpoint-cx@<version>/dist/<file>" integrity="…" crossorigin="anonymous">
if (process.argv.includes('--readme')) {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const README = new URL('../README.md', import.meta.url);
  const before = readFileSync(README, 'utf8');
  const after = before.replace(
    /(src="https:\/\/cdn\.jsdelivr\.net\/npm\/touchpoint-cx@)[^/"]+(\/dist\/([\w/.-]+)" integrity=")[^"]*(")/g,
    (all, start, middle, file, end) => (sri[file] ? `${start}${version}${middle}${sri[file]}${end}` : all),
  );
  writeFileSync(README, after);
  console.log(after === before ? 'README.md: snippets already up to date' : 'README.md: snippets updated');
}
