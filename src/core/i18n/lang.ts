import { LANGS, type Lang } from '../answer.js';

/** `es-MX` → `es`, `fr` → `fr`; a language Touchpoint does not speak → undefined. */
export const supportedLang = (tag?: string | null): Lang | undefined => {
  const primary = /^([a-z]{2,3})(?![a-z])/i.exec(tag?.trim() ?? '')?.[1].toLowerCase() as Lang | undefined;
  return primary && LANGS.includes(primary) ? primary : undefined;
};

/** The language around `el`: the nearest `lang` attribute above it, then the browser's, then English. */
export const inheritedLang = (el: Element): Lang =>
  supportedLang(el.parentElement?.closest('[lang]')?.getAttribute('lang')) ?? supportedLang(globalThis.navigator?.language) ?? 'en';

/** The writing direction of a language Touchpoint speaks, for the element's own `dir`, whatever the page's. */
export const dirOf = (lang: string): 'ltr' | 'rtl' => (lang == 'ar' ? 'rtl' : 'ltr');
