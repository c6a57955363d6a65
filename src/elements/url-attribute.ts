import { warnOnce } from './warn.js';

/**
 * An attribute that must be an http(s) URL, resolved against the page: the absolute URL, or
 * null after one console error naming the element, the attribute and what it is for.
 */
export function urlAttribute(el: Element, name: string, purpose: string): string | null {
  const raw = el.getAttribute(name)?.trim();
  try {
    const url = new URL(raw!, document.baseURI);
    if (raw && /^https?:$/.test(url.protocol)) return url.href;
  } catch {}
  const tag = el.localName;
  warnOnce(`<${tag}> needs its ${name} attribute: the http(s) URL ${purpose}${raw ? `, not "${raw.slice(0, 80)}"` : ''}.`, 'error');
  return null;
}
