import type { Lang } from '../../core/answer.js';

/** Numbers, shares and dates in the wall's language. Intl formatters are costly to make, so they are made once per language. */
export interface Formats {
  number: (n: number) => string;
  percent: (share: number) => string;
  /** "3 days ago", "yesterday", "now" */
  relative: (iso: string, now: number) => string;
  /** "20 November 2026 at 10:00", in the reader's time zone */
  exact: (iso: string) => string;
  /** "2 personal data, 1 abusive" */
  list: (items: string[]) => string;
}

const DAY = 86_400_000;
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * DAY],
  ['month', 30 * DAY],
  ['week', 7 * DAY],
  ['day', DAY],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

const made = new Map<Lang, Formats>();

export function formats(lang: Lang): Formats {
  let f = made.get(lang);
  if (f) return f;
  const number = new Intl.NumberFormat(lang);
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
  const relative = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  const exact = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short' });
  const list = new Intl.ListFormat(lang, { type: 'unit', style: 'short' });
  f = {
    number: (n) => number.format(n),
    percent: (share) => percent.format(share),
    relative: (iso, now) => {
      const diff = Date.parse(iso) - now;
      const [unit, ms] = UNITS.find(([, ms]) => Math.abs(diff) >= ms) ?? UNITS[UNITS.length - 1];
      // Rounded away from zero at .5, the same for past and future (Math.round(-1.5) is -1).
      return relative.format(Math.sign(diff) * Math.round(Math.abs(diff) / ms), unit);
    },
    exact: (iso) => exact.format(Date.parse(iso)),
    list: (items) => list.format(items),
  };
  made.set(lang, f);
  return f;
}
