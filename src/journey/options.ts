import { LANGS, TOUCHPOINT_PATTERN, type Lang } from '../core/answer.js';
import type { TouchpointNames } from '../core/inbox.js';
import { namesAttribute } from '../core/names.js';
import { inheritedLang, supportedLang } from '../core/i18n/lang.js';
import { urlAttribute } from '../elements/url-attribute.js';
import { warnOnce } from '../elements/warn.js';
import { DEFAULT_PERIOD, isPeriod, type Period } from './period.js';

export interface JourneyOptions {
  /** Absolute http(s) URL, or null when the attribute is missing or unusable. */
  source: string | null;
  /** The journey's order from the `touchpoints` attribute: valid ids, each once. */
  touchpoints: string[];
  period: Period;
  lang: Lang;
  /** The `touchpoint-names` attribute, read; null without it or when it is not usable. */
  names: TouchpointNames | null;
  /** Absolute http(s) URL of the owner's inbox page, or null without a usable `inbox` attribute: then comments link nowhere. */
  inbox: string | null;
}

const warn = (name: string, raw: string, expected: string) =>
  warnOnce(`<cx-journey> ignores ${name}="${raw.slice(0, 80)}": expected ${expected}. Using the default.`);

/** Reads the attributes of `<cx-journey>`. A bad value warns once, naming the attribute, and falls back; nothing throws. */
export function readOptions(el: Element): JourneyOptions {
  const attr = (name: string) => el.getAttribute(name)?.trim() ?? null;

  const since = attr('since');
  if (since !== null && !isPeriod(since)) warn('since', since, '7d, 30d, 90d or all');

  const lang = attr('lang');
  if (lang !== null && !supportedLang(lang)) warn('lang', lang, LANGS.join(', '));

  return {
    source: urlAttribute(el, 'source', 'of a collector summary or of a JSON array of answers'),
    touchpoints: touchpointsOf(attr('touchpoints')),
    period: since !== null && isPeriod(since) ? since : DEFAULT_PERIOD,
    lang: supportedLang(lang) ?? inheritedLang(el),
    names: namesAttribute(el),
    inbox: el.hasAttribute('inbox') ? urlAttribute(el, 'inbox', 'of the owner’s inbox page') : null,
  };
}

function touchpointsOf(raw: string | null): string[] {
  const words = raw?.split(/\s+/).filter(Boolean) ?? [];
  const valid = words.filter((w) => TOUCHPOINT_PATTERN.test(w));
  if (valid.length < words.length)
    warnOnce(`<cx-journey> leaves out of touchpoints what is not a touchpoint id (1-64 characters of A-Z a-z 0-9 . _ : -): "${raw!.slice(0, 80)}".`);
  return [...new Set(valid)];
}
