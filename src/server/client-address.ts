import type { IncomingMessage } from 'node:http';
import { isIPv4, isIPv6 } from 'node:net';

/**
 * Which client a request counts against (the rate limit's bucket): the connection's address, or
 * with `trustProxy` the last `X-Forwarded-For` entry (the one your own proxy added).
 */
export function clientOf(req: IncomingMessage, trustProxy = false): string {
  const forwarded = trustProxy ? req.headers['x-forwarded-for'] : undefined;
  const last = typeof forwarded === 'string' ? forwarded.split(',').at(-1)!.trim() : '';
  return clientKey(last || req.socket.remoteAddress || 'unknown');
}

/**
 * One key per client however its address is written: IPv4 as is (also when IPv4-mapped,
 * `::ffff:1.2.3.4`), IPv6 by its /64 prefix (one subscriber's network: a host picks any address in
 * it, so counting whole addresses would give each client 2^64 allowances) in canonical form,
 * e.g. `2001:db8:0:1::/64`. Anything else (a proxy's `unknown`) is its own key, lower-cased.
 */
export function clientKey(address: string): string {
  const bare = withoutPort(address.trim());
  if (isIPv4(bare)) return bare;
  const groups = ipv6Groups(bare);
  if (!groups) return address.trim().toLowerCase().slice(0, 100);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff)
    return [groups[6] >> 8, groups[6] & 255, groups[7] >> 8, groups[7] & 255].join('.');
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
}

/** `[v6]:port` and `v4:port` (some proxies write the port) without it; a zone (`%eth0`) dropped. */
function withoutPort(address: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  const bare = bracketed ? bracketed[1] : /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(address)?.[1] ?? address;
  return bare.replace(/%.*$/, '');
}

/** The eight 16-bit groups of an IPv6 address, or null when it is not one. */
function ipv6Groups(address: string): number[] | null {
  if (!isIPv6(address)) return null;
  // A trailing dotted quad (`::ffff:1.2.3.4`) is the last two groups.
  const text = address.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, a, b, c, d) =>
    `${((+a << 8) | +b).toString(16)}:${((+c << 8) | +d).toString(16)}`,
  );
  const [head, tail] = text.split('::');
  const parse = (part: string | undefined) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const before = parse(head);
  const after = parse(tail);
  const zeros = tail === undefined ? 0 : 8 - before.length - after.length;
  return [...before, ...Array<number>(zeros).fill(0), ...after];
}
