import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientKey, clientOf } from '../../src/server/client-address.js';

const request = (remoteAddress: string | undefined, forwarded?: string) =>
  ({ headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded }, socket: { remoteAddress } }) as unknown as IncomingMessage;

describe('clientKey', () => {
  it.each([
    ['203.0.113.9', '203.0.113.9'],
    ['::ffff:203.0.113.9', '203.0.113.9'],
    ['::FFFF:203.0.113.9', '203.0.113.9'],
    ['0:0:0:0:0:ffff:203.0.113.9', '203.0.113.9'],
    ['::ffff:cb00:7109', '203.0.113.9'],
    ['203.0.113.9:51234', '203.0.113.9'],
    [' 203.0.113.9 ', '203.0.113.9'],
  ])('writes an IPv4 client one way: %s', (address, key) => {
    expect(clientKey(address)).toBe(key);
  });

  it.each([
    '2001:db8:0:1::1',
    '2001:DB8:0:1::1',
    '2001:0db8:0000:0001:0000:0000:0000:0001',
    '2001:db8::1:0:0:0:1',
    '2001:db8:0:1:ffff:ffff:ffff:ffff',
    '2001:db8:0:1:abcd::',
    '[2001:db8:0:1::1]:443',
    '2001:db8:0:1::1%eth0',
    '2001:db8:0:1::203.0.113.9',
  ])('groups an IPv6 client by its /64, however written: %s', (address) => {
    expect(clientKey(address)).toBe('2001:db8:0:1::/64');
  });

  it('keeps other /64 networks apart', () => {
    const keys = ['2001:db8:0:1::1', '2001:db8:0:2::1', '2001:db8:1:1::1', '2001:db9:0:1::1', '::1', '::2:0:0:0:1'].map(clientKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
  });

  it('keeps what is not an address as its own key, one way, briefly', () => {
    expect(clientKey('Unknown')).toBe('unknown');
    expect(clientKey('x'.repeat(500))).toHaveLength(100);
    expect(clientKey('1.2.3.4.5')).toBe('1.2.3.4.5');
  });
});

describe('clientOf', () => {
  it('is the connection address, normalised', () => {
    expect(clientOf(request('::ffff:127.0.0.1'))).toBe('127.0.0.1');
    expect(clientOf(request('2001:db8::7'))).toBe('2001:db8:0:0::/64');
    expect(clientOf(request(undefined))).toBe('unknown');
  });

  it('ignores X-Forwarded-For unless the proxy is trusted', () => {
    expect(clientOf(request('10.0.0.1', '198.51.100.7'))).toBe('10.0.0.1');
    expect(clientOf(request('10.0.0.1', '198.51.100.7'), false)).toBe('10.0.0.1');
  });

  it('takes the last X-Forwarded-For entry behind a trusted proxy, normalised', () => {
    expect(clientOf(request('10.0.0.1', '198.51.100.7, 203.0.113.1'), true)).toBe('203.0.113.1');
    expect(clientOf(request('10.0.0.1', '198.51.100.7, ::FFFF:203.0.113.1'), true)).toBe('203.0.113.1');
    expect(clientOf(request('10.0.0.1', '2001:db8:0:1::1,2001:DB8:0:1:0:0:0:2'), true)).toBe('2001:db8:0:1::/64');
    // Nothing usable forwarded: the proxy's own address.
    expect(clientOf(request('::ffff:10.0.0.1', ' , '), true)).toBe('10.0.0.1');
    expect(clientOf(request('10.0.0.1'), true)).toBe('10.0.0.1');
  });
});
