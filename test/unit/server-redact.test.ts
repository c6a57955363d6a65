import { describe, expect, it } from 'vitest';
import { redact } from '../../src/core/redact.js';
import { codiceFiscaleValid, dniLetter, ibanValid, nssValid, redactComment } from '../../src/server/redact.js';

// The IBANs are the examples of the IBAN registry for each country; the look-alikes change one
// character, so the mod-97 check is what tells them apart.
describe('IBANs', () => {
  it.each([
    ['ES', 'ES91 2100 0418 4502 0005 1332'],
    ['ES', 'ES9121000418450200051332'],
    ['DE', 'DE89 3704 0044 0532 0130 00'],
    ['DE', 'DE89370400440532013000'],
    ['FR', 'FR14 2004 1010 0505 0001 3M02 606'],
    ['FR', 'FR1420041010050500013M02606'],
    ['NL', 'NL91 ABNA 0417 1643 00'],
    ['NL', 'NL91ABNA0417164300'],
    ['PT', 'PT50 0002 0123 1234 5678 9015 4'],
    ['PT', 'PT50000201231234567890154'],
    ['GB', 'GB29 NWBK 6016 1331 9268 19'],
    ['GB', 'GB29NWBK60161331926819'],
    ['IT', 'IT60 X054 2811 1010 0000 0123 456'],
    ['IT', 'IT60X0542811101000000123456'],
    ['lower case', 'es91 2100 0418 4502 0005 1332'],
    ['lower case', 'gb29nwbk60161331926819'],
  ])('%s: %s', (_, iban) => {
    expect(ibanValid(iban)).toBe(true);
    expect(redactComment(`Refund to ${iban} please`)).toBe('Refund to [iban] please');
    expect(redactComment(`IBAN:${iban}.`)).toBe('IBAN:[iban].');
  });

  it.each([
    ['a wrong check digit', 'ES92 2100 0418 4502 0005 1332'],
    ['a wrong last digit', 'ES9121000418450200051333'],
    ['two digits swapped', 'DE89 3704 0044 0532 0130 00'.replace('0532', '0523')],
    ['a letter changed', 'NL91ABNB0417164300'],
    ['one character short', 'GB29 NWBK 6016 1331 9268 1'],
    ['a country with no IBAN', 'US64 SVBK US6S 3300 9673 86'],
    ['odd grouping', 'ES91 21000418 4502 0005 1332'],
    ['glued to a longer code', 'REF-ES9121000418450200051332'],
    ['a product code', 'SKU DE12ABCD34567890EF12 in stock'],
  ])('leaves %s alone: %s', (_, text) => {
    expect(redactComment(text)).not.toContain('[iban]');
  });

  it('stops at the end of the IBAN even when a word of four letters follows', () => {
    expect(redactComment('ES91 2100 0418 4502 0005 1332 para mi devolución')).toBe('[iban] para mi devolución');
    expect(redactComment('GB29NWBK60161331926819,NL91ABNA0417164300')).toBe('[iban],[iban]');
  });

  it('keeps an IBAN whole where the widget alone would take a piece of it for a phone number', () => {
    expect(redact('GB29 NWBK 6016 1331 9268 19')).toBe('GB29 NWBK [phone]');
    expect(redactComment('GB29 NWBK 6016 1331 9268 19')).toBe('[iban]');
  });
});

describe('DNI and NIE', () => {
  it('computes the control letter (mod 23)', () => {
    expect(dniLetter('12345678')).toBe('Z');
    expect(dniLetter('00000000')).toBe('T');
    expect(dniLetter('87654321')).toBe('X');
    expect(dniLetter('01234567')).toBe('L'); // NIE X1234567
    expect(dniLetter('11234567')).toBe('X'); // NIE Y1234567
    expect(dniLetter('21234567')).toBe('R'); // NIE Z1234567
  });

  it.each([
    'DNI 12345678Z',
    'DNI 12345678z',
    'DNI 12345678-Z',
    'DNI 12.345.678-Z',
    'DNI 87654321 X',
    'DNI 00000000T',
    'NIE X1234567L',
    'NIE x1234567l',
    'NIE X-1234567-L',
    'NIE Y1234567X',
    'NIE Z1234567R',
  ])('redacts %s', (text) => expect(redactComment(text)).toBe(text.replace(/ \S+( X)?$/, ' [id]')));

  it.each([
    ['a wrong letter', 'DNI 12345678A'],
    ['a wrong letter after a hyphen', 'DNI 12345678-B'],
    ['a NIE with a wrong letter', 'NIE X1234567M'],
    ['a NIE with a wrong prefix', 'NIE Y1234567L'],
    ['7 digits and a letter', 'ref 1234567L'],
    // "ORD-12345678Z" has the very letter of DNI 12345678, but it is glued to a prefix: an order number.
    ['an order number', 'Order ORD-12345678A arrived'],
    ['an order number whose letter happens to match', 'Order ORD-12345678Z arrived'],
    ['an order number without a hyphen', 'Order ORD12345678Z arrived'],
    ['a Spanish sentence: 8 digits, then "a"', 'el pedido 12345678 a domicilio'],
    ['a lower-case letter after a space', 'el pedido 87654321 x'],
    ['a basic-format timestamp', 'at 20261123T103000Z'],
    ['part of a URL path', 'see https://shop.example/orders/12345678Z'],
  ])('leaves %s alone: %s', (_, text) => expect(redactComment(text)).toBe(text));

  it('takes no DNI out of 9 digits and a letter (the widget\'s phone rule has the digits)', () => {
    expect(redactComment('ref 123456789Z')).toBe('ref [phone]Z');
    expect(redact('ref 123456789Z')).toBe('ref [phone]Z');
  });

  it('leaves a DNI used as an e-mail address to the e-mail rule', () => {
    expect(redactComment('mail 12345678Z@gmail.com or ana.12345678Z@mail.es')).toBe('mail [email] or [email]');
  });
});

