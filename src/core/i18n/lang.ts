import type { Lang } from '../answer.js';

/** `es-MX` → `es`; anything Touchpoint does not speak → undefined. */
export function supportedLang(tag: string | null | undefined): Lang | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'es' || primary === 'en' ? primary : undefined;
}

/** The language of the page around `el`: the nearest `lang` attribute above it, then the browser's, then English. */
export function inheritedLang(el: Element): Lang {
  let node: Element | null = el.parentElement ?? (el.getRootNode() as ShadowRoot).host ?? null;
  for (; node; node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null)) {
    const lang = node.getAttribute('lang');
    if (lang !== null) {
      const ok = supportedLang(lang);
      if (ok) return ok;
      break;
    }
  }
  return supportedLang(globalThis.navigator?.language) ?? 'en';
}
