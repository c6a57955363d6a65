import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { hashPasswordCommand, help, parse } from '../../src/server/cli.js';
import { hashPassword, parsePasswordHash, verifyPassword } from '../../src/server/password.js';
import { startCollector } from './lib.js';

/** `touchpoint-cx hash-password` with `input` piped to it: what it printed on stdout and stderr, or what it refused. */
async function hashPasswordWith(input: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += chunk));
  stderr.on('data', (chunk) => (err += chunk));
  try {
    const hash = await hashPasswordCommand({ stdin: Readable.from([Buffer.from(input)]), stdout, stderr });
    return { hash, out, err };
  } catch (error) {
    return { refused: (error as Error).message, out, err };
  }
}

const HASH = /^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/;

describe('touchpoint-cx hash-password', () => {
  it('prints one line, a scrypt hash that verifies the password read on stdin and nothing else', async () => {
    const { out, err } = await hashPasswordWith('correct horse battery staple\n');
    expect(err).toBe('');
    expect(out).toMatch(/^[^\n]+\n$/);
    const hash = out.trim();
    expect(hash).toMatch(HASH);
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    for (const wrong of ['correct horse battery staple\n', 'correct horse battery stapl', 'Correct horse battery staple', ''])
      expect(await verifyPassword(wrong, hash), JSON.stringify(wrong)).toBe(false);
  });

  it('salts each hash: the same password twice gives two hashes, both verifying', async () => {
    const [a, b] = [(await hashPasswordWith('same password, twice')).out.trim(), (await hashPasswordWith('same password, twice\r\n')).out.trim()];
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password, twice', a)).toBe(true);
    expect(await verifyPassword('same password, twice', b)).toBe(true);
  });

  it('keeps spaces and any Unicode, one composed form for é', async () => {
    const password = '  pässwörd ünïcödé 🔑  ';
    const hash = (await hashPasswordWith(password)).out.trim();
    expect(await verifyPassword(password, hash)).toBe(true);
    expect(await verifyPassword(password.normalize('NFD'), hash)).toBe(true);
    expect(await verifyPassword(password.trim(), hash)).toBe(false);
  });

  it.each([
    ['nothing', '', /^no password/],
    ['an empty line', '\n', /^no password/],
    ['a short password', 'seven77\n', /at least 8 characters/],
    ['two lines', 'first line\nsecond line\n', /one line/],
  ])('refuses %s, printing no hash', async (_, input, reason) => {
    const result = await hashPasswordWith(input);
    expect(result.refused).toMatch(reason);
    expect(result.out).toBe('');
  });

  it('makes the hash the collector signs the owner in with', async () => {
    const hash = (await hashPasswordWith('the owner knows this\n')).out.trim();
    const c = await startCollector({ adminPasswordHash: hash });
    try {
      expect((await c.post('/api/session', { password: 'the owner knows this' })).status).toBe(200);
      expect((await c.post('/api/session', { password: 'the owner knows that' })).status).toBe(401);
    } finally {
      await c.close();
    }
  });

  it('is a command of its own that takes no options', () => {
    expect(parse(['hash-password'], {})).toEqual({ command: 'hash-password' });
    expect(() => parse(['hash-password', '--port', '9'], {})).toThrow(/hash-password takes nothing but the password, on stdin, not --port/);
    expect(() => parse(['hash-password', 'secret'], {})).toThrow(/not "secret"/);
  });
});

describe('password hashes', () => {
  it('verify whatever parameters they were made with, and refuse ones too costly or malformed', async () => {
    const light = await hashPassword('lighter parameters', { N: 1024, r: 8, p: 1 });
    expect(light).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await verifyPassword('lighter parameters', light)).toBe(true);
    const [, , r, p, salt, hash] = light.split('$');
    for (const bad of [
      `scrypt$${2 ** 21}$${r}$${p}$${salt}$${hash}`, // N too large: minutes per sign-in
      `scrypt$1000$${r}$${p}$${salt}$${hash}`, // N not a power of two
      `scrypt$1024$${r}$${p}$${salt.slice(0, 10)}$${hash}`, // salt too short
      `bcrypt$1024$${r}$${p}$${salt}$${hash}`,
      `scrypt$1024$${r}$${p}$${salt}`,
      'correct horse battery staple',
    ]) {
      expect(parsePasswordHash(bad), bad).toBeNull();
      expect(await verifyPassword('lighter parameters', bad)).toBe(false);
    }
  });
});

describe('serve options for signing in', () => {
  it('reads TOUCHPOINT_ADMIN_PASSWORD_HASH and TOUCHPOINT_SESSION_SECRET, and the options win over them', async () => {
    const [fromEnv, fromOption] = await Promise.all([hashPassword('one password'), hashPassword('another password')]);
    const secret = 'x'.repeat(32);
    const env = { TOUCHPOINT_ADMIN_PASSWORD_HASH: fromEnv, TOUCHPOINT_SESSION_SECRET: secret };
    const viaEnv = parse(['serve'], env);
    expect(viaEnv.command === 'serve' && [viaEnv.settings.adminPasswordHash, viaEnv.settings.sessionSecret]).toEqual([fromEnv, secret]);
    const viaOption = parse(['serve', '--admin-password-hash', fromOption, '--session-secret', 'y'.repeat(40)], env);
    expect(viaOption.command === 'serve' && [viaOption.settings.adminPasswordHash, viaOption.settings.sessionSecret]).toEqual([fromOption, 'y'.repeat(40)]);
  });

  it('refuses a malformed hash or a short secret in one line, naming where it came from and not echoing it', () => {
    expect(() => parse(['serve'], { TOUCHPOINT_ADMIN_PASSWORD_HASH: 'my plain password' })).toThrow(
      /^TOUCHPOINT_ADMIN_PASSWORD_HASH must be a hash printed by `touchpoint-cx hash-password`/,
    );
    expect(() => parse(['serve', '--admin-password-hash', 'my plain password'], {})).toThrow(/^--admin-password-hash must be/);
    let message = '';
    try {
      parse(['serve'], { TOUCHPOINT_SESSION_SECRET: 'too short a secret' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^TOUCHPOINT_SESSION_SECRET must be at least 32 characters/);
    expect(message).not.toContain('too short a secret');
  });

  it('are in --help, with hash-password', () => {
    const text = help();
    for (const word of ['hash-password', '--admin-password-hash', 'TOUCHPOINT_ADMIN_PASSWORD_HASH', '--session-secret', 'TOUCHPOINT_SESSION_SECRET']) expect(text).toContain(word);
    // Columns stay apart however long the names: every option row has its variable after two spaces at least.
    for (const line of text.split('\n').filter((l) => l.startsWith('  --') && !l.startsWith('  --demo'))) expect(line).toMatch(/^ {2}--\S+( <\w+>)? {2,}[A-Z_]+(=1)? {2,}\S/);
  });
});
