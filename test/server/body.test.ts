// Request bodies the collector refuses as a whole: too large (and a client that is still sending
// must get to read the 413), not UTF-8, not well-formed Unicode, another charset, compressed.
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAnswer } from '../fixtures/answers.js';
import { startCollector, type Running } from './lib.js';

const TOKEN = 'owner-secret-token';
const owner = { Authorization: `Bearer ${TOKEN}` };

let c: Running;
beforeAll(async () => (c = await startCollector({ adminToken: TOKEN })));
afterAll(() => c.close());

/** An error body: one line, no stack trace. */
function expectError(reply: { json?: unknown; text: string }, pattern: RegExp) {
  const { error } = (reply.json ?? JSON.parse(reply.text)) as { error: string };
  expect(typeof error).toBe('string');
  expect(error).not.toMatch(/\n|\bat .+:\d+:\d+/);
  expect(error).toMatch(pattern);
}

const stored = async (touchpoint: string) => (await c.all(`&touchpoint=${touchpoint}`)).map((a) => a.id);

/** POSTs raw bytes with the given headers (fetch sends them as they are, with a Content-Length). */
const postBytes = (path: string, body: Uint8Array | string, headers: Record<string, string> = {}) =>
  fetch(c.url + path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body }).then(async (r) => {
    const text = await r.text();
    return { status: r.status, headers: r.headers, text, json: JSON.parse(text) as { error?: string } };
  });

/**
 * A client that sends the whole request before it reads the answer, as many do: `bytes` of body
 * in 64 KB writes (each awaited), declared by Content-Length or chunked. Rejects when a write
 * fails (the server closed on it: a reset, so the answer is lost too); else resolves the
 * response it then reads.
 */
function upload(bytes: number, { chunked = false } = {}): Promise<{ status: number; connection?: string; json: { error?: string } }> {
  const { hostname, port } = new URL(c.url);
  const head =
    `POST /api/feedback HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\n` +
    (chunked ? 'Transfer-Encoding: chunked\r\n\r\n' : `Content-Length: ${bytes}\r\n\r\n`);
  const piece = Buffer.alloc(65_536, ' ');
  piece.write('{"events":[');
  return new Promise((done, fail) => {
    const socket = connect(Number(port), hostname);
    socket.pause();
    socket.on('error', fail);
    const write = (data: string | Buffer) => new Promise<void>((ok, no) => socket.write(data, (e) => (e ? no(e) : ok())));
    (async () => {
      await write(head);
      for (let sent = 0; sent < bytes; ) {
        const n = Math.min(piece.length, bytes - sent);
        sent += n;
        await write(chunked ? Buffer.concat([Buffer.from(`${n.toString(16)}\r\n`), piece.subarray(0, n), Buffer.from('\r\n')]) : piece.subarray(0, n));
      }
      if (chunked) await write('0\r\n\r\n');
      let received = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk) => (received += chunk));
      socket.on('end', () => {
        const [top, body] = received.split('\r\n\r\n', 2);
        done({ status: Number(/^HTTP\/1\.1 (\d{3}) /.exec(top)?.[1]), connection: /\r\nconnection: *(\S+)/i.exec(top)?.[1], json: JSON.parse(body) });
      });
      socket.resume();
    })().catch(fail);
  });
}

