import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * The owner's password, kept only as a scrypt hash (`TOUCHPOINT_ADMIN_PASSWORD_HASH`), written as
 * one self-describing string: `scrypt$N$r$p$salt$hash`, salt and hash in base64url. Made by
 * `npx touchpoint-cx hash-password`; a hash made with other parameters still verifies, since they
 * travel with it.
 */
export const SCRYPT = { N: 2 ** 15, r: 8, p: 1, saltBytes: 16, keyBytes: 32 };

const FORMAT = /^scrypt\$(\d{1,8})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9_-]{22,128})\$([A-Za-z0-9_-]{22,128})$/;

export interface PasswordHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

/**
 * Reads a stored hash, or null when it is not one this collector can verify. The cost parameters
 * are bounded (N from 2^10 to 2^20, r to 32, p to 16, at most 256 MiB) so that a mistyped
 * configuration cannot make each sign-in take minutes or all the memory.
 */
export function parsePasswordHash(text: string): PasswordHash | null {
  const m = FORMAT.exec(text.trim());
  if (!m) return null;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const salt = Buffer.from(m[4], 'base64url');
  const hash = Buffer.from(m[5], 'base64url');
  if (!(N >= 2 ** 10 && N <= 2 ** 20 && (N & (N - 1)) === 0)) return null;
  if (!(r >= 1 && r <= 32 && p >= 1 && p <= 16) || 128 * N * r * p > 256 * 2 ** 20) return null;
  if (salt.length < 16 || hash.length < 16 || hash.length > 64) return null;
  return { N, r, p, salt, hash };
}

function derive(password: string, salt: Buffer, keyBytes: number, { N, r, p }: { N: number; r: number; p: number }): Promise<Buffer> {
  // Node's default memory cap (32 MiB) is exactly what N = 2^15, r = 8 needs, with no room to spare.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r * p + 2 ** 20 };
  // NFC: the same password typed on two keyboards (é as one code point or as e + accent) is one password.
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, keyBytes, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/** A new hash of `password` with a random salt, as `hash-password` prints it. */
export async function hashPassword(password: string, params: { N: number; r: number; p: number } = SCRYPT): Promise<string> {
  const salt = randomBytes(SCRYPT.saltBytes);
  const hash = await derive(password, salt, SCRYPT.keyBytes, params);
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/** Whether `password` is the one hashed; off the event loop (libuv's pool), compared in constant time. */
export async function verifyPassword(password: string, stored: PasswordHash | string): Promise<boolean> {
  const parsed = typeof stored === 'string' ? parsePasswordHash(stored) : stored;
  if (!parsed) return false;
  const derived = await derive(password, parsed.salt, parsed.hash.length, parsed);
  return timingSafeEqual(derived, parsed.hash);
}
