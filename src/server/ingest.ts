import { answerError, type Answer, COMMENT_MAX, codePoints, isObject } from '../core/answer.js';
import { hasLoneSurrogate, HttpError, oneLine } from './http.js';
import { redactComment } from './redact.js';

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
 * The answer as stored: its comment redacted again, whoever sent it (the widget redacts before
 * sending; other clients may not), with what only the collector knows (IBANs, DNI/NIE…) added.
 * A placeholder can be longer than what it hides ("a@b.io" → "[email]"), so the comment is cut
 * back to the schema's length, as the widget does.
 */
function redacted(answer: Answer): Answer {
  if (answer.comment === null) return answer;
  let comment = redactComment(answer.comment);
  if (comment === answer.comment) return answer;
  if (codePoints(comment) > COMMENT_MAX) comment = [...comment].slice(0, COMMENT_MAX).join('');
  return { ...answer, comment };
}

/**
 * Sorts a parsed JSON body into answers to store, their comments redacted. A single answer that
 * fails validation is a 422 ("field: reason"); in a batch each failure is listed and the valid
 * answers still go in.
 */
export function parseAnswers(body: unknown, now = Date.now()): Parsed {
  // In a batch, an answer with a lone surrogate is refused alone: the valid ones beside it go in.
  const errorOf = (x: unknown) => (hasLoneSurrogate(x) ? LONE_SURROGATE_ERROR : answerError(x, { now, maxFutureMs: MAX_FUTURE_MS }));
  if (!isObject(body)) throw new HttpError(400, 'body must be an answer object or {"events":[…]}');
  if (!('events' in body)) {
    if (hasLoneSurrogate(body)) throw new HttpError(400, `body is not valid Unicode: ${LONE_SURROGATE_ERROR}`);
    const error = errorOf(body);
    if (error) throw new HttpError(422, error);
    return { valid: [redacted(body as unknown as Answer)], rejected: [] };
  }
  const { events } = body;
  if (!Array.isArray(events) || events.length === 0) throw new HttpError(400, `events: must be an array of 1 to ${MAX_EVENTS} answers`);
  if (events.length > MAX_EVENTS) throw new HttpError(413, `events: at most ${MAX_EVENTS} answers per request, got ${events.length}`);
  const valid: Answer[] = [];
  const rejected: Rejected[] = [];
  events.forEach((event, index) => {
    const error = errorOf(event);
    if (!error) valid.push(redacted(event as Answer));
    else rejected.push({ id: isObject(event) && typeof event.id === 'string' ? oneLine(event.id) : null, index, error: oneLine(error) });
  });
  return { valid, rejected };
}