describe('Spanish social security numbers', () => {
  it.each(['NSS 28/12345678/40', 'NSS 08/1234567/74', 'NSS 08/01234567/74'])('redacts %s', (text) =>
    expect(redactComment(text)).toBe('NSS [id]'),
  );

  it('checks the control digits (mod 97)', () => {
    expect(nssValid('28', '12345678', '40')).toBe(true);
    expect(nssValid('28', '12345678', '41')).toBe(false);
    expect(redactComment('NSS 28/12345678/41')).toBe('NSS 28/12345678/41');
  });

  it('leaves the spaced and unspaced forms to the phone rule, as in the widget', () => {
    expect(redactComment('NSS 28 12345678 40')).toBe('NSS [phone]');
    expect(redact('NSS 28 12345678 40')).toBe('NSS [phone]');
  });
});

describe('Italian codice fiscale', () => {
  it.each(['RSSMRA85T10A562S', 'MRTMTT25D09F205Z', 'rssmra85t10a562s', 'RSSMRAURTMLARSNL'])('redacts %s', (code) => {
    expect(codiceFiscaleValid(code)).toBe(true);
    expect(redactComment(`CF ${code}, grazie`)).toBe('CF [id], grazie');
  });

  it.each(['RSSMRA85T10A562T', 'MRTMTT25D09F205A'])('leaves %s, with a wrong check letter, alone', (code) => {
    expect(codiceFiscaleValid(code)).toBe(false);
    expect(redactComment(`CF ${code}`)).toBe(`CF ${code}`);
  });
});

describe('the widget’s rules, applied again', () => {
  it.each([
    ['Write to ana.lopez+shop@example.co.uk please', 'Write to [email] please'],
    ['card 4111 1111 1111 1111 was charged twice', 'card [card] was charged twice'],
    ['call me on +34 612 345 678', 'call me on [phone]'],
    ['or 612345678', 'or [phone]'],
  ])('%s', (input, output) => expect(redactComment(input)).toBe(output));

  it('changes nothing the widget already redacted', () => {
    const text = 'Mail [email], card [card], phone [phone], IBAN ES91 2100 0418 4502 0005 1332';
    expect(redactComment(redact(text))).toBe('Mail [email], card [card], phone [phone], IBAN [iban]');
    expect(redactComment(redactComment(text))).toBe(redactComment(text));
  });

  it('redacts everything at once', () => {
    expect(redactComment('ana@shop.es, 4242424242424242, +34 612 345 678, ES9121000418450200051332, 12345678Z, X1234567L')).toBe(
      '[email], [card], [phone], [iban], [id], [id]',
    );
  });
});

describe('ordinary text stays', () => {
  it.each([
    'Order 12345 arrived on 2026-11-23 10:30',
    'It arrived 23.11.2026 and cost 1.234,50 €',
    'Pedido n.º 40001234 del 23/11/2026, 12.345.678 puntos',
    'Order #ES-2026-0123 and invoice FAC/2026/00042',
    'Correos PQ4B6K0712345670128001X, MRW 0123-4567',
    'Código postal 28013 Madrid, 08001 Barcelona, 1000-001 Lisboa, 75001 Paris, SW1A 1AA',
    'Paid 49,99 € then €1.299,00, 12 x 3 = 36, 45 minutes late',
    'Matrícula 1234 BCD, talla 42, ref DE12AB',
    'Ticket ABC-1234-XY, ref ES12, ESPAÑA 2026',
    'IBAN ES91 **** **** **** **** 1332 (the last four only)',
  ])('%s', (text) => expect(redactComment(text)).toBe(text));

  // The widget's phone rule takes any run of 9 to 15 digits, inside a code too: that is the
  // widget's choice, kept as it is; the collector adds nothing of its own to these.
  it.each([
    ['UPS 1Z999AA10123456784', 'UPS 1Z999AA[phone]'],
    ['DHL JJD000390007882341', 'DHL JJD[phone]'],
    ['Seur 12345678901234', 'Seur [phone]'],
    ['GLS ES2026112300001', 'GLS ES[phone]'],
    ['EAN 8412345678905', 'EAN [phone]'],
    ['Order #ES-2026-000123', 'Order #ES-[phone]'],
  ])('%s: only what the widget takes', (text, widget) => {
    expect(redact(text)).toBe(widget);
    expect(redactComment(text)).toBe(widget);
  });
});
