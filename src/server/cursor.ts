import { UUID_PATTERN } from '../core/answer.js';
import type { FeedPosition } from './storage/storage.js';

/** An opaque `next` cursor for the feed: the position of a page's last item, base64url-encoded. */
export const encodeCursor = ({ ms, id }: FeedPosition): string => Buffer.from(JSON.stringify([ms, id])).toString('base64url');

/** The position a cursor stands for, or null when it is not one this collector made. */
export function decodeCursor(cursor: string): FeedPosition | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [ms, id] = value;
    return Number.isSafeInteger(ms) && typeof id === 'string' && UUID_PATTERN.test(id) ? { ms, id } : null;
  } catch {
    return null;
  }
}
