import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { effortOn7, type Answer, type Emotion } from '../../src/core/answer.js';
import type { Notice, NoticeGroup, NoticeWithImpact } from '../../src/core/notice.js';
import { makeAnswer } from '../fixtures/answers.js';
import { bothEngines } from './engines.js';
import { startCollector, type Reply, type Running, request } from './lib.js';

/**
 * Notices (issue 13) on both engines: the owner's API and every refusal, scheduling, updates and
 * resolving, the public `/api/status` with its ETag, and how an incident felt, computed in SQL,
 * against the same numbers computed here from every answer.
 */
const { engines: ENGINES } = bothEngines('notices');

const TOKEN = 'notices-owner-token';
const owner = { Authorization: `Bearer ${TOKEN}` };
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

const call = (c: Running, method: string, path: string, body?: unknown, headers: Record<string, string> = owner): Promise<Reply> => request(c, method, path, body, headers);

const NOTICE = {
  severity: 'major',
  title: { en: 'Deliveries delayed by the cold wave', es: 'Entregas retrasadas por la ola de frío' },
  body: { en: 'Parcels may arrive two days late.', es: 'Los paquetes pueden llegar dos días tarde.' },
  link: 'https://status.example/incidents/42',
  touchpoints: ['delivery', 'tracking'],
};

/** The numbers the collector must agree with, from every answer. */
function group(answers: Answer[]): NoticeGroup {
  const efforts = answers.filter((a) => a.effort !== null).map((a) => effortOn7(a.effort!, a.effortScale));
  const emotions = answers.filter((a) => a.emotion !== null).map((a) => a.emotion!);
  const net = emotions.reduce((s, e) => s + (['satisfied', 'delighted'].includes(e) ? 1 : ['frustrated', 'disappointed'].includes(e) ? -1 : 0), 0);
  return {
    count: answers.length,
    effortCount: efforts.length,
    effortMean: efforts.length ? efforts.reduce((a, b) => a + b, 0) / efforts.length : null,
    emotionCount: emotions.length,
    netEmotion: emotions.length ? net / emotions.length : null,
  };
}

const close = (actual: NoticeGroup, expected: NoticeGroup) => {
  expect({ ...actual, effortMean: null, netEmotion: null }).toEqual({ ...expected, effortMean: null, netEmotion: null });
  for (const k of ['effortMean', 'netEmotion'] as const)
    if (expected[k] === null) expect(actual[k]).toBeNull();
    else expect(actual[k]).toBeCloseTo(expected[k]!, 9);
};

