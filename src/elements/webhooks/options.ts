import { inheritedLang, supportedLang } from '../../core/i18n/lang.js';
import { warnOnce } from '../warn.js';

export interface WebhooksOptions {
  /** The collector's API root, absolute, without a trailing slash. Null when unusable. */
  source: string | null;
  lang: 'en' | 'es';
}

/** Reads the attributes of `<cx-webhooks>`. A bad value warns once and falls back; nothing throws. */
export function readOptions(el: Element): WebhooksOptions {
  const attr = (name: string) => el.getAttribute(name)?.trim() ?? null;
  let source: string | null = null;
  const raw = attr('source');
  try {
    const url = new URL(raw || '/api', document.baseURI);
    if (/^https?:$/.test(url.protocol)) source = url.href.replace(/\/+$/, '').split(/[?#]/)[0];
  } catch {}
  if (!source) warnOnce(`<cx-webhooks> needs its source attribute to be the http(s) URL of the collector's API (default /api), not "${raw?.slice(0, 80)}".`, 'error');
  const langRaw = attr('lang');
  const wanted = langRaw === null ? inheritedLang(el) : supportedLang(langRaw);
  if (langRaw !== null && !wanted) warnOnce(`<cx-webhooks> ignores lang="${langRaw.slice(0, 80)}": expected en or es. Using the default.`);
  return { source, lang: wanted === 'es' ? 'es' : 'en' };
}
