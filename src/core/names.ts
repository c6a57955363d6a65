import { isObject, TOUCHPOINT_PATTERN } from './answer.js';
import type { TouchpointNames } from './inbox.js';
import { warnOnce } from '../elements/warn.js';

/** Longest display name kept; a longer one is left out, and the id shows instead. */
export const NAME_MAX = 100;
const LANG_KEY = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

/**
 * Display names per touchpoint and language (`/api/summary`'s `names`, or the `touchpoint-names`
 * attribute), read liberally: entries that are not a touchpoint id with language tags mapped to
 * non-empty text are left out, the rest kept. Null when `x` is not an object at all.
 */
export function readNames(x: unknown): TouchpointNames | null {
  if (!isObject(x)) return null;
  const names: TouchpointNames = {};
  for (const [touchpoint, byLang] of Object.entries(x)) {
    if (!TOUCHPOINT_PATTERN.test(touchpoint) || !isObject(byLang)) continue;
    const kept: Record<string, string> = {};
    for (const [lang, name] of Object.entries(byLang))
      if (LANG_KEY.test(lang) && typeof name == 'string' && name.trim() && name.length <= NAME_MAX) kept[lang] = name.trim();
    if (Object.keys(kept).length) names[touchpoint] = kept;
  }
  return names;
}

/**
 * The `touchpoint-names` attribute of `el`: JSON like `{"checkout": {"en": "Checkout", "es": "Pago"}}`.
 * Not JSON, or not an object: one warning, and no names. The last text read is remembered, so a
 * render does not parse it again.
 */
const parsed = new WeakMap<Element, { raw: string; names: TouchpointNames | null }>();

export function namesAttribute(el: Element): TouchpointNames | null {
  const raw = el.getAttribute('touchpoint-names');
  if (raw === null) return null;
  const last = parsed.get(el);
  if (last?.raw === raw) return last.names;
  let names: TouchpointNames | null = null;
  try {
    names = readNames(JSON.parse(raw));
  } catch {}
  if (!names)
    warnOnce(`<${el.localName}> ignores touchpoint-names="${raw.slice(0, 80)}": expected JSON like {"checkout": {"en": "Checkout", "es": "Pago"}}.`);
  parsed.set(el, { raw, names });
  return names;
}

/** The collector's names with the attribute's over them, language by language. */
export function mergeNames(base: TouchpointNames | null | undefined, over: TouchpointNames | null | undefined): TouchpointNames {
  const names: TouchpointNames = { ...base };
  for (const [touchpoint, byLang] of Object.entries(over ?? {})) names[touchpoint] = { ...names[touchpoint], ...byLang };
  return names;
}
