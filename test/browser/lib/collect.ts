import type { Answer } from '../../../src/core/answer.js';
import type { Handler } from './server.js';

/**
 * How the endpoint answers one request: 'reset' drops the connection before storing, 'lost'
 * stores and then drops it (the acknowledgement is lost), 'hang' stores and holds the reply.
 */
export type Fault = 'ok' | 'error' | 'throttle' | 'reset' | 'lost' | 'slow' | 'hang' | 'reject';

/**
 * A fault-injecting endpoint at `POST /collect`: it answers as `fault()` says, and records what
 * it stored. It stores an answer before it answers (as a real collector commits before its 2xx),
 * so an answer whose acknowledgement was lost arrives again, as a duplicate.
 */
export function faultyEndpoint() {
  const state = {
    fault: (): Fault => 'ok',
    retryAfter: '1',
    /** Stored deliveries per answer id. */
    stored: new Map<string, number>(),
    /** Every answer stored, in order, duplicates included. */
    bodies: [] as Answer[],
    requests: 0,
    /** Requests answered with each fault. */
    faults: {} as Partial<Record<Fault, number>>,
    inFlight: 0,
    maxInFlight: 0,
    /** Releases held ('hang') requests. */
    held: [] as (() => void)[],
    get distinct() {
      return state.stored.size;
    },
    get duplicates() {
      return [...state.stored.values()].reduce((n, c) => n + c - 1, 0);
    },
  };

  const handle: Handler = async (req, res, body) => {
    if (!req.url!.startsWith('/collect')) return false;
    state.requests++;
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    try {
      const fault = state.fault();
      state.faults[fault] = (state.faults[fault] ?? 0) + 1;
      if (fault == 'reset') return void req.socket.destroy(), true;
      if (fault == 'error') return void res.writeHead(500).end('down'), true;
      if (fault == 'throttle') return void res.writeHead(429, { 'Retry-After': state.retryAfter }).end(), true;
      if (fault == 'reject')
        return void res.writeHead(400, { 'Content-Type': 'application/json' }).end('{"error":"effort: not accepted by this test"}'), true;
      const parsed = JSON.parse(body);
      const answers: Answer[] = Array.isArray(parsed.events) ? parsed.events : [parsed];
      state.bodies.push(...answers);
      let duplicates = 0;
      for (const { id } of answers) {
        duplicates += state.stored.has(id) ? 1 : 0;
        state.stored.set(id, (state.stored.get(id) ?? 0) + 1);
      }
      if (fault == 'lost') return void req.socket.destroy(), true;
      if (fault == 'slow') await new Promise((resolve) => setTimeout(resolve, 1500));
      if (fault == 'hang') await new Promise<void>((resolve) => state.held.push(resolve));
      if (!res.destroyed) res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ accepted: answers.length - duplicates, duplicates, rejected: [] }));
      return true;
    } finally {
      state.inFlight--;
    }
  };
  return { state, handle };
}
