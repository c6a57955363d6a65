import type { TouchpointNames } from '../../core/inbox.js';
import { isObject } from '../../core/answer.js';
import { inheritedLang, supportedLang } from '../../core/i18n/lang.js';
import { warnOnce } from '../warn.js';

export interface InboxOptions {
  /** The collector's API root, absolute, without a trailing slash: `https://…/api`. Null when unusable. */
  source: string | null;
  /** `en` or `es`; any other language Touchpoint speaks falls back to English here. */
  lang: 'en' | 'es';
  /** Display names from the `touchpoint-names` attribute, over the collector's. */
  names: TouchpointNames;
}

const warn = (name: string, raw: string, expected: string) =>
  warnOnce(`<cx-inbox> ignores ${name}="${raw.slice(0, 80)}": expected ${expected}. Using the default.`);

/** Reads the attributes of `<cx-inbox>`. A bad value warns once, naming the attribute, and falls back; nothing throws. */
export function readOptions(el: Element): InboxOptions {
  const attr = (name: string) => el.getAttribute(name)?.trim() ?? null;

  let source: string | null = null;
  const raw = attr('source');
  try {
    const url = new URL(raw || '/api', document.baseURI);
    if (/^https?:$/.test(url.protocol)) source = url.href.replace(/\/+$/, '').split(/[?#]/)[0];
  } catch {}
  if (!source) warnOnce(`<cx-inbox> needs its source attribute to be the http(s) URL of the collector's API (default /api), not "${raw?.slice(0, 80)}".`, 'error');

  const langRaw = attr('lang');
  const wanted = langRaw === null ? inheritedLang(el) : supportedLang(langRaw);
  if (langRaw !== null && !wanted) warn('lang', langRaw, 'en or es');

  return { source, lang: wanted === 'es' ? 'es' : 'en', names: namesOf(attr('touchpoint-names')) };
}

const cache = new Map<string, TouchpointNames>();

function namesOf(raw: string | null): TouchpointNames {
  if (!raw) return {};
  let names = cache.get(raw);
  if (names) return names;
  names = {};
  let ok = false;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (isObject(parsed)) {
      ok = true;
      for (const [id, byLang] of Object.entries(parsed))
        if (isObject(byLang)) names[id] = Object.fromEntries(Object.entries(byLang).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
        else ok = false;
    }
  } catch {}
  if (!ok) warn('touchpoint-names', raw, 'JSON such as {"checkout": {"en": "Checkout", "es": "Pago"}}');
  cache.set(raw, names);
  return names;
}
