import type { Lang } from '../answer.js';

/** `es-MX` → `es`; anything Touchpoint does not speak → undefined. */
export const supportedLang = (tag?: string | null): Lang | undefined => /^(es|en)(?![a-z])/i.exec(tag?.trim() ?? '')?.[1].toLowerCase() as Lang | undefined;

/** The language around `el`: the nearest `lang` attribute above it, then the browser's, then English. */
export const inheritedLang = (el: Element): Lang =>
  supportedLang(el.parentElement?.closest('[lang]')?.getAttribute('lang')) ?? supportedLang(globalThis.navigator?.language) ?? 'en';

/** The writing direction of a language Touchpoint speaks, for the element's own `dir`, whatever the page's. */
export const dirOf = (lang: string): 'ltr' | 'rtl' => (/^(ar|he|fa|ur)$/.test(lang) ? 'rtl' : 'ltr');
