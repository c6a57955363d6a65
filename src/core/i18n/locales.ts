import type { Lang } from '../answer.js';
import { warnOnce } from '../../elements/warn.js';

/** What an element says, by element: each locale script brings every part but the owner's (notices). */
export type Part = 'feedback' | 'wall' | 'journey' | 'status' | 'notices';
type Registry = Partial<Record<Lang, Partial<Record<Part, unknown>>>>;

const KEY = Symbol.for('touchpoint-cx.locales');
/** Kept on globalThis, so a locale script and any copy of a bundle share it. */
const registry = (): Registry => ((globalThis as unknown as Record<symbol, Registry>)[KEY] ??= {});

/**
 * Adds a language (what `dist/locales/<lang>.js` does when it loads); the elements already on
 * the page hear `cx-locale` on window and speak it.
 */
export function registerLocale(lang: Lang, parts: Partial<Record<Part, unknown>>): void {
  Object.assign((registry()[lang] ??= {}), parts);
  globalThis.dispatchEvent?.(new Event('cx-locale'));
}

/**
 * What `part` says in `lang`: built in (English and Spanish), or brought by its locale script.
 * Without it, English, and once the page has loaded (a locale script may come later than the
 * element), one console warning naming the file to add. `lang` is the language actually used.
 */
const waiting = new Set<string>();

export function stringsFor<T>(part: Part, lang: Lang, builtIn: Partial<Record<Lang, T>>): { t: T; lang: Lang } {
  const t = builtIn[lang] ?? (registry()[lang]?.[part] as T | undefined);
  if (t) return { t, lang };
  if (!waiting.has(lang)) {
    waiting.add(lang);
    const tell = () =>
      registry()[lang]?.[part] ||
      warnOnce(`lang "${lang}" needs its locale script: <script src=".../dist/locales/${lang}.js"> (or import 'touchpoint-cx/locales/${lang}'). English until then.`);
    if (document.readyState == 'complete') tell();
    else addEventListener('load', tell, { once: true });
  }
  return { t: builtIn.en!, lang: 'en' };
}
