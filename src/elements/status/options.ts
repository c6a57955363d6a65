import { LANGS, TOUCHPOINT_PATTERN, type Lang } from '../../core/answer.js';
import { inheritedLang, supportedLang } from '../../core/i18n/lang.js';
import { touchpointFromPath } from '../feedback/options.js';
import { urlAttribute } from '../url-attribute.js';
import { warnOnce } from '../warn.js';

/** Seconds between checks while the page is visible: the default, and the bounds of `interval`. */
export const INTERVAL = { default: 60, min: 10, max: 3600 };

export interface StatusOptions {
  /** Absolute http(s) URL, or null when the attribute is missing or unusable. */
  source: string | null;
  touchpoint: string;
  lang: Lang;
  /** Milliseconds between checks while the page is visible. */
  intervalMs: number;
}

/** Reads the attributes of `<cx-status>`. A wrong value warns once and the default is used; nothing here throws. */
export function readOptions(el: Element): StatusOptions {
  const get = (name: string, valid: (raw: string) => boolean, expected: string): string | undefined => {
    const raw = el.getAttribute(name)?.trim();
    if (raw == null || valid(raw)) return raw;
    warnOnce(`<cx-status> ignores ${name}="${raw.slice(0, 80)}": expected ${expected}. Using the default.`);
  };
  const seconds = get('interval', (raw) => /^\d{1,4}$/.test(raw) && +raw >= INTERVAL.min && +raw <= INTERVAL.max, `whole seconds from ${INTERVAL.min} to ${INTERVAL.max}`);
  return {
    source: urlAttribute(el, 'source', 'of a status'),
    touchpoint: get('touchpoint', (raw) => TOUCHPOINT_PATTERN.test(raw), '1-64 characters of A-Z a-z 0-9 . _ : -') ?? touchpointFromPath(location.pathname),
    lang: supportedLang(get('lang', (raw) => !!supportedLang(raw), LANGS.join(', '))) ?? inheritedLang(el),
    intervalMs: +(seconds ?? INTERVAL.default) * 1000,
  };
}
