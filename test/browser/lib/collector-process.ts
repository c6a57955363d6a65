import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './server.js';

/** The compiled collector, as `npm start` runs it. */
export const MAIN = join(ROOT, 'dist/node/server/main.js');
const BUNDLE = join(ROOT, 'dist/touchpoint.js');

const sourcesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sourcesUnder(join(dir, entry.name)) : [join(dir, entry.name)]));

/** Builds the collector (`tsc -p src/server`) when it is missing or older than any of its sources. */
export function buildCollectorIfStale(): void {
  const sources = [...sourcesUnder(join(ROOT, 'src/server')), ...['answer', 'summary', 'feed'].map((f) => join(ROOT, `src/core/${f}.ts`))];
  const built = existsSync(MAIN) ? statSync(MAIN).mtimeMs : 0;
  if (sources.every((f) => statSync(f).mtimeMs <= built)) return;
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'src/server'], { cwd: ROOT, encoding: 'utf8' });
  if (tsc.status !== 0) throw new Error(`tsc -p src/server failed:\n${tsc.stdout}${tsc.stderr}`);
}

/** The widget bundle the test pages load: a failure with the command to run when it is missing. */
export function requireBundle(): void {
  if (!existsSync(BUNDLE)) throw new Error('dist/touchpoint.js is missing: run "BUNDLES=touchpoint npx rollup -c" first.');
}

export interface CollectorProcess {
  child: ChildProcess;
  /** `http://127.0.0.1:PORT`, as the process printed it. */
  url: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What it wrote to stdout and stderr so far. */
  output(): string;
  /** Ends it: SIGTERM (a clean stop), SIGKILL after 5 s. Safe to call after it exited. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `node dist/node/server/main.js` on a free 127.0.0.1 port and waits (15 s at most) for the URL it prints. */
export function startCollectorProcess(env: Record<string, string>): Promise<CollectorProcess> {
  const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk) => (out += chunk));
  let status: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done((status = { code, signal }))),
  );
  const stop = async () => {
    if (status) return status;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    const result = await exited;
    clearTimeout(timer);
    return result;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the collector printed no URL within 15 s:\n${out}`));
    }, 15_000);
    const look = () => {
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(out)?.[0];
      if (!url) return;
      clearTimeout(timer);
      child.stdout!.off('data', look);
      resolve({ child, url, exited, output: () => out, stop });
    };
    child.stdout!.on('data', look);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the collector exited (${signal ?? `code ${code}`}) before listening:\n${out}`));
    });
  });
}
