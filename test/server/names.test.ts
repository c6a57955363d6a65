import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/server/cli.js';
import { startCollector } from './lib.js';

const settingsOf = (argv: string[], env: NodeJS.ProcessEnv = {}) => {
  const parsed = parse(['serve', ...argv], env);
  if (parsed.command !== 'serve') throw new Error('not serve');
  return parsed.settings;
};

describe('TOUCHPOINT_NAMES', () => {
  it('reads display names as inline JSON or from a file, option over variable', () => {
    const names = { checkout: { en: 'Checkout', es: 'Pago', 'pt-BR': 'Pagamento' } };
    expect(settingsOf([], { TOUCHPOINT_NAMES: JSON.stringify(names) }).names).toEqual({ checkout: { en: 'Checkout', es: 'Pago', 'pt-br': 'Pagamento' } });
    const dir = mkdtempSync(join(tmpdir(), 'touchpoint-names-'));
    try {
      const file = join(dir, 'names.json');
      writeFileSync(file, JSON.stringify({ cart: { en: ' Cart ' } }));
      expect(settingsOf(['--names', file], { TOUCHPOINT_NAMES: '{}' }).names).toEqual({ cart: { en: 'Cart' } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(settingsOf([]).names).toBeUndefined();
  });

  it.each([
    ['{"checkout": ', /^TOUCHPOINT_NAMES is not valid JSON/],
    ['["checkout"]', /must be a JSON object/],
    ['{"check out": {"en": "x"}}', /"check out" is not a touchpoint id/],
    ['{"checkout": "Checkout"}', /"checkout" must map languages to names/],
    ['{"checkout": {"english": "Checkout"}}', /"english" is not a language tag/],
    ['{"checkout": {"en": ""}}', /must be a name of 1 to 80 characters/],
    ['/nowhere/names.json', /cannot read \/nowhere\/names.json: ENOENT/],
  ])('refuses %s in one line', (value, message) => {
    let error: Error & { code?: number } = new Error('nothing thrown');
    try {
      settingsOf([], { TOUCHPOINT_NAMES: value });
    } catch (e) {
      error = e as Error & { code?: number };
    }
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
  });

  it('gives the names to the wall, the journey map and the inbox', async () => {
    const names = { checkout: { en: 'Checkout', es: 'Pago' } };
    const c = await startCollector({ names, adminToken: 't' });
    try {
      expect((await c.get('/api/summary')).json.names).toEqual(names);
      expect((await c.get('/api/inbox', { Authorization: 'Bearer t' })).json.names).toEqual(names);
    } finally {
      await c.close();
    }
  });
});