describe('a body over the limit', () => {
  it.each([
    ['1 MB with Content-Length', 1_000_000, false],
    ['5 MB with Content-Length', 5_000_000, false],
    ['8 MB with Content-Length', 8_000_000, false],
    ['1 MB chunked', 1_000_000, true],
    ['5 MB chunked', 5_000_000, true],
    ['8 MB chunked', 8_000_000, true],
  ])('gets a 413 the client can read, not a reset: %s', async (_, bytes, chunked) => {
    const reply = await upload(bytes, { chunked });
    expect(reply.status).toBe(413);
    expect(reply.connection).toBe('close');
    expect(reply.json.error).toMatch(/^body must be at most 65536 bytes$/);
  });

  it('gets a 413 fetch can read too, and the collector takes the next request', async () => {
    const answer = makeAnswer({ touchpoint: 'body-large', comment: 'x'.repeat(1000) });
    const body = JSON.stringify({ events: Array.from({ length: 2000 }, () => answer) });
    expect(body.length).toBeGreaterThan(2_000_000);
    const reply = await postBytes('/api/feedback', body);
    expect(reply.status).toBe(413);
    expectError(reply, /at most 65536 bytes/);
    expect(await stored('body-large')).toEqual([]);
    expect((await c.post('/api/feedback', answer)).status).toBe(200);
  });

  it('declared far beyond reason is answered at once, without waiting for it', async () => {
    const { hostname, port } = new URL(c.url);
    const response = await new Promise<string>((done, fail) => {
      const socket = connect(Number(port), hostname, () =>
        socket.write(`POST /api/feedback HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n{"events":[`),
      );
      let received = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk) => (received += chunk));
      socket.on('close', () => done(received));
      socket.on('error', fail);
    });
    expect(response).toMatch(/^HTTP\/1\.1 413 /);
    expect(JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4)).error).toMatch(/at most 65536 bytes/);
  });
});

describe('text that is not UTF-8 or not well-formed Unicode', () => {
  const withComment = (touchpoint: string, comment: string) => JSON.stringify(makeAnswer({ touchpoint, comment }));

  it.each([
    ['a byte that is never UTF-8', [0xff]],
    ['a truncated sequence', [0xc3]],
    ['an overlong slash', [0xc0, 0xaf]],
    ['an encoded surrogate (CESU-8)', [0xed, 0xa0, 0x80]],
    ['Latin-1 é', [0xe9]],
  ])('refuses %s in the body with 400, and stores nothing', async (_, bytes) => {
    const [before, after] = withComment('body-bytes', 'caf@!').split('@');
    const body = Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]);
    const reply = await postBytes('/api/feedback', body);
    expect(reply.status).toBe(400);
    expectError(reply, /UTF-8/);
    expect(await stored('body-bytes')).toEqual([]);
  });

  it.each([
    ['a lone low surrogate in a comment', withComment('body-lone', 'x\udc00y')],
    ['a lone high surrogate at the end of a comment', withComment('body-lone', 'cut emoji \ud83d')],
    ['a reversed pair', withComment('body-lone', '\ude00\ud83d')],
    ['a lone surrogate in a context key', JSON.stringify(makeAnswer({ touchpoint: 'body-lone', context: { ['k\ud800']: 'v' } }))],
  ])('refuses %s with 400, and stores nothing', async (_, body) => {
    expect(body).toMatch(/\\ud[89a-f]/);
    const reply = await postBytes('/api/feedback', body);
    expect(reply.status).toBe(400);
    expectError(reply, /lone surrogate/);
    expect(await stored('body-lone')).toEqual([]);
  });

  it('refuses only the answer with a lone surrogate in a batch: the valid one beside it is stored', async () => {
    const good = makeAnswer({ touchpoint: 'body-batch' });
    const bad = makeAnswer({ touchpoint: 'body-batch', comment: '\udfff' });
    const reply = await postBytes('/api/feedback', JSON.stringify({ events: [good, bad] }));
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.text)).toEqual({ accepted: 1, duplicates: 0, rejected: [{ id: bad.id, index: 1, error: expect.stringMatching(/lone surrogate/) }] });
    expect(await stored('body-batch')).toEqual([good.id]);
  });

  it('accepts characters beyond the BMP, raw or as an escaped pair', async () => {
    const raw = makeAnswer({ touchpoint: 'body-astral', comment: 'Great 😀 𝄞' });
    const escaped = makeAnswer({ touchpoint: 'body-astral' });
    const body = JSON.stringify(escaped).replace('"Quick and clear."', '"Smile \\ud83d\\ude00"');
    expect((await postBytes('/api/feedback', JSON.stringify(raw))).status).toBe(200);
    expect((await postBytes('/api/feedback', body)).status).toBe(200);
    const comments = (await c.all('&touchpoint=body-astral')).map((a) => a.comment).sort();
    expect(comments).toEqual(['Great 😀 𝄞', 'Smile 😀']);
  });

  it('refuses the same in an owner reply, and keeps the reply as it was', async () => {
    const answer = makeAnswer({ touchpoint: 'body-reply' });
    await c.post('/api/feedback', answer);
    const path = `/api/feedback/${answer.id}/reply`;
    expect((await c.post(path, { text: 'Kept.' }, owner)).status).toBe(200);
    const lone = await postBytes(path, JSON.stringify({ text: 'Sorry \udc00' }), owner);
    expect(lone.status).toBe(400);
    expectError(lone, /lone surrogate/);
    const bytes = await postBytes(path, Buffer.concat([Buffer.from('{"text":"Sorry '), Buffer.from([0xff]), Buffer.from('"}')]), owner);
    expect(bytes.status).toBe(400);
    expectError(bytes, /UTF-8/);
    expect((await c.all('&touchpoint=body-reply'))[0].reply?.text).toBe('Kept.');
  });
});

