import { CONTEXT_KEY_PATTERN, CONTEXT_MAX_KEYS, CONTEXT_VALUE_MAX, TOUCHPOINT_PATTERN, type EffortScale, type Lang } from '../../core/answer.js';
import { inheritedLang, supportedLang } from '../../core/i18n/lang.js';
import { warnOnce } from '../warn.js';

export type Question = 'effort' | 'emotion' | 'comment';
const QUESTIONS: readonly Question[] = ['effort', 'emotion', 'comment'];

export interface FeedbackOptions {
  /** Absolute http(s) URL, or null when the attribute is missing or unusable. */
  endpoint: string | null;
  touchpoint: string;
  ask: readonly Question[];
  effortScale: EffortScale;
  lang: Lang;
  mode: 'inline' | 'floating';
  openOn: string | null;
  cooldownDays: number;
  sample: number;
  batch: number;
  questions: Partial<Record<Question, string>>;
}

/** `/` → `home`, `/shop/cart/` → `shop:cart`: the page path as a valid touchpoint id. */
export function touchpointFromPath(path: string): string {
  const id = path
    .split('/')
    .filter(Boolean)
    .join(':')
    .replace(/[^A-Za-z0-9._:-]/g, '-')
    .slice(-64);
  return id || 'home';
}

/**
 * Reads the attributes of `<cx-feedback>`. An invalid value warns once, naming the attribute,
 * and the default is used instead; nothing here throws.
 */
export function readOptions(el: Element): FeedbackOptions {
  const attr = (name: string) => el.getAttribute(name)?.trim() ?? null;
  function pick<T>(name: string, fallback: T, parse: (raw: string) => T | undefined, expected: string): T {
    const raw = attr(name);
    if (raw === null) return fallback;
    const value = parse(raw);
    if (value !== undefined) return value;
    warnOnce(`<cx-feedback> ignores ${name}="${raw.slice(0, 80)}": expected ${expected}. Using the default.`);
    return fallback;
  }
  const number = (min: number, max: number, integer = false) => (raw: string) => {
    const n = raw === '' ? NaN : Number(raw);
    return n >= min && n <= max && (!integer || Number.isInteger(n)) ? n : undefined;
  };

  const ask = pick<readonly Question[]>('ask', QUESTIONS, (raw) => {
    const words = raw.split(/\s+/).filter(Boolean);
    return words.length && words.every((w) => QUESTIONS.includes(w as Question))
      ? QUESTIONS.filter((q) => words.includes(q))
      : undefined;
  }, 'a space-separated list of effort, emotion, comment');

  return {
    endpoint: endpointOf(attr('endpoint')),
    touchpoint: pick('touchpoint', touchpointFromPath(location.pathname), (raw) => (TOUCHPOINT_PATTERN.test(raw) ? raw : undefined), '1-64 characters of A-Z a-z 0-9 . _ : -'),
    ask,
    effortScale: pick<EffortScale>('effort-scale', 7, (raw) => (raw === '5' ? 5 : raw === '7' ? 7 : undefined), '5 or 7'),
    lang: pick('lang', inheritedLang(el), supportedLang, 'es or en'),
    mode: pick('mode', 'inline' as const, (raw) => (raw === 'inline' || raw === 'floating' ? raw : undefined), 'inline or floating'),
    openOn: pick('open-on', null, (raw) => (/^[^\s]{1,64}$/.test(raw) ? raw : undefined), 'an event name'),
    cooldownDays: pick('cooldown-days', 30, number(0, 3650), 'a number of days from 0 to 3650'),
    sample: pick('sample', 1, number(0, 1), 'a probability from 0 to 1'),
    batch: pick('batch', 1, number(1, 100, true), 'a whole number from 1 to 100'),
    questions: Object.fromEntries(
      QUESTIONS.map((q) => [q, attr(`question-${q}`)?.slice(0, 300)]).filter(([, text]) => text),
    ),
  };
}

function endpointOf(raw: string | null): string | null {
  try {
    const url = new URL(raw!, document.baseURI);
    if (raw && /^https?:$/.test(url.protocol)) return url.href;
  } catch {
    // Reported below.
  }
  warnOnce(
    `<cx-feedback> needs an endpoint attribute with an http(s) URL to post answers to${raw ? `, not "${raw.slice(0, 80)}"` : ''}. Nothing is shown until it has one.`,
    'error',
  );
  return null;
}

/** The element's data-* attributes, for the answer's `context`, within the schema's limits. */
export function contextOf(el: Element): Record<string, string> {
  const context: Record<string, string> = {};
  let keys = 0;
  for (const name of el.getAttributeNames()) {
    if (!name.startsWith('data-')) continue;
    const key = name.slice(5);
    if (!CONTEXT_KEY_PATTERN.test(key) || ++keys > CONTEXT_MAX_KEYS) {
      warnOnce(`<cx-feedback> leaves ${name} out of the answer's context: at most ${CONTEXT_MAX_KEYS} data-* attributes with names of 1-64 characters.`);
      continue;
    }
    const value = [...el.getAttribute(name)!];
    if (value.length > CONTEXT_VALUE_MAX) warnOnce(`<cx-feedback> cuts ${name} to ${CONTEXT_VALUE_MAX} characters.`);
    context[key] = value.slice(0, CONTEXT_VALUE_MAX).join('');
  }
  return context;
}
