import { answerError, type Answer, isObject } from '../core/answer.js';
import { hasLoneSurrogate, HttpError, oneLine } from './http.js';

const LONE_SURROGATE_ERROR = 'it has a lone surrogate (a \\uD800-\\uDFFF escape not in a pair)';

export const MAX_EVENTS = 100;
export const MAX_BODY_BYTES = 64 * 1024;
/** How far ahead of the collector's clock `createdAt` may be: client clocks drift. */
export const MAX_FUTURE_MS = 86_400_000;

export interface Rejected {
  /** The answer's id as sent, or null when it has none. */
  id: string | null;
  /** Position in `events`. */
  index: number;
  error: string;
}

/** The answers of a request body: those to store, and those refused with their reasons. */
export interface Parsed {
  valid: Answer[];
  rejected: Rejected[];
}


/**
 * Sorts a parsed JSON body into answers to store. A single answer that fails validation is a 422
 * ("field: reason"); in a batch each failure is listed and the valid answers still go in.
 */
export function parseAnswers(body: unknown, now = Date.now()): Parsed {
  // In a batch, an answer with a lone surrogate is refused alone: the valid ones beside it go in.
  const errorOf = (x: unknown) => (hasLoneSurrogate(x) ? LONE_SURROGATE_ERROR : answerError(x, { now, maxFutureMs: MAX_FUTURE_MS }));
  if (!isObject(body)) throw new HttpError(400, 'body must be an answer object or {"events":[…]}');
  if (!('events' in body)) {
    if (hasLoneSurrogate(body)) throw new HttpError(400, `body is not valid Unicode: ${LONE_SURROGATE_ERROR}`);
    const error = errorOf(body);
    if (error) throw new HttpError(422, error);
    return { valid: [body as unknown as Answer], rejected: [] };
  }
  const { events } = body;
  if (!Array.isArray(events) || events.length === 0) throw new HttpError(400, `events: must be an array of 1 to ${MAX_EVENTS} answers`);
  if (events.length > MAX_EVENTS) throw new HttpError(413, `events: at most ${MAX_EVENTS} answers per request, got ${events.length}`);
  const valid: Answer[] = [];
  const rejected: Rejected[] = [];
  events.forEach((event, index) => {
    const error = errorOf(event);
    if (!error) valid.push(event as Answer);
    else rejected.push({ id: isObject(event) && typeof event.id === 'string' ? oneLine(event.id) : null, index, error: oneLine(error) });
  });
  return { valid, rejected };
}