describe('charset and Content-Encoding', () => {
  it.each([
    'application/json; charset=latin1',
    'application/json; charset=ISO-8859-1',
    'application/json;charset=utf-16',
    'application/json; charset="windows-1252"',
    'application/json; charset=',
  ])('refuses %s with 415, and stores nothing', async (type) => {
    const reply = await postBytes('/api/feedback', JSON.stringify(makeAnswer({ touchpoint: 'body-charset' })), { 'Content-Type': type });
    expect(reply.status).toBe(415);
    expectError(reply, /charset/);
    expect(await stored('body-charset')).toEqual([]);
  });

  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'application/json; charset=UTF-8',
    'application/json;charset="utf-8"',
    'Application/JSON ; Charset = utf-8',
  ])('accepts %s', async (type) => {
    const answer = makeAnswer({ touchpoint: 'body-utf8' });
    expect((await postBytes('/api/feedback', JSON.stringify(answer), { 'Content-Type': type })).status).toBe(200);
    expect(await stored('body-utf8')).toContain(answer.id);
  });

  it.each(['gzip', 'br', 'deflate', 'x-gzip', 'identity, gzip'])('refuses Content-Encoding %s with 415, and stores nothing', async (encoding) => {
    const answer = makeAnswer({ touchpoint: 'body-encoded' });
    const reply = await postBytes('/api/feedback', gzipSync(JSON.stringify(answer)), { 'Content-Encoding': encoding });
    expect(reply.status).toBe(415);
    expectError(reply, /Content-Encoding/);
    expect(await stored('body-encoded')).toEqual([]);
  });

  it('accepts Content-Encoding identity', async () => {
    const answer = makeAnswer({ touchpoint: 'body-identity' });
    expect((await postBytes('/api/feedback', JSON.stringify(answer), { 'Content-Encoding': 'identity' })).status).toBe(200);
  });

  it('applies to owner replies too', async () => {
    const answer = makeAnswer({ touchpoint: 'body-reply-415' });
    await c.post('/api/feedback', answer);
    const path = `/api/feedback/${answer.id}/reply`;
    const latin1 = await postBytes(path, Buffer.from('{"text":"Désolé"}', 'latin1'), { ...owner, 'Content-Type': 'application/json; charset=latin1' });
    expect(latin1.status).toBe(415);
    expectError(latin1, /charset/);
    const gzipped = await postBytes(path, gzipSync('{"text":"Sorry"}'), { ...owner, 'Content-Encoding': 'gzip' });
    expect(gzipped.status).toBe(415);
    expectError(gzipped, /Content-Encoding/);
    expect((await c.all('&touchpoint=body-reply-415'))[0].reply).toBeNull();
  });
});

it('logged no unexpected errors', () => {
  expect(c.logs).toEqual([]);
});
