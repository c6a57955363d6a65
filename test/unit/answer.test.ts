import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { answerError } from '../../src/core/answer.js';
import { makeAnswer } from '../fixtures/answers.js';
import schema from '../../schema/answer.v1.schema.json';

const ajv = new Ajv2020({ allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);

// Each case breaks one rule; the validator must name the field and the JSON Schema must agree.
const invalid: [string, unknown][] = [
  ['answer', 'not an object'],
  ['answer', [makeAnswer()]],
  ['extra', { ...makeAnswer(), extra: 1 }],
  ['id', makeAnswer({ id: 'not-a-uuid' })],
  ['v', { ...makeAnswer(), v: 2 }],
  ['touchpoint', makeAnswer({ touchpoint: '' })],
  ['touchpoint', makeAnswer({ touchpoint: 'a/b' })],
  ['touchpoint', makeAnswer({ touchpoint: 'x'.repeat(65) })],
  ['journey', makeAnswer({ journey: 'abc' })],
  ['effortScale', { ...makeAnswer(), effortScale: 10 }],
  ['effort', makeAnswer({ effort: 0 })],
  ['effort', makeAnswer({ effort: 6, effortScale: 5 })],
  ['effort', makeAnswer({ effort: 8 })],
  ['effort', makeAnswer({ effort: 2.5 })],
  ['effort', { ...makeAnswer(), effort: '3' }],
  ['emotion', { ...makeAnswer(), emotion: 'angry' }],
  ['comment', makeAnswer({ comment: 'x'.repeat(1001) })],
  ['comment', { ...makeAnswer(), comment: 42 }],
  ['answer', makeAnswer({ effort: null, emotion: null, comment: '   ' })],
  ['page', makeAnswer({ page: 'https://shop.example/checkout?card=4111' })],
  ['page', makeAnswer({ page: 'javascript:alert(1)' })],
  ['page', makeAnswer({ page: 'https://x/' + 'a'.repeat(2048) })],
  ['lang', { ...makeAnswer(), lang: 'ja' }],
  ['createdAt', makeAnswer({ createdAt: 'yesterday' })],
  ['createdAt', makeAnswer({ createdAt: '2026-11-20T10:00:00+01:00' })],
  // Date.parse rolls these over to another day instead of refusing them.
  ['createdAt', makeAnswer({ createdAt: '2026-02-31T00:00:00Z' })],
  ['createdAt', makeAnswer({ createdAt: '2026-02-29T12:00:00.000Z' })],
  ['createdAt', makeAnswer({ createdAt: '2026-04-31T23:59:59Z' })],
  ['createdAt', makeAnswer({ createdAt: '2026-01-01T24:00:00Z' })],
  ['createdAt', makeAnswer({ createdAt: '2026-13-01T00:00:00Z' })],
  ['createdAt', makeAnswer({ createdAt: '2026-01-01T12:60:00Z' })],
  ['context', { ...makeAnswer(), context: [] }],
  ['context', makeAnswer({ context: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v'])) })],
  ['context', makeAnswer({ context: { plan: 'x'.repeat(201) } })],
  ['context', makeAnswer({ context: { 'Bad Key': 'v' } })],
  ['context', { ...makeAnswer(), context: { plan: 3 } }],
];

describe('answer schema 1', () => {
  it('accepts a complete answer, and the JSON Schema agrees', () => {
    const answer = makeAnswer({ context: { plan: 'pro', stage: 'after' } });
    expect(answerError(answer)).toBeNull();
    expect(validate(answer)).toBe(true);
  });

  it('accepts a partial answer: one rating, or only a comment', () => {
    for (const answer of [
      makeAnswer({ emotion: null, comment: null }),
      makeAnswer({ effort: null, comment: null }),
      makeAnswer({ effort: null, emotion: null, comment: 'Only words' }),
      makeAnswer({ effort: 5, effortScale: 5 }),
    ]) {
      expect(answerError(answer)).toBeNull();
      expect(validate(answer)).toBe(true);
    }
  });

  it('counts comment length in code points, as JSON Schema does', () => {
    const answer = makeAnswer({ comment: '😀'.repeat(1000) });
    expect(answerError(answer)).toBeNull();
    expect(validate(answer)).toBe(true);
  });

  it.each(invalid)('rejects a bad %s, naming it, and the JSON Schema agrees', (field, answer) => {
    expect(answerError(answer)).toMatch(new RegExp(`^${field}\\b`));
    expect(validate(answer)).toBe(false);
  });

  it('accepts createdAt on real days at the edges of months, years and days', () => {
    for (const createdAt of ['2024-02-29T12:00:00Z', '2026-01-31T23:59:59.999Z', '2026-12-31T00:00:00.5Z', '2026-04-30T00:00:00Z']) {
      const answer = makeAnswer({ createdAt });
      expect(answerError(answer), createdAt).toBeNull();
      expect(validate(answer), createdAt).toBe(true);
    }
  });

  it('refuses a createdAt too far ahead only when asked to', () => {
    const now = Date.parse('2026-11-20T10:00:00Z');
    const answer = makeAnswer({ createdAt: '2026-11-21T10:00:01.000Z' });
    expect(answerError(answer, { now })).toBeNull();
    expect(answerError(answer, { now, maxFutureMs: 86_400_000 })).toBe('createdAt: is too far in the future');
  });

  it('accepts the fields a feed adds when told to', () => {
    const item = { ...makeAnswer(), reply: { text: 'Sorry!', at: '2026-11-21T10:00:00Z' } };
    expect(answerError(item)).toMatch(/^reply: unknown field/);
    expect(answerError(item, { allowExtra: true })).toBeNull();
  });
});

describe('answer errors', () => {
  it('repeat what a client sent on one line, and briefly', () => {
    const name = 'a\nvery\r\nlong field ' + 'x'.repeat(500);
    const error = answerError({ ...makeAnswer(), [name]: 1 })!;
    expect(error).not.toMatch(/[\r\n]/);
    expect(error.length).toBeLessThan(100);
  });
});
