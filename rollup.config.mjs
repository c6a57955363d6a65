import { existsSync, readdirSync, readFileSync } from 'node:fs';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { minifyTemplates } from './scripts/minify-templates.mjs';
import { sharedTrustedTypesPolicy } from './scripts/trusted-types.mjs';

// Script-tag bundles: one self-contained, minified IIFE per element family.
const bundles = { touchpoint: 'src/entries/touchpoint.ts', wall: 'src/entries/wall.ts', journey: 'src/entries/journey.ts', inbox: 'src/entries/inbox.ts', status: 'src/entries/status.ts' };
const ts = (extra = {}) =>
  typescript({ tsconfig: './tsconfig.json', noEmitOnError: true, declaration: false, include: ['src/**/*'], ...extra });
// A new instance per bundle: one instance shared by several configurations minified the second
// and third bundles with other options than the first (it dropped ascii_only, and once a method).
const minify = () =>
  terser({
    ecma: 2021,
    compress: { passes: 3, pure_getters: true, unsafe_arrows: true },
    // Names starting with one underscore are this project's internals (Lit's own start with `_$`).
    mangle: { properties: { regex: /^_[A-Za-z]/ } },
    // ASCII only (\u escapes): a host page in windows-1252 that loads the script from a server
    // sending no charset would otherwise turn "¿Qué" into "Â¿QuÃ©".
    format: { comments: false, ascii_only: true },
  });
/** dist/touchpoint.css: the optional stylesheet that reserves the inline widget's room before it loads. */
const reserveCss = {
  name: 'reserve-css',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'touchpoint.css', source: readFileSync('src/elements/feedback/reserve.css', 'utf8') });
  },
};
/** dist/admin.html: the owner's page the collector serves at /admin (no inline script or style: its CSP allows neither). */
const adminHtml = {
  name: 'admin-html',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'admin.html', source: readFileSync('src/admin/admin.html', 'utf8') });
  },
};
// BUNDLES=wall,journey builds just those script-tag bundles (and no ESM), for quick iteration;
// BUNDLES=locales the locale scripts.
const only = process.env.BUNDLES?.split(',');
const present = Object.fromEntries(Object.entries(bundles).filter(([name, file]) => existsSync(file) && (!only || only.includes(name))));
// Languages beyond the built-in English and Spanish: src/locales/<lang>.ts, each a small script of its own.
const locales = existsSync('src/locales') ? readdirSync('src/locales').filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)) : [];

export default [
  ...Object.entries(present).map(([name, input]) => ({
    input,
    // All three add to one window.Touchpoint, whichever loads first, and a second copy of a
    // bundle only adds the same names again.
    output: { file: `dist/${name}.js`, format: 'iife', sourcemap: true, name: 'Touchpoint', extend: true },
    plugins: [resolve(), sharedTrustedTypesPolicy(), ts(), minifyTemplates(), minify(), ...(name === 'touchpoint' ? [reserveCss] : []), ...(name === 'inbox' ? [adminHtml] : [])],
  })),
  // dist/locales/<lang>.js: added after (or before) any of the three, it teaches them a language.
  ...(only && !only.includes('locales') ? [] : locales).map((lang) => ({
    input: `src/locales/${lang}.ts`,
    output: { file: `dist/locales/${lang}.js`, format: 'iife', sourcemap: true },
    plugins: [resolve(), ts(), minify()],
  })),
  // For bundlers: ES modules that keep lit and preact as dependencies to share, laid out as in
  // src/ (dist/esm/entries/touchpoint.js, dist/esm/locales/fr.js), types beside them.
  ...(only ? [] : [{
    input: [...Object.values(present), ...locales.map((lang) => `src/locales/${lang}.ts`)],
    external: [/^lit/, /^@lit/, /^preact/],
    output: { dir: 'dist/esm', format: 'es', preserveModules: true, preserveModulesRoot: 'src', sourcemap: true },
    plugins: [ts({ outDir: 'dist/esm', rootDir: 'src', declaration: true, include: ['**/*.ts', '**/*.tsx'] })],
  }]),
];
