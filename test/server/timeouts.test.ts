import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAnswer } from '../fixtures/answers.js';
import { startCollector, type Running } from './lib.js';

let c: Running;
beforeAll(async () => (c = await startCollector({ requestTimeoutMs: 300 })));
afterAll(() => c.close());

/** Writes raw bytes and resolves everything the server sends until it closes the connection. */
function exchange(raw: string, { keepOpen = false } = {}): Promise<string> {
  const { hostname, port } = new URL(c.url);
  return new Promise((done, fail) => {
    const socket = connect(Number(port), hostname, () => (keepOpen ? socket.write(raw) : socket.end(raw)));
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (received += chunk));
    socket.on('close', () => done(received));
    socket.on('error', fail);
    socket.setTimeout(10_000, () => socket.destroy(new Error('the server never closed the connection')));
  });
}

const bodyOf = (response: string) => JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4));

describe('slow and malformed requests', () => {
  it('answers 408 in JSON to a request whose body never finishes, and stores nothing', async () => {
    const answer = JSON.stringify(makeAnswer());
    const response = await exchange(
      `POST /api/feedback HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${answer.length}\r\n\r\n${answer.slice(0, 20)}`,
      { keepOpen: true },
    );
    expect(response).toMatch(/^HTTP\/1\.1 408 /);
    expect(bodyOf(response).error).toMatch(/too long/);
    expect(await c.all()).toEqual([]);
  });

  it('answers 400 in JSON to something that is not HTTP', async () => {
    const response = await exchange('HELLO THERE\r\n\r\n');
    expect(response).toMatch(/^HTTP\/1\.1 400 /);
    expect(typeof bodyOf(response).error).toBe('string');
  });

  it('answers 400 to a URL that is not validly percent-encoded', async () => {
    const response = await exchange('GET /api/feedback%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(response).toMatch(/^HTTP\/1\.1 400 /);
    expect(bodyOf(response).error).toMatch(/percent-encoded/);
  });
});

it('does not log a client that gave up as a server error', () => {
  expect(c.logs).toEqual([]);
});
