import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/core/summary.js';
import { CSV_HEADER, guardFormula, journeyCsv, quoteField } from '../../src/journey/csv.js';
import { periodRanges } from '../../src/journey/period.js';
import { stationsOf } from '../../src/journey/stations.js';
import { FORMULA_COMMENT, HOSTILE_COMMENT, JOURNEY, shopAnswers } from '../fixtures/journey/shop.js';

/** An RFC 4180 reader, so the tests check what a spreadsheet would read, not how the text looks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  if (field || row.length) throw new Error('the last record has no CRLF');
  return rows;
}

const NOW = Date.UTC(2026, 10, 23, 12);
const { current, previous } = periodRanges('30d', NOW);
const answers = shopAnswers(NOW);
const stations = stationsOf(summarize(answers, current), summarize(answers, previous!), JOURNEY.split(' '));
const rows = parseCsv(journeyCsv(stations));
const record = (touchpoint: string) => Object.fromEntries(CSV_HEADER.map((h, i) => [h, rows.find((r) => r[0] === touchpoint)![i]]));

describe('journey CSV', () => {
  it('has a header row, then one row per touchpoint in journey order, CRLF-terminated', () => {
    const text = journeyCsv(stations);
    expect(text.split('\r\n')[0]).toBe(
      'touchpoint,name,stage,answers,effort_mean,easy_share,hard_share,frustrated,disappointed,indifferent,satisfied,delighted,net_emotion,effort_change,net_emotion_change,moment_of_truth,latest_negative_comments',
    );
    expect(text.endsWith('\r\n')).toBe(true);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['home', 'product', 'cart', 'checkout', 'confirmation', 'delivery', 'support']);
    expect(rows.every((r) => r.length === CSV_HEADER.length)).toBe(true);
  });

  it('writes the numbers plainly, keeping negatives numeric, and empty where there is no data', () => {
    expect(record('cart')).toMatchObject({
      stage: 'during',
      answers: '5',
      effort_mean: '3',
      easy_share: '0.2',
      hard_share: '0.8',
      frustrated: '2',
      satisfied: '1',
      net_emotion: '-0.4',
      effort_change: '-3',
      net_emotion_change: '-1.4',
      moment_of_truth: 'false', // 1 easy of 5: too few answers to decide
    });
    expect(record('product')).toMatchObject({ answers: '0', effort_mean: '', net_emotion: '', moment_of_truth: 'false', latest_negative_comments: '' });
    expect(record('delivery')).toMatchObject({ stage: 'after', effort_change: '', net_emotion: '-0.2' });
  });

  it('keeps the comments, one per line in one quoted field, with formulas defused', () => {
    expect(record('cart').latest_negative_comments.split('\n')).toEqual([`'${FORMULA_COMMENT}`, HOSTILE_COMMENT, 'The coupon field ate my code']);
  });

  it('quotes fields with quotes, commas, CR or LF, doubling the quotes, and leaves others bare', () => {
    expect(quoteField('plain text')).toBe('plain text');
    expect(quoteField('a,b')).toBe('"a,b"');
    expect(quoteField('say "hi"')).toBe('"say ""hi"""');
    expect(quoteField('one\ntwo')).toBe('"one\ntwo"');
    expect(quoteField('one\rtwo')).toBe('"one\rtwo"');
  });

  it('prefixes text starting with = + - @ tab or CR with an apostrophe, and nothing else', () => {
    for (const bad of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx']) expect(guardFormula(bad)).toBe(`'${bad}`);
    for (const fine of ['ok', ' =not first', "'already", '1-2']) expect(guardFormula(fine)).toBe(fine);
  });

  it('guards a touchpoint id that starts with a minus, but not a negative number', () => {
    const [s] = stationsOf(summarize([{ ...answers[0], touchpoint: '-cmd' }]), null, []);
    const [, row] = parseCsv(journeyCsv([{ ...s, emotionTrend: { direction: 'down', delta: -0.25 } }]));
    expect(row[0]).toBe("'-cmd");
    expect(row[CSV_HEADER.indexOf('net_emotion_change')]).toBe('-0.25');
  });
});
