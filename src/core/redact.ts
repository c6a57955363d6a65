/**
 * Removes what a customer should not have typed into a feedback box before it leaves the page:
 * e-mail addresses, payment-card numbers (13–19 digits passing the Luhn check) and phone numbers.
 * Cards go first so a card number is never mistaken for a phone number.
 */

const EMAIL = /[^\s@<>()[\]",;:]+@[^\s@<>()[\]",;:]+\.[a-z]{2,}/gi;
// Digit runs with the separators people type inside numbers: spaces, dashes, dots, parentheses.
const CARDLIKE = /\d(?:[ -]?\d){12,18}(?!\d)/g;
// 9–15 digits, or 7+ when written with a leading +. Nine keeps dates (8 digits) and short order
// numbers readable while catching national numbers (ES 9, FR 10, UK 11 digits).
const PHONE = /(?:\+\d|\(\d|\d)[\d\s().-]{5,22}\d/g;

// Dates and times are never phone numbers: "2026-11-23 10:30", "23.11.2026".
const DATE = /(\d{4}-\d\d-\d\d(?:[ T]\d\d:\d\d)?|\d\d?[./]\d\d?[./]\d{2,4})/;

const digitsOf = (s: string): string => s.replace(/\D/g, '');

export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = +digits[digits.length - 1 - i];
    if (i % 2) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

export function redact(text: string): string {
  return text
    .replace(EMAIL, '[email]')
    .replace(CARDLIKE, (m) => (luhn(digitsOf(m)) ? '[card]' : m))
    .split(DATE)
    .map((part, i) => (i % 2 ? part : part.replace(PHONE, phone)))
    .join('');
}

function phone(m: string): string {
  const n = digitsOf(m).length;
  return n <= 15 && (n >= 9 || (m[0] === '+' && n >= 7)) ? '[phone]' : m;
}
