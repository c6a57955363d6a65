import { LANGS, TOUCHPOINT_PATTERN, type Lang } from '../../core/answer.js';
import type { TouchpointNames } from '../../core/inbox.js';
import { namesAttribute } from '../../core/names.js';
import { inheritedLang, supportedLang } from '../../core/i18n/lang.js';
import { urlAttribute } from '../url-attribute.js';
import { warnOnce } from '../warn.js';

export const PAGE_SIZE = 20;
/** The collector's `limit` tops out here too; a bigger page would not be a page. */
export const PAGE_SIZE_MAX = 100;

export interface WallOptions {
  /** Absolute http(s) URL of the feed, or null when the attribute is missing or unusable. */
  source: string | null;
  /** Show this touchpoint only; null shows them all. */
  touchpoint: string | null;
  pageSize: number;
  lang: Lang;
  /** The `touchpoint-names` attribute, read; null without it or when it is not usable. */
  names: TouchpointNames | null;
}

/**
 * Reads the attributes of `<cx-wall>`. An invalid value warns once, naming the attribute, and the
 * default is used instead; nothing here throws. Deliberately, nothing here can hide answers by
 * score or emotion.
 */
export function readOptions(el: Element): WallOptions {
  const attr = (name: string) => el.getAttribute(name)?.trim() ?? null;
  function pick<T>(name: string, fallback: T, parse: (raw: string) => T | undefined, expected: string): T {
    const raw = attr(name);
    if (raw === null) return fallback;
    const value = parse(raw);
    if (value !== undefined) return value;
    warnOnce(`<cx-wall> ignores ${name}="${raw.slice(0, 80)}": expected ${expected}. Using the default.`);
    return fallback;
  }
  return {
    source: urlAttribute(el, 'source', 'of a feed'),
    touchpoint: pick<string | null>('touchpoint', null, (raw) => (TOUCHPOINT_PATTERN.test(raw) ? raw : undefined), '1-64 characters of A-Z a-z 0-9 . _ : -'),
    pageSize: pick('page-size', PAGE_SIZE, (raw) => {
      const n = raw === '' ? NaN : Number(raw);
      return Number.isInteger(n) && n >= 1 && n <= PAGE_SIZE_MAX ? n : undefined;
    }, `a whole number from 1 to ${PAGE_SIZE_MAX}`),
    lang: pick('lang', inheritedLang(el), supportedLang, LANGS.join(', ')),
    names: namesAttribute(el),
  };
}
