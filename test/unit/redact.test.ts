import { describe, expect, it } from 'vitest';
import { luhn, redact } from '../../src/core/redact.js';

describe('redact', () => {
  it.each([
    ['Write to ana.lopez+shop@example.co.uk please', 'Write to [email] please'],
    ['card 4111 1111 1111 1111 was charged twice', 'card [card] was charged twice'],
    ['card 4111-1111-1111-1111', 'card [card]'],
    ['amex 378282246310005', 'amex [card]'],
    ['call me on +34 612 345 678', 'call me on [phone]'],
    ['or 612345678', 'or [phone]'],
    ['US (555) 123-4567 today', 'US [phone] today'],
    ['uk 020 7946 0958', 'uk [phone]'],
    ['short +44 20 7946', 'short [phone]'],
  ])('%s', (input, output) => expect(redact(input)).toBe(output));

  it.each([
    'Order 12345 arrived on 2026-11-23 10:30',
    'It arrived 23.11.2026 and cost 1.234,50 €',
    'I waited 45 minutes, 3 times',
    'Tracking ABC-1234-XY',
  ])('leaves ordinary numbers alone: %s', (text) => expect(redact(text)).toBe(text));

  it('keeps a 16-digit number that fails the Luhn check from being called a card', () => {
    expect(luhn('4111111111111111')).toBe(true);
    expect(luhn('4111111111111112')).toBe(false);
    expect(redact('ref 4111 1111 1111 1112')).not.toContain('[card]');
  });

  it('redacts several things at once', () => {
    expect(redact('a@b.io, 4242424242424242, +1 202 555 0143')).toBe('[email], [card], [phone]');
  });
});
