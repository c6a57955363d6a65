import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer, Emotion } from '../../src/core/answer.js';
import { effortBand, type InboxItem, type State } from '../../src/core/inbox.js';
import { summarize } from '../../src/core/summary.js';
import { searchTokens } from '../../src/server/storage/inbox-query.js';
import { makeAnswer } from '../fixtures/answers.js';
import { bothEngines } from './engines.js';
import { at, startCollector, type Reply, type Running, request } from './lib.js';

/**
 * The owner's inbox on both engines: every endpoint of issue #12, every refusal, and the promise
 * that moderation is by content, never by score (the rating counts whatever is withheld).
 */
const { engines: ENGINES } = bothEngines('inbox');

const TOKEN = 'inbox-owner-token';
const owner = { Authorization: `Bearer ${TOKEN}` };
const NAMES = { checkout: { en: 'Checkout', es: 'Pago' } };

const call = (c: Running, method: string, path: string, body?: unknown, headers: Record<string, string> = owner): Promise<Reply> => request(c, method, path, body, headers);

/** Every page of the inbox for a query, following `next`. */
async function everything(c: Running, query = ''): Promise<InboxItem[]> {
  const items: InboxItem[] = [];
  let next: string | null = null;
  for (let i = 0; i < 100; i++) {
    const reply = await call(c, 'GET', `/api/inbox?limit=37${query}${next ? `&before=${encodeURIComponent(next)}` : ''}`);
    expect(reply.status, reply.text).toBe(200);
    items.push(...reply.json.items);
    if (!(next = reply.json.next)) return items;
  }
  throw new Error('the inbox did not end');
}

const EMOTIONS: (Emotion | null)[] = ['frustrated', 'disappointed', 'indifferent', 'satisfied', 'delighted', null];
const WORDS = ['Camión roto', 'el PAQUETE llegó tarde', 'pago rápido', 'refund please', 'la caja estaba rota', 'todo bien', 'Paquete perdido en reparto'];

/** 300 answers over ten days, three touchpoints, both scales, comments in Spanish and English. */
function answers(): Answer[] {
  let seed = 11;
  const r = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  return Array.from({ length: 300 }, (_, i) => {
    const effortScale = pick([5, 7] as const);
    const effort = r() < 0.2 ? null : 1 + Math.floor(r() * effortScale);
    return makeAnswer({
      id: randomUUID(),
      touchpoint: pick(['checkout', 'delivery', 'support']),
      journey: randomUUID(),
      effort,
      effortScale,
      emotion: effort === null ? 'satisfied' : pick(EMOTIONS),
      comment: r() < 0.6 ? `${pick(WORDS)} ${i}` : null,
      createdAt: new Date(Date.parse(at(0)) + Math.floor(r() * 10 * 86_400_000)).toISOString(),
      context: { order: String(i) },
    });
  });
}

const newestFirst = (a: Answer, b: Answer) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || (a.id < b.id ? 1 : -1);