describe.each(ENGINES)('%s notices', (_engine, options) => {
  let c: Running;
  beforeAll(async () => {
    c = await startCollector({ ...(await options()), adminToken: TOKEN });
  }, 60_000);
  afterAll(() => c?.close());

  it('admits only the owner to the owner endpoints; /api/status is public', async () => {
    const id = randomUUID();
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/notices'],
      ['POST', '/api/notices', NOTICE],
      ['GET', `/api/notices/${id}`],
      ['PATCH', `/api/notices/${id}`, { severity: 'minor' }],
      ['POST', `/api/notices/${id}/updates`, { body: 'x' }],
    ];
    for (const [method, path, body] of routes)
      for (const headers of [{}, { Authorization: 'Bearer wrong' }]) expect((await call(c, method, path, body, headers)).status, `${method} ${path}`).toBe(401);
    expect((await call(c, 'GET', '/api/status', undefined, {})).status).toBe(200);
    expect((await call(c, 'DELETE', '/api/status')).status).toBe(405);
  });

  it('refuses what a notice cannot be, each with a one-line reason', async () => {
    const cases: [unknown, number, RegExp][] = [
      [{ ...NOTICE, severity: 'catastrophic' }, 422, /severity: must be one of info, minor, major, critical, maintenance/],
      [{ ...NOTICE, severity: undefined }, 422, /severity/],
      [{ ...NOTICE, title: '' }, 422, /title: must be a string of 1 to 200/],
      [{ ...NOTICE, title: 'x'.repeat(201) }, 422, /title/],
      [{ ...NOTICE, title: {} }, 422, /title: write it in one language/],
      [{ ...NOTICE, title: { xx: 'Hi' } }, 422, /"xx" is not a language/],
      [{ ...NOTICE, title: { en: 'Hi', es: 3 } }, 422, /title\.es/],
      [{ ...NOTICE, title: 7 }, 422, /title: must be a string, or an object/],
      [{ ...NOTICE, body: undefined }, 422, /body: required/],
      [{ ...NOTICE, body: 'x'.repeat(2001) }, 422, /body/],
      [{ ...NOTICE, link: 'javascript:alert(1)' }, 422, /link: must be null or an absolute http\(s\) URL/],
      [{ ...NOTICE, link: '/relative' }, 422, /link/],
      [{ ...NOTICE, touchpoints: [] }, 422, /touchpoints: must be null \(all\) or 1 to 50/],
      [{ ...NOTICE, touchpoints: ['bad id'] }, 422, /touchpoints/],
      [{ ...NOTICE, touchpoints: 'delivery' }, 422, /touchpoints/],
      [{ ...NOTICE, startsAt: 'tomorrow' }, 422, /startsAt: must be an ISO 8601 time/],
      [{ ...NOTICE, startsAt: '2026-01-01T10:00:00Z', endsAt: '2026-01-01T09:00:00Z' }, 422, /endsAt: must be later than startsAt/],
      [{ ...NOTICE, colour: 'red' }, 400, /unknown field "colour"/],
      [{ ...NOTICE, resolvedAt: '2026-01-01T10:00:00Z' }, 400, /resolve it with POST/],
      [[NOTICE], 400, /JSON object/],
      ['{"severity":', 400, /JSON/],
    ];
    for (const [body, status, reason] of cases) {
      const reply = await call(c, 'POST', '/api/notices', body);
      expect(reply.status, JSON.stringify(body).slice(0, 120)).toBe(status);
      expect(reply.json.error).toMatch(reason);
      expect(reply.json.error).not.toContain('\n');
    }
    const text = await call(c, 'POST', '/api/notices', 'x', { ...owner, 'Content-Type': 'text/plain' });
    expect(text.status).toBe(415);
    expect((await call(c, 'GET', '/api/notices?limit=0')).status).toBe(400);
    expect((await call(c, 'GET', '/api/status?touchpoint=bad%20id', undefined, {})).status).toBe(400);
    expect((await call(c, 'GET', `/api/notices/${randomUUID()}`)).status).toBe(404);
    expect((await call(c, 'GET', '/api/notices/..%2Fx')).status).toBe(404);
    expect((await call(c, 'PATCH', `/api/notices/${randomUUID()}`, { severity: 'minor' })).status).toBe(404);
    expect((await call(c, 'POST', `/api/notices/${randomUUID()}/updates`, { body: 'x' })).status).toBe(404);
  });

  it('creates, changes, updates and resolves a notice; the public view follows', async () => {
    const before = Date.now();
    const created = await call(c, 'POST', '/api/notices', NOTICE);
    expect(created.status, created.text).toBe(201);
    const n: Notice = created.json;
    expect(n).toEqual({ id: n.id, ...NOTICE, startsAt: n.startsAt, endsAt: null, updates: [], resolvedAt: null });
    expect(Date.parse(n.startsAt)).toBeGreaterThanOrEqual(before - 1);
    // The first language written stays first: it is the fallback.
    expect(Object.keys(n.title)).toEqual(['en', 'es']);
    expect((await call(c, 'GET', `/api/notices/${n.id}`)).json).toMatchObject({ ...n, impact: { during: { count: 0 } } });

    const at = async (touchpoint?: string) => (await call(c, 'GET', `/api/status${touchpoint ? `?touchpoint=${touchpoint}` : ''}`, undefined, {})).json.notices.map((x: Notice) => x.id);
    expect(await at('delivery')).toContain(n.id);
    expect(await at('tracking')).toContain(n.id);
    expect(await at('checkout')).not.toContain(n.id);
    expect(await at()).toContain(n.id);

    // A change of any field, and refusals against what is stored.
    const patched = await call(c, 'PATCH', `/api/notices/${n.id}`, { severity: 'critical', link: null, title: 'Deliveries stopped' });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.json).toMatchObject({ severity: 'critical', link: null, title: 'Deliveries stopped', body: NOTICE.body });
    expect((await call(c, 'PATCH', `/api/notices/${n.id}`, { endsAt: iso(Date.parse(n.startsAt) - MIN) })).json.error).toMatch(/endsAt: must be later/);
    expect((await call(c, 'PATCH', `/api/notices/${n.id}`, {})).status).toBe(400);
    expect((await call(c, 'PATCH', `/api/notices/${n.id}`, { resolvedAt: iso(Date.now()) })).json.error).toMatch(/only null/);
    expect((await call(c, 'PATCH', `/api/notices/${n.id}`, { id: 'x' })).json.error).toMatch(/unknown field "id"/);

    // Updates go on the timeline with their time; the public view carries the latest only.
    const u1 = await call(c, 'POST', `/api/notices/${n.id}/updates`, { body: { en: 'Trucks are moving again in the north.' } });
    expect(u1.status, u1.text).toBe(201);
    const u2 = await call(c, 'POST', `/api/notices/${n.id}/updates`, { body: 'Half the backlog delivered.' });
    expect(u2.json.updates.map((u: { body: unknown }) => u.body)).toEqual([{ en: 'Trucks are moving again in the north.' }, 'Half the backlog delivered.']);
    for (const u of u2.json.updates) expect(Date.parse(u.at)).toBeGreaterThanOrEqual(before - 1);
    const shown = (await call(c, 'GET', '/api/status?touchpoint=delivery', undefined, {})).json.notices.find((x: Notice) => x.id === n.id);
    expect(shown.updates).toEqual([u2.json.updates[1]]);
    expect((await call(c, 'POST', `/api/notices/${n.id}/updates`, { body: '' })).status).toBe(422);
    expect((await call(c, 'POST', `/api/notices/${n.id}/updates`, { body: 'x', resolve: 'yes' })).status).toBe(422);
    expect((await call(c, 'POST', `/api/notices/${n.id}/updates`, { body: 'x', at: 'now' })).status).toBe(400);

    // Resolving closes it with a final update; nothing more can be appended until it is reopened.
    const resolved = await call(c, 'POST', `/api/notices/${n.id}/updates`, { body: 'All parcels delivered.', resolve: true });
    expect(resolved.status).toBe(201);
    expect(resolved.json.resolvedAt).toBe(resolved.json.updates.at(-1).at);
    expect(await at('delivery')).not.toContain(n.id);
    const late = await call(c, 'POST', `/api/notices/${n.id}/updates`, { body: 'One more thing' });
    expect(late.status).toBe(409);
    expect(late.json.error).toMatch(/resolved; reopen it/);
    const reopened = await call(c, 'PATCH', `/api/notices/${n.id}`, { resolvedAt: null });
    expect(reopened.json.resolvedAt).toBeNull();
    expect(await at('delivery')).toContain(n.id);
    await call(c, 'POST', `/api/notices/${n.id}/updates`, { body: 'Resolved for good.', resolve: true });
    expect(await at('delivery')).not.toContain(n.id);
  });

  it('schedules: a notice shows from its start to its end, and on every touchpoint when it names none', async () => {
    const now = Date.now();
    const later = (await call(c, 'POST', '/api/notices', { severity: 'maintenance', title: 'Planned work', body: 'Payments pause for 10 minutes.', startsAt: iso(now + 3_600_000), endsAt: iso(now + 4_000_000) })).json;
    const past = (await call(c, 'POST', '/api/notices', { severity: 'info', title: 'Over', body: 'x', startsAt: iso(now - 2 * 3_600_000), endsAt: iso(now - 3_600_000) })).json;
    const everywhere = (await call(c, 'POST', '/api/notices', { severity: 'minor', title: 'Slow pages', body: 'x', startsAt: 'now', touchpoints: null })).json;
    expect(later.touchpoints).toBeNull();
    const ids = (await call(c, 'GET', '/api/status?touchpoint=anything', undefined, {})).json.notices.map((x: Notice) => x.id);
    expect(ids).toContain(everywhere.id);
    expect(ids).not.toContain(later.id);
    expect(ids).not.toContain(past.id);
    // Bringing the start forward shows it now.
    await call(c, 'PATCH', `/api/notices/${later.id}`, { startsAt: 'now' });
    const now2 = (await call(c, 'GET', '/api/status?touchpoint=anything', undefined, {})).json.notices as Notice[];
    expect(now2.map((x) => x.id)).toContain(later.id);
    // Most urgent first.
    const order = ['critical', 'major', 'minor', 'maintenance', 'info'];
    expect(now2.map((x) => order.indexOf(x.severity))).toEqual(now2.map((x) => order.indexOf(x.severity)).sort((a, b) => a - b));
    // The owner's list: newest start first, scheduled included.
    const list = (await call(c, 'GET', '/api/notices')).json.notices as Notice[];
    expect(list.map((x) => Date.parse(x.startsAt))).toEqual(list.map((x) => Date.parse(x.startsAt)).sort((a, b) => b - a));
    expect(list.map((x) => x.id)).toEqual(expect.arrayContaining([later.id, past.id, everywhere.id]));
    for (const x of [later, past, everywhere]) await call(c, 'POST', `/api/notices/${x.id}/updates`, { body: 'done', resolve: true });
  });

  it('answers /api/status with an ETag and 304 while nothing changed, and a new ETag when something did', async () => {
    const first = await call(c, 'GET', '/api/status?touchpoint=payments', undefined, {});
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toMatch(/max-age=10/);
    const again = await call(c, 'GET', '/api/status?touchpoint=payments', undefined, { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    const n = (await call(c, 'POST', '/api/notices', { severity: 'critical', title: 'Payments down', body: 'Card payments fail.', touchpoints: ['payments'] })).json;
    const changed = await call(c, 'GET', '/api/status?touchpoint=payments', undefined, { 'If-None-Match': etag });
    expect(changed.status).toBe(200);
    expect(changed.json.notices[0].id).toBe(n.id);
    const etag2 = changed.headers.get('etag')!;
    await call(c, 'POST', `/api/notices/${n.id}/updates`, { body: 'Fix deployed, watching.' });
    expect((await call(c, 'GET', '/api/status?touchpoint=payments', undefined, { 'If-None-Match': etag2 })).status).toBe(200);
    await call(c, 'POST', `/api/notices/${n.id}/updates`, { body: 'Fixed.', resolve: true });
    expect((await call(c, 'GET', '/api/status?touchpoint=payments', undefined, { 'If-None-Match': etag })).status).toBe(304);
  });

  it('computes how the incident felt in SQL: during it, the same touchpoints outside it, its comments', async () => {
    const now = Date.now();
    const start = now - 60 * MIN;
    const n = (await call(c, 'POST', '/api/notices', { ...NOTICE, startsAt: iso(start), touchpoints: ['courier'] })).json as Notice;
    const all = (await call(c, 'POST', '/api/notices', { severity: 'minor', title: 'Everywhere', body: 'x', startsAt: iso(start) })).json as Notice;
    let seed = 5;
    const r = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const emotions: (Emotion | null)[] = ['frustrated', 'disappointed', 'indifferent', 'satisfied', 'delighted', null];
    const make = (i: number, touchpoint: string, createdMs: number, notice?: string): Answer => {
      const effortScale = r() < 0.5 ? 5 : 7;
      const effort = r() < 0.2 ? null : 1 + Math.floor(r() * effortScale);
      return makeAnswer({
        touchpoint,
        effort,
        effortScale,
        emotion: effort === null ? 'delighted' : emotions[Math.floor(r() * emotions.length)],
        comment: i % 3 ? `comment ${i} at ${touchpoint}` : null,
        createdAt: iso(createdMs),
        context: notice ? { notice, order: String(i) } : { order: String(i) },
      });
    };
    const answers: Answer[] = [];
    for (let i = 0; i < 40; i++) answers.push(make(i, 'courier', start + 1000 + i * MIN, i % 4 ? n.id : undefined)); // during; some untold
    for (let i = 40; i < 90; i++) answers.push(make(i, 'courier', start - (i - 39) * 3 * MIN)); // before it, same touchpoint
    for (let i = 90; i < 110; i++) answers.push(make(i, 'checkout', start + 1000 + (i - 90) * MIN, i % 2 ? all.id : undefined)); // elsewhere
    for (let i = 110; i < 130; i++) answers.push(make(i, 'checkout', start - (i - 109) * MIN)); // before the "all" notice at checkout
    answers.push(make(130, 'courier', start + 2 * MIN, n.id.toUpperCase())); // not its id
    for (let i = 0; i < answers.length; i += 50) expect((await c.post('/api/feedback', { events: answers.slice(i, i + 50) })).json.accepted).toBe(Math.min(50, answers.length - i));

    const told = answers.filter((a) => a.context.notice === n.id);
    const outside = answers.filter((a) => a.touchpoint === 'courier' && Date.parse(a.createdAt) < start);
    const got = (await call(c, 'GET', `/api/notices/${n.id}`)).json as NoticeWithImpact;
    close(got.impact.during, group(told));
    close(got.impact.outside, group(outside));
    const withComments = told.filter((a) => a.comment).sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
    expect(got.impact.comments.map((x) => x.id)).toEqual(withComments.slice(0, 5).map((a) => a.id));
    expect(got.impact.comments[0]).toEqual({
      id: withComments[0].id,
      touchpoint: 'courier',
      comment: withComments[0].comment,
      createdAt: withComments[0].createdAt,
      effort: withComments[0].effort,
      effortScale: withComments[0].effortScale,
      emotion: withComments[0].emotion,
    });

    // A notice on every touchpoint compares with the touchpoints its answers came from.
    const everywhere = (await call(c, 'GET', `/api/notices/${all.id}`)).json as NoticeWithImpact;
    close(everywhere.impact.during, group(answers.filter((a) => a.context.notice === all.id)));
    close(everywhere.impact.outside, group(answers.filter((a) => a.touchpoint === 'checkout' && Date.parse(a.createdAt) < start)));

    // A withheld comment is never among them.
    const hidden = withComments[0];
    expect((await call(c, 'PATCH', `/api/feedback/${hidden.id}`, { withheld: { reason: 'personal-data' } })).status).toBe(200);
    const after = (await call(c, 'GET', `/api/notices/${n.id}`)).json as NoticeWithImpact;
    expect(after.impact.comments.map((x) => x.id)).not.toContain(hidden.id);
    expect(after.impact.during.count).toBe(told.length);

    // The summary carries the notices of its period, with the impact within it.
    const summary = (await c.get(`/api/summary?since=${encodeURIComponent(iso(start - 30 * MIN))}`)).json;
    const inSummary = summary.notices.find((x: NoticeWithImpact) => x.id === n.id) as NoticeWithImpact;
    close(inSummary.impact.during, group(told));
    close(inSummary.impact.outside, group(outside.filter((a) => Date.parse(a.createdAt) >= start - 30 * MIN)));
    // A period before any notice has none, and no field.
    expect((await c.get(`/api/summary?until=${encodeURIComponent(iso(Date.UTC(2020, 0, 1)))}`)).json.notices).toBeUndefined();

    // The owner's list carries the impact too.
    const listed = ((await call(c, 'GET', '/api/notices')).json.notices as NoticeWithImpact[]).find((x) => x.id === n.id)!;
    expect(listed.impact.during.count).toBe(told.length);
    // The public feed shows no notice id unless the owner publishes the key.
    expect((await c.get('/api/feedback?limit=100')).text).not.toContain(n.id);
  });
});
