// A throwaway PostgreSQL server for scripts (bench:collector), and the parts of starting one that
// test/fixtures/postgres.ts shares: which user runs the server, initdb's arguments, the settings,
// and the synchronous stop for exit hooks. Plain JavaScript, so Node runs it without TypeScript tooling.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPgBin, missingToolsLine, TOOLS } from '../../test/fixtures/binaries.mjs';

export const DATABASE = 'touchpoint';

export const isRoot = () => process.getuid?.() === 0;

/** The postgres user's uid and gid: as root, initdb and the server run as the Debian package's postgres user. */
export function postgresUser() {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  if (!line) throw new Error('PostgreSQL cannot run as root and there is no postgres user: apt-get install postgresql creates it');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** `[file, args]` to run a server tool: through `runuser -u postgres --` when root, since initdb and the server refuse to run as root. */
export const asServerUser = (file, args) => (isRoot() ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args]);

/** initdb's arguments: trust authentication for `postgres`, UTF-8, the C locale. `--no-sync` only skips flushing initdb's own files. */
export const initdbArgs = (dataDir) => ['-D', dataDir, '--auth=trust', '--username=postgres', '-E', 'UTF8', '--locale=C', '--no-sync'];

/** postgresql.conf settings: loopback only, sockets in `dir`, commits flushed as in production; `extra` wins. */
export const serverSettings = (dir, extra) => ({
  listen_addresses: "'127.0.0.1'",
  unix_socket_directories: `'${dir}'`,
  max_connections: 100,
  // The storage is tested for durability: keep the server's flushes as in production.
  fsync: 'on',
  synchronous_commit: 'on',
  full_page_writes: 'on',
  // Several servers may run at once on a shared two-core machine.
  shared_buffers: "'32MB'",
  ...extra,
});

/** The settings as lines to append to postgresql.conf: the last line for a name is the one in force. */
export const settingsLines = (settings) => `\n# touchpoint\n${Object.entries(settings).map(([name, value]) => `${name} = ${value}`).join('\n')}\n`;

/** `pg_ctl stop -m immediate`, synchronously: for exit hooks and leftovers. A stopped server is no error. */
export function stopNow(pgCtl, dataDir) {
  if (!existsSync(join(dataDir, 'postmaster.pid'))) return;
  const [file, args] = asServerUser(pgCtl, ['stop', '-m', 'immediate', '-D', dataDir, '-w', '-t', '10']);
  spawnSync(file, args, { cwd: '/', stdio: 'ignore', timeout: 15_000 });
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

function run(file, args, { input, cwd, env } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'], timeout: 60_000, killSignal: 'SIGKILL' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? '');
  });
}

const tail = (file) => {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-15).join('\n');
  } catch {
    return '';
  }
};

/**
 * A PostgreSQL server of its own on a free 127.0.0.1 port with an empty `touchpoint` database:
 * `{ url, port, psql(sql, database?), stop() }`. Stopped (immediately) if this process exits first.
 * The test fixture (test/fixtures/postgres.ts) adds restart, pause and leftover sweeping.
 */
export async function startPostgres({ settings } = {}) {
  const bin = findPgBin();
  if (!bin) throw new Error(missingToolsLine([TOOLS.postgres]));
  const tool = (name) => join(bin, name);
  const dir = mkdtempSync(join(tmpdir(), 'touchpoint-script-pg-'));
  const dataDir = join(dir, 'data');
  const log = join(dir, 'server.log');
  const server = (name, args) => {
    const [file, argv] = asServerUser(tool(name), args);
    return run(file, argv, { cwd: dir });
  };
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const onExit = () => {
    stopNow(tool('pg_ctl'), dataDir);
    remove();
  };
  process.once('exit', onExit);

  let port = 0;
  const psql = async (sql, database = DATABASE) => {
    const args = ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', database, '-f', '-'];
    const result = await run(tool('psql'), args, { input: sql, cwd: dir, env: { ...process.env, PGCONNECT_TIMEOUT: '5' } });
    if (result.code !== 0) throw new Error(`psql failed: ${result.stderr.trim()}`);
    return result.stdout.replace(/\n$/, '');
  };
  try {
    if (isRoot()) {
      const { uid, gid } = postgresUser();
      chownSync(dir, uid, gid);
    }
    const init = await server('initdb', initdbArgs(dataDir));
    if (init.code !== 0) throw new Error(`initdb failed:\n${init.stdout}${init.stderr}`);
    appendFileSync(join(dataDir, 'postgresql.conf'), settingsLines(serverSettings(dir, settings)));
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      appendFileSync(join(dataDir, 'postgresql.conf'), `port = ${port}\n`);
      const start = await server('pg_ctl', ['start', '-D', dataDir, '-l', log, '-w', '-t', '30']);
      if (start.code === 0) break;
      // The port was free a moment ago; another process may have taken it.
      if (attempt === 3 || !tail(log).includes('Address already in use')) throw new Error(`PostgreSQL did not start:\n${start.stdout}${start.stderr}\n${tail(log)}`);
    }
    await psql(`CREATE DATABASE ${DATABASE}`, 'postgres');
  } catch (error) {
    process.off('exit', onExit);
    onExit();
    throw error;
  }

  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/${DATABASE}`,
    port,
    psql,
    async stop() {
      if (stopped) return;
      stopped = true;
      process.off('exit', onExit);
      await server('pg_ctl', ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '30']);
      remove();
    },
  };
}
