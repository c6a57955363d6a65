/**
 * The collector's redaction of a comment on ingest: the widget's rules again (e-mails, Luhn-valid
 * cards, phone numbers: `src/core/redact.ts`), for answers posted by clients that skipped them, plus
 * what costs the widget too many bytes to carry: IBANs, Spanish DNI, NIE and social security numbers
 * and Italian codici fiscali. Only shapes with a check digit or letter, so that look-alikes (order
 * numbers, tracking codes, dates, prices, postcodes) stay. Same style as the widget's placeholders:
 * `[iban]`, `[id]`.
 *
 * Server-only on purpose: the widget's bundle has no bytes to spare for these tables.
 */
import { redact as widgetRedact } from '../core/redact.js';

/**
 * Where a number may start and end: not glued to letters or digits, nor part of an e-mail, a URL
 * path or a longer code ("ORD-12345678Z", "a.12345678Z@mail.es" and "…/12345678Z" are left to the
 * rules they belong to). A trailing full stop or hyphen ends a sentence or a clause, so it is fine.
 */
const START = String.raw`(?<![\p{L}\p{N}_@./\\-])`;
const END = String.raw`(?![\p{L}\p{N}_@]|[-./\\][\p{L}\p{N}])`;

/** Lengths of the IBAN of each country in the IBAN registry (ISO 13616), BBAN and all. */
const IBAN_LENGTH: Record<string, number> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28, CH: 21,
  CR: 22, CY: 28, CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27,
  GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26,
  IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MD: 24,
  ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29,
  RO: 24, RS: 22, SA: 24, SC: 31, SE: 24, SI: 19, SK: 24, SM: 27, ST: 25, SV: 28, TL: 23, TN: 24,
  TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
};

/** A country code and two check digits where a number may start: where an IBAN might begin. */
const IBAN_START = new RegExp(`${START}([a-z]{2})\\d\\d`, 'giu');
/** The rest of an IBAN of `length` characters, from its start: unspaced, or printed in groups of four. */
const ibanBody = new Map<number, RegExp>();
const ibanBodyOf = (length: number): RegExp => {
  let re = ibanBody.get(length);
  if (!re) {
    const rest = length - 4;
    const spaced = `(?: [a-z0-9]{4}){${rest >> 2}}${rest % 4 ? `(?: [a-z0-9]{${rest % 4}})` : ''}`;
    re = new RegExp(`(?:[a-z0-9]{${rest}}|${spaced})${END}`, 'iuy');
    ibanBody.set(length, re);
  }
  return re;
};

/** ISO 7064 mod 97-10 as IBANs use it: the first four characters moved to the end, letters as 10–35, remainder 1. */
export function ibanValid(iban: string): boolean {
  const s = iban.replace(/ /g, '').toUpperCase();
  if (!/^[A-Z]{2}\d\d[A-Z0-9]+$/.test(s) || IBAN_LENGTH[s.slice(0, 2)] !== s.length) return false;
  let rest = 0;
  for (const c of s.slice(4) + s.slice(0, 4)) {
    const n = parseInt(c, 36);
    rest = (n > 9 ? rest * 100 + n : rest * 10 + n) % 97;
  }
  return rest === 1;
}

function redactIbans(text: string): string {
  let out = '';
  let from = 0;
  IBAN_START.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = IBAN_START.exec(text)); ) {
    const length = IBAN_LENGTH[m[1].toUpperCase()];
    if (!length) continue;
    const body = ibanBodyOf(length);
    body.lastIndex = m.index + 4;
    const rest = body.exec(text);
    if (!rest || !ibanValid(m[0] + rest[0])) {
      IBAN_START.lastIndex = m.index + 1;
      continue;
    }
    out += text.slice(from, m.index) + '[iban]';
    from = IBAN_START.lastIndex = body.lastIndex;
  }
  return out + text.slice(from);
}

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

/** The control letter of a DNI number (a NIE's with X, Y, Z read as 0, 1, 2): the number mod 23 in the table. */
export const dniLetter = (digits: string): string => DNI_LETTERS[Number(digits) % 23];

/**
 * DNI: 8 digits (or 12.345.678) and the letter, glued or after a hyphen ("12345678Z",
 * "12345678-z"), or after a space when it is a capital ("12345678 Z": "… 40001234 a las 10" is
 * Spanish, not a DNI). NIE: X, Y or Z, 7 digits and the letter, hyphens allowed.
 */
const DNI = new RegExp(
  `${START}(?:(\\d{8})|(\\d\\d)\\.(\\d{3})\\.(\\d{3})|([xyz])-?(\\d{7}))(-| )?([a-z])${END}`,
  'giu',
);

function dni(m: string, d8: string | undefined, a: string, b: string, c: string, nie: string | undefined, d7: string, sep: string | undefined, letter: string): string {
  if (sep === ' ' && letter !== letter.toUpperCase()) return m;
  const digits = nie ? 'XYZ'.indexOf(nie.toUpperCase()) + d7 : (d8 ?? a + b + c);
  return dniLetter(digits) === letter.toUpperCase() ? '[id]' : m;
}

/**
 * Spanish social security number (NUSS/NAF) as printed on the card, "28/12345678/40": province,
 * number and two control digits, (province and number) mod 97. Written with spaces, hyphens or
 * nothing it is 12 digits, which the widget's phone rule already takes.
 */
const NSS = new RegExp(`${START}(\\d\\d)/(\\d{7,8})/(\\d\\d)${END}`, 'gu');

export function nssValid(province: string, number: string, control: string): boolean {
  const n = Number(number);
  const base = n < 10_000_000 ? Number(province) * 10_000_000 + n : Number(province + number);
  return base % 97 === Number(control);
}

/**
 * Italian codice fiscale: 6 letters, year, month letter, day, municipality, check letter; digits
 * may be replaced by L–V in homocodes. The check letter: characters at odd places through a table,
 * at even places by value, summed mod 26.
 */
const D = '[0-9lmnpqrstuv]';
const CODICE_FISCALE = new RegExp(`${START}[a-z]{6}${D}{2}[abcdehlmprst]${D}{2}[a-z]${D}{3}[a-z]${END}`, 'giu');
const CF_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

export function codiceFiscaleValid(code: string): boolean {
  const s = code.toUpperCase();
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = s.charCodeAt(i);
    const v = c <= 57 ? c - 48 : c - 65;
    sum += i % 2 ? v : CF_ODD[v];
  }
  return s.charCodeAt(15) - 65 === sum % 26;
}

/**
 * A comment as the collector stores it. The numbers the widget does not know go first, so that its
 * card and phone rules cannot take a piece out of an IBAN; e-mails cannot lose their local part to
 * them, since a number glued to "@" or "." is never taken.
 */
export function redactComment(text: string): string {
  return widgetRedact(
    redactIbans(text)
      .replace(DNI, dni)
      .replace(NSS, (m, p: string, n: string, c: string) => (nssValid(p, n, c) ? '[id]' : m))
      .replace(CODICE_FISCALE, (m) => (codiceFiscaleValid(m) ? '[id]' : m)),
  );
}
