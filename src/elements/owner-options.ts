import { inheritedLang, supportedLang } from '../core/i18n/lang.js';
import { warnOnce } from './warn.js';

/** What every element of the owner's page (`<cx-inbox>`, `<cx-notices>`, `<cx-webhooks>`) reads from its attributes. */
export interface OwnerOptions {
  /** The collector's API root, absolute, without a trailing slash: `https://…/api`. Null when unusable. */
  source: string | null;
  /** `en` or `es`; any other language Touchpoint speaks falls back to English on the owner's page. */
  lang: 'en' | 'es';
}

/**
 * `source` (default `/api`, the collector serving the page) and `lang` of an owner element. A bad
 * value warns once, naming the element and the attribute, and falls back; nothing throws.
 */
export function readOwnerOptions(el: Element): OwnerOptions {
  const attr = (name: string) => el.getAttribute(name)?.trim() ?? null;
  const tag = `<${el.localName}>`;

  let source: string | null = null;
  const raw = attr('source');
  try {
    const url = new URL(raw || '/api', document.baseURI);
    if (/^https?:$/.test(url.protocol)) source = url.href.replace(/\/+$/, '').split(/[?#]/)[0];
  } catch {}
  if (!source) warnOnce(`${tag} needs its source attribute to be the http(s) URL of the collector's API (default /api), not "${raw?.slice(0, 80)}".`, 'error');

  const langRaw = attr('lang');
  const wanted = langRaw === null ? inheritedLang(el) : supportedLang(langRaw);
  if (langRaw !== null && !wanted) warnOnce(`${tag} ignores lang="${langRaw.slice(0, 80)}": expected en or es. Using the default.`);
  return { source, lang: wanted === 'es' ? 'es' : 'en' };
}
