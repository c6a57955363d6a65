import type { Lang } from '../core/answer.js';

/** Numbers and dates as the language writes them: "4.2" and "68%" in English, "4,2" and "68 %" in Spanish. */
export interface Format {
  integer(x: number): string;
  fixed(x: number, digits: number): string;
  /** With a sign unless zero: "+0.33", "−0.25". */
  signed(x: number, digits: number): string;
  percent(share: number): string;
  date(iso: string): string;
  /** "cart, checkout and delivery". */
  list(items: string[]): string;
}

const cache = new Map<Lang, Format>();

export function formatFor(lang: Lang): Format {
  let f = cache.get(lang);
  if (f) return f;
  const formats = new Map<string, Intl.NumberFormat>();
  const fixed = (digits: number, signDisplay: 'auto' | 'exceptZero') => {
    const key = `${digits} ${signDisplay}`;
    let nf = formats.get(key);
    if (!nf) formats.set(key, (nf = new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay })));
    return nf;
  };
  const integer = new Intl.NumberFormat(lang);
  const percent = new Intl.NumberFormat(lang, { style: 'percent' });
  const list = new Intl.ListFormat(lang);
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'medium' });
  f = {
    integer: (x) => integer.format(x),
    fixed: (x, digits) => fixed(digits, 'auto').format(x),
    signed: (x, digits) => fixed(digits, 'exceptZero').format(x),
    percent: (x) => percent.format(x),
    date: (iso) => date.format(new Date(iso)),
    list: (items) => list.format(items),
  };
  cache.set(lang, f);
  return f;
}
