import { CONTEXT_KEY_PATTERN, CONTEXT_MAX_KEYS, CONTEXT_VALUE_MAX, TOUCHPOINT_PATTERN, type EffortScale, type Lang } from '../../core/answer.js';
import { inheritedLang, supportedLang } from '../../core/i18n/lang.js';
import { urlAttribute } from '../url-attribute.js';
import { warnOnce } from '../warn.js';

export type Question = 'effort' | 'emotion' | 'comment';
const QUESTIONS: Question[] = ['effort', 'emotion', 'comment'];

export interface FeedbackOptions {
  /** Absolute http(s) URL, or null when the attribute is missing or unusable. */
  endpoint: string | null;
  touchpoint: string;
  ask: Question[];
  effortScale: EffortScale;
  lang: Lang;
  mode: 'inline' | 'floating';
  /** Applied by the stylesheet (`:host([theme=…])`); read here so that a wrong value is told. */
  theme: 'auto' | 'light' | 'dark';
  openOn: string | null;
  cooldownDays: number;
  sample: number;
  batch: number;
  /** Sent as a CORS simple request, for endpoints that answer no preflight. */
  noPreflight: boolean;
}

/** What each attribute's value must look like; anything else warns once and the default applies. */
const VALID: Record<string, RegExp> = {
  touchpoint: TOUCHPOINT_PATTERN,
  ask: /^\s*(effort|emotion|comment)(\s+(effort|emotion|comment))*\s*$/,
  'effort-scale': /^[57]$/,
  lang: /^(en|es|fr|de|pt|it|ca|nl|ar)([-_]|$)/i,
  mode: /^(inline|floating)$/,
  theme: /^(auto|light|dark)$/,
  'open-on': /^\S{1,64}$/,
  'cooldown-days': /^\d{1,4}(\.\d+)?$/,
  sample: /^(0?\.\d+|0(\.\d*)?|1(\.0*)?)$/,
  batch: /^([1-9]\d?|100)$/,
};

/** `/` → `home`, `/shop/cart/` → `shop:cart`: the page path as a valid touchpoint id. */
export const touchpointFromPath = (path: string): string =>
  path.split('/').filter(Boolean).join(':').replace(/[^\w.:-]/g, '-').slice(-64) || 'home';

/** Reads the attributes of `<cx-feedback>`. Nothing here throws. */
export function readOptions(el: Element): FeedbackOptions {
  const get = (name: string): string | undefined => {
    const raw = el.getAttribute(name)?.trim();
    if (raw == null || VALID[name]?.test(raw)) return raw;
    warnOnce(`<cx-feedback> ignores ${name}="${raw.slice(0, 80)}" and uses its default (see the README).`);
  };
  const ask = get('ask')?.split(/\s+/);
  return {
    endpoint: urlAttribute(el, 'endpoint', 'to post answers to'),
    touchpoint: get('touchpoint') ?? touchpointFromPath(location.pathname),
    ask: ask ? QUESTIONS.filter((q) => ask.includes(q)) : QUESTIONS,
    effortScale: get('effort-scale') == '5' ? 5 : 7,
    lang: supportedLang(get('lang')) ?? inheritedLang(el),
    mode: get('mode') == 'floating' ? 'floating' : 'inline',
    theme: (get('theme') as FeedbackOptions['theme']) ?? 'auto',
    openOn: get('open-on') ?? null,
    cooldownDays: Math.min(+(get('cooldown-days') ?? 30), 3650),
    sample: +(get('sample') ?? 1),
    batch: +(get('batch') ?? 1),
    noPreflight: el.hasAttribute('no-preflight'),
  };
}

/** The element's data-* attributes, for the answer's `context`, within the schema's limits. */
export function contextOf(el: Element): Record<string, string> {
  const context: Record<string, string> = {};
  for (const name of el.getAttributeNames()) {
    if (!name.startsWith('data-')) continue;
    const key = name.slice(5);
    const value = [...el.getAttribute(name)!];
    const fits = CONTEXT_KEY_PATTERN.test(key) && Object.keys(context).length < CONTEXT_MAX_KEYS;
    if (!fits || value.length > CONTEXT_VALUE_MAX)
      warnOnce(`<cx-feedback> sends ${CONTEXT_MAX_KEYS} data-* at most, names of 1-64 characters, values cut to ${CONTEXT_VALUE_MAX}: check ${name}.`);
    if (fits) context[key] = value.slice(0, CONTEXT_VALUE_MAX).join('');
  }
  return context;
}