describe.each(ENGINES)('%s inbox', (_engine, options) => {
  let c: Running;
  let stored: Answer[];
  beforeAll(async () => {
    c = await startCollector({ ...(await options()), adminToken: TOKEN, names: NAMES });
    stored = answers();
    for (let i = 0; i < stored.length; i += 100) expect((await c.post('/api/feedback', { events: stored.slice(i, i + 100) })).json.accepted).toBe(100);
  }, 60_000);
  afterAll(() => c?.close());

  it('admits only the owner to every owner endpoint', async () => {
    const id = stored[0].id;
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/inbox'],
      ['GET', `/api/inbox/${id}`],
      ['GET', '/api/inbox/export?format=csv'],
      ['GET', '/api/audit'],
      ['PATCH', `/api/feedback/${id}`, { state: 'resolved' }],
      ['PATCH', '/api/feedback', { ids: [id], state: 'resolved' }],
      ['POST', `/api/feedback/${id}/notes`, { text: 'x' }],
      ['POST', `/api/feedback/${id}/reply`, { text: 'x' }],
      ['DELETE', `/api/feedback/${id}/reply`],
    ];
    for (const [method, path, body] of routes) {
      for (const headers of [{}, { Authorization: 'Bearer wrong' }]) {
        const reply = await call(c, method, path, body, headers);
        expect(reply.status, `${method} ${path}`).toBe(401);
        expect(reply.json.error).toMatch(/session|Bearer/);
      }
    }
    expect((await call(c, 'GET', `/api/inbox/${id}`)).json.state).toBe('new');
  });

  it('lists every answer newest first, whole (journey, page, context), each once across pages', async () => {
    const items = await everything(c);
    expect(items.map((i) => i.id)).toEqual([...stored].sort(newestFirst).map((a) => a.id));
    const item = items.find((i) => i.id === stored[5].id)!;
    expect(item).toMatchObject({ ...stored[5], state: 'new', stateAt: null, stateBy: null, reply: null, replyHistory: [], notes: [], withheld: null, log: [] });
    const page = await call(c, 'GET', '/api/inbox?limit=5');
    expect(page.json.names).toEqual(NAMES);
    expect(page.json.touchpoints).toEqual(['checkout', 'delivery', 'support']);
    expect(page.json.counts).toEqual({ new: 300, acknowledged: 0, resolved: 0 });
    expect(page.json.countsExact).toBe(true);
  });

  it('filters by touchpoint, emotion, effort band, comment, period and words, as reading every answer would', async () => {
    const cases: [string, (a: Answer) => boolean][] = [
      ['&touchpoint=delivery', (a) => a.touchpoint === 'delivery'],
      ['&emotion=frustrated', (a) => a.emotion === 'frustrated'],
      ['&effort=hard', (a) => effortBand(a.effort, a.effortScale) === 'hard'],
      ['&effort=neutral&touchpoint=support', (a) => effortBand(a.effort, a.effortScale) === 'neutral' && a.touchpoint === 'support'],
      ['&comment=with', (a) => a.comment !== null],
      ['&comment=without&emotion=delighted', (a) => a.comment === null && a.emotion === 'delighted'],
      [`&since=${at(2)}&until=${at(5, 3_600_000)}`, (a) => a.createdAt >= at(2) && a.createdAt < at(5, 3_600_000)],
      // Case and accents folded, each word the start of a word, all of them.
      ['&q=camion', (a) => /camión/i.test(a.comment ?? '')],
      ['&q=PAQ', (a) => /paquete/i.test(a.comment ?? '')],
      ['&q=paquete%20tarde', (a) => /paquete/i.test(a.comment ?? '') && /tarde/i.test(a.comment ?? '')],
      ['&q=rota', (a) => /\brota\b/.test(a.comment ?? '')],
      ['&q=%22%20OR%20*', () => false],
    ];
    for (const [query, keep] of cases) {
      const expected = stored.filter(keep).sort(newestFirst).map((a) => a.id);
      expect((await everything(c, query)).map((i) => i.id), query).toEqual(expected);
      const counts = (await call(c, 'GET', `/api/inbox?limit=1${query}`)).json;
      expect(counts.counts, query).toEqual({ new: expected.length, acknowledged: 0, resolved: 0 });
      expect(counts.countsExact).toBe(true);
    }
    expect(searchTokens('"Camión" OR roto*')).toEqual(['camion', 'or', 'roto']);
  });

  it('refuses a bad filter with 400 and a one-line reason', async () => {
    for (const query of ['state=done', 'emotion=angry', 'effort=1', 'comment=yes', 'touchpoint=a%20b', 'since=yesterday', `since=${at(3)}&until=${at(2)}`, 'before=xyz', 'limit=0', 'limit=201', `q=${'x'.repeat(201)}`]) {
      const reply = await call(c, 'GET', `/api/inbox?${query}`);
      expect(reply.status, query).toBe(400);
      expect(reply.json.error).not.toContain('\n');
    }
    expect((await call(c, 'GET', `/api/inbox/${randomUUID()}`)).status).toBe(404);
    expect((await call(c, 'GET', '/api/inbox/not-an-id')).status).toBe(400);
  });

  it('moves answers through the states, alone or in bulk, recording who and when, and counts them', async () => {
    const [a, b, d] = stored.filter((x) => x.touchpoint === 'checkout');
    const one = await call(c, 'PATCH', `/api/feedback/${a.id}`, { state: 'acknowledged' });
    expect(one.status, one.text).toBe(200);
    expect(one.json).toMatchObject({ id: a.id, state: 'acknowledged', stateBy: 'api', log: [{ action: 'state', from: 'new', to: 'acknowledged', by: 'api', answerId: a.id }] });
    expect(Math.abs(Date.parse(one.json.stateAt) - Date.now())).toBeLessThan(60_000);
    // The same state again changes nothing and logs nothing.
    expect((await call(c, 'PATCH', `/api/feedback/${a.id}`, { state: 'acknowledged' })).json.log).toHaveLength(1);
    const missing = randomUUID();
    const bulk = await call(c, 'PATCH', '/api/feedback', { ids: [b.id, d.id.toUpperCase(), missing, a.id], state: 'resolved' });
    expect(bulk.status, bulk.text).toBe(200);
    expect(bulk.json.items.map((i: InboxItem) => [i.id, i.state])).toEqual([[b.id, 'resolved'], [d.id, 'resolved'], [a.id, 'resolved']]);
    expect(bulk.json.missing).toEqual([missing]);
    const expectCounts = async (query: string, counts: Record<State, number>) => expect((await call(c, 'GET', `/api/inbox?limit=1${query}`)).json.counts, query).toEqual(counts);
    const checkout = stored.filter((x) => x.touchpoint === 'checkout').length;
    await expectCounts('', { new: 297, acknowledged: 0, resolved: 3 });
    await expectCounts('&touchpoint=checkout', { new: checkout - 3, acknowledged: 0, resolved: 3 });
    await expectCounts('&touchpoint=delivery&state=resolved', { new: stored.filter((x) => x.touchpoint === 'delivery').length, acknowledged: 0, resolved: 0 });
    // Content filters count answers one by one, to the same numbers.
    const withComment = stored.filter((x) => x.comment !== null);
    const resolvedWithComment = [a, b, d].filter((x) => x.comment !== null).length;
    await expectCounts('&comment=with', { new: withComment.length - resolvedWithComment, acknowledged: 0, resolved: resolvedWithComment });
    expect((await everything(c, '&state=resolved')).map((i) => i.id).sort()).toEqual([a.id, b.id, d.id].sort());
    // And back.
    const back = await call(c, 'PATCH', `/api/feedback/${a.id}`, { state: 'new' });
    expect(back.json.log.map((e: { to: string }) => e.to)).toEqual(['acknowledged', 'resolved', 'new']);
    await expectCounts('', { new: 298, acknowledged: 0, resolved: 2 });
  });

  it('refuses a bad change with 4xx and changes nothing', async () => {
    const a = stored[10];
    const cases: [unknown, number][] = [
      [{}, 400],
      [{ state: 'done' }, 422],
      [{ state: 'resolved', effort: 7 }, 400],
      [{ withheld: { reason: 'negative' } }, 422],
      [{ withheld: { reason: 'other' } }, 422],
      [{ withheld: { reason: 'spam', score: 1 } }, 422],
      [{ withheld: 'spam' }, 422],
      [[1], 400],
    ];
    for (const [body, status] of cases) {
      const reply = await call(c, 'PATCH', `/api/feedback/${a.id}`, body);
      expect(reply.status, JSON.stringify(body)).toBe(status);
      expect(reply.json.error).not.toContain('\n');
    }
    expect((await call(c, 'PATCH', `/api/feedback/${randomUUID()}`, { state: 'resolved' })).status).toBe(404);
    expect((await call(c, 'PATCH', '/api/feedback', { ids: [], state: 'resolved' })).status).toBe(400);
    expect((await call(c, 'PATCH', '/api/feedback', { ids: Array.from({ length: 501 }, randomUUID), state: 'resolved' })).status).toBe(400);
    const item = (await call(c, 'GET', `/api/inbox/${a.id}`)).json;
    expect(item).toMatchObject({ state: 'new', withheld: null, log: [] });
  });

  it('withholds a comment for a reason about what it says: the public sees why, the rating still counts everywhere', async () => {
    const [a, b] = stored.filter((x) => x.comment !== null && (x.emotion === 'frustrated' || x.emotion === 'disappointed') && x.touchpoint === 'delivery');
    const before = (await c.get('/api/summary')).json;
    const withheld = await call(c, 'PATCH', `/api/feedback/${a.id}`, { withheld: { reason: 'personal-data', note: 'Full name and street' } });
    expect(withheld.status, withheld.text).toBe(200);
    expect(withheld.json.withheld).toMatchObject({ reason: 'personal-data', note: 'Full name and street', by: 'api' });
    // The owner still reads it.
    expect(withheld.json.comment).toBe(a.comment);
    await call(c, 'PATCH', `/api/feedback/${b.id}`, { withheld: { reason: 'other', note: 'Names a member of staff' } });

    const feed = await c.all();
    const shown = feed.find((i) => i.id === a.id)!;
    expect(shown).toMatchObject({ comment: null, withheld: 'personal-data', effort: a.effort, emotion: a.emotion });
    expect(JSON.stringify(feed)).not.toContain(a.comment!);
    expect(feed.find((i) => i.id === stored[0].id)).not.toHaveProperty('withheld');

    const after = (await c.get('/api/summary')).json;
    const reasons = { 'personal-data': 1, abusive: 0, spam: 0, 'off-topic': 0, other: 1 };
    expect(after.total.withheld).toEqual({ count: 2, reasons });
    expect(after.touchpoints.find((t: { touchpoint: string }) => t.touchpoint === 'delivery').withheld).toEqual({ count: 2, reasons });
    // Every number is what it was: only the comments left the wall.
    const numbers = (s: any) => ({ ...s.total, latestNegative: undefined, withheld: undefined });
    expect(numbers(after)).toEqual(numbers(before));
    expect(JSON.stringify(after)).not.toContain(a.comment!);
    // The same from reading every answer, with the withheld ones marked.
    const recomputed = summarize(
      [...stored].sort((x, y) => Date.parse(x.createdAt) - Date.parse(y.createdAt) || (x.id < y.id ? -1 : 1)).map((x) => ({ ...x, withheld: x.id === a.id ? 'personal-data' : x.id === b.id ? 'other' : null })),
    );
    expect(after).toEqual({ ...recomputed, names: NAMES });

    // Shown again: the comment is back, the log says who did what and why.
    const unhidden = await call(c, 'PATCH', `/api/feedback/${a.id}`, { withheld: null });
    expect(unhidden.json.withheld).toBeNull();
    expect(unhidden.json.log.map((e: { action: string }) => e.action)).toEqual(['withhold', 'unwithhold']);
    expect(unhidden.json.log[0]).toMatchObject({ reason: 'personal-data', note: 'Full name and street', previous: null });
    expect((await c.all()).find((i) => i.id === a.id)!.comment).toBe(a.comment);
    expect((await c.get('/api/summary')).json.total.withheld.count).toBe(1);
    await call(c, 'PATCH', `/api/feedback/${b.id}`, { withheld: null });
  });

  it('keeps private notes private', async () => {
    const a = stored[20];
    const reply = await call(c, 'POST', `/api/feedback/${a.id}/notes`, { text: '  Called the customer: courier issue.  ' });
    expect(reply.status, reply.text).toBe(201);
    expect(reply.json.notes).toEqual([{ text: 'Called the customer: courier issue.', at: expect.any(String), by: 'api' }]);
    for (const path of ['/api/feedback?limit=100', '/api/summary']) expect((await c.get(path)).text).not.toContain('courier issue');
    expect((await call(c, 'POST', `/api/feedback/${a.id}/notes`, { text: ' ' })).status).toBe(422);
    expect((await call(c, 'POST', `/api/feedback/${randomUUID()}/notes`, { text: 'x' })).status).toBe(404);
  });

  it('writes, edits (keeping the history) and deletes the public reply; a stale edit is a 409', async () => {
    const a = stored[30];
    const first = await call(c, 'POST', `/api/feedback/${a.id}/reply`, { text: 'Sorry about that.', version: 0 });
    expect(first.json.reply).toMatchObject({ text: 'Sorry about that.', by: 'api', version: 1 });
    const edited = await call(c, 'POST', `/api/feedback/${a.id}/reply`, { text: 'Sorry: refund sent.', version: 1 });
    expect(edited.json.reply).toMatchObject({ text: 'Sorry: refund sent.', version: 2 });
    expect(edited.json.replyHistory).toEqual([{ text: 'Sorry about that.', at: expect.any(String), by: 'api' }]);
    // Someone edited the first version meanwhile: refused, with the current text to look at.
    const stale = await call(c, 'POST', `/api/feedback/${a.id}/reply`, { text: 'Overwrite?', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.json.current.reply.text).toBe('Sorry: refund sent.');
    expect((await c.all()).find((i) => i.id === a.id)!.reply).toEqual({ text: 'Sorry: refund sent.', at: edited.json.reply.at });

    const deleted = await call(c, 'DELETE', `/api/feedback/${a.id}/reply`);
    expect(deleted.status).toBe(200);
    expect(deleted.json.reply).toBeNull();
    expect(deleted.json.replyHistory.map((h: { text: string }) => h.text)).toEqual(['Sorry about that.', 'Sorry: refund sent.']);
    expect((await c.all()).find((i) => i.id === a.id)!.reply).toBeNull();
    // Deleting again changes nothing; a new reply starts from "none" (version 0) and gets a new version.
    expect((await call(c, 'DELETE', `/api/feedback/${a.id}/reply`)).json.log).toHaveLength(3);
    expect((await call(c, 'POST', `/api/feedback/${a.id}/reply`, { text: 'Back again.', version: 2 })).status).toBe(409);
    expect((await call(c, 'POST', `/api/feedback/${a.id}/reply`, { text: 'Back again.', version: 0 })).json.reply.version).toBe(3);
    for (const [body, status] of [[{ text: 'x', version: -1 }, 422], [{ text: 'x', version: '1' }, 422], [{ text: '' }, 422]] as const)
      expect((await call(c, 'POST', `/api/feedback/${a.id}/reply`, body)).status).toBe(status);
    expect((await call(c, 'DELETE', `/api/feedback/${randomUUID()}/reply`)).status).toBe(404);
  });

  it('keeps an audit log of everything done, newest first, in pages', async () => {
    const first = await call(c, 'GET', '/api/audit?limit=3');
    expect(first.status).toBe(200);
    expect(first.json.items).toHaveLength(3);
    const all: any[] = [...first.json.items];
    for (let next = first.json.next; next; ) {
      const page = await call(c, 'GET', `/api/audit?limit=3&before=${next}`);
      all.push(...page.json.items);
      next = page.json.next;
    }
    expect(all[0]).toMatchObject({ action: 'reply', text: 'Back again.', by: 'api' });
    expect(all.map((e) => e.action)).toContain('withhold');
    expect(all.map((e) => e.action)).toContain('note');
    const times = all.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect((await call(c, 'GET', '/api/audit?before=abc')).status).toBe(400);
  });

  it('exports the filtered view as CSV (formulas defused) and as NDJSON, to the owner only', async () => {
    const evil = makeAnswer({ id: randomUUID(), touchpoint: 'support', comment: '=HYPERLINK("http://evil.example","click")', createdAt: at(11) });
    await c.post('/api/feedback', evil);
    const csv = await fetch(`${c.url}/api/inbox/export?format=csv&touchpoint=support`, { headers: owner });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="touchpoint-inbox-\d{4}-\d\d-\d\d\.csv"$/);
    const text = await csv.text();
    const lines = text.replace(/^\ufeff/, '').split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('id,created_at,touchpoint,stage,effort,effort_scale,emotion,comment,lang,state,state_at,state_by,withheld,withheld_note,reply,reply_at,notes,journey,page,context');
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    const support = stored.filter((a) => a.touchpoint === 'support').length + 1;
    // Comments hold no line breaks here, so one line per answer.
    expect(lines).toHaveLength(support + 1);
    const ndjson = await (await fetch(`${c.url}/api/inbox/export?format=ndjson&q=paquete`, { headers: owner })).text();
    const items = ndjson.trim().split('\n').map((l) => JSON.parse(l));
    expect(items.map((i) => i.id)).toEqual((await everything(c, '&q=paquete')).map((i) => i.id));
    expect((await call(c, 'GET', '/api/inbox/export?format=xlsx')).status).toBe(400);
  });

  it('forgets the owner\'s notes and replies with a forgotten journey, and its words leave the search', async () => {
    const a = makeAnswer({ id: randomUUID(), journey: randomUUID(), comment: 'Zanahoria única', createdAt: at(12) });
    await c.post('/api/feedback', a);
    await call(c, 'POST', `/api/feedback/${a.id}/notes`, { text: 'zanahoria note' });
    expect((await everything(c, '&q=zanahoria')).map((i) => i.id)).toEqual([a.id]);
    expect((await c.get(`/api/journeys/${a.journey}`, {})).status).toBe(405);
    expect((await call(c, 'DELETE', `/api/journeys/${a.journey}`, undefined, {})).json).toEqual({ deleted: 1 });
    expect(await everything(c, '&q=zanahoria')).toEqual([]);
    expect((await call(c, 'GET', '/api/audit?limit=200')).text).not.toContain('zanahoria note');
  });
});

describe('the session name is who did it', () => {
  it('records the name a team member signed in with, and refuses a bad one', async () => {
    const c = await startCollector({ adminToken: TOKEN });
    try {
      const a = makeAnswer();
      await c.post('/api/feedback', a);
      expect((await c.post('/api/session', { token: TOKEN, name: '\u0007' }, { Origin: c.url })).status).toBe(422);
      const signIn = await c.post('/api/session', { token: TOKEN, name: '  Ana  ' }, { Origin: c.url });
      expect(signIn.json.name).toBe('Ana');
      const cookie = signIn.headers.get('set-cookie')!.split(';')[0];
      const changed = await call(c, 'PATCH', `/api/feedback/${a.id}`, { state: 'acknowledged' }, { Cookie: cookie, Origin: c.url });
      expect(changed.json.stateBy).toBe('Ana');
      // The same cookie from another site's page cannot act.
      expect((await call(c, 'PATCH', `/api/feedback/${a.id}`, { state: 'resolved' }, { Cookie: cookie, Origin: 'https://evil.example' })).status).toBe(403);
      expect((await call(c, 'GET', `/api/inbox/${a.id}`, undefined, { Cookie: cookie })).json.state).toBe('acknowledged');
    } finally {
      await c.close();
    }
  });
});
