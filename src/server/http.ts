import type { IncomingMessage, ServerResponse } from 'node:http';
import { codePoints } from '../core/answer.js';

/** A refusal with its status and a one-line reason, sent as `{"error": message}`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

/** Messages can quote what the client sent (an unknown field's name): keep them to one short line. */
export const oneLine = (text: string, max = 300): string => {
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

export function sendError(res: ServerResponse, error: HttpError): void {
  sendJson(res, error.status, { error: oneLine(error.message) }, error.headers);
}

/**
 * Refuses (415) a body that is not `application/json` in UTF-8 (a `charset` parameter, if any,
 * must say UTF-8: we decode nothing else), or that is compressed (any `Content-Encoding` but
 * `identity`: we inflate nothing).
 */
export function requireJson(req: IncomingMessage, options: { textPlain?: boolean } = {}): void {
  const [type, ...params] = (req.headers['content-type'] ?? '').split(';');
  const mediaType = type.trim().toLowerCase();
  // The widget's `no-preflight` mode sends JSON as text/plain: a CORS simple request.
  if (mediaType !== 'application/json' && !(options.textPlain && mediaType === 'text/plain'))
    throw new HttpError(415, `Content-Type must be application/json${options.textPlain ? ' (or text/plain holding JSON)' : ''}`);
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    const charset = param.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    if (!/^utf-?8$/i.test(charset)) throw new HttpError(415, `charset "${oneLine(charset, 40)}" is not supported: send UTF-8`);
  }
  const encodings = (req.headers['content-encoding'] ?? '').split(',').map((e) => e.trim().toLowerCase()).filter(Boolean);
  const encoded = encodings.find((e) => e !== 'identity');
  if (encoded !== undefined)
    throw new HttpError(415, `Content-Encoding "${oneLine(encoded, 40)}" is not supported: send the body uncompressed`, { 'Accept-Encoding': 'identity' });
}

/**
 * A refused upload is still read, this much and this long at most, before the 413 goes out and
 * the connection closes: closing on a client that is still sending resets the connection, and a
 * client that sends all before it reads then never sees the answer (the widget would retry for
 * ever). Beyond these, the 413 goes out at once.
 */
export const DRAIN_MAX_BYTES = 8 * 1024 * 1024;
export const DRAIN_MAX_MS = 5000;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The request body as UTF-8 text, refusing more than `limit` bytes (413: from Content-Length, or
 * as soon as the bytes received pass it; see `DRAIN_MAX_BYTES`) and bytes that are not UTF-8 (400).
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const tooLarge = new HttpError(413, `body must be at most ${limit} bytes`, { Connection: 'close' });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fail = (error: HttpError) => {
      clearTimeout(timer);
      reject(error);
    };
    const refuse = () => {
      refused = true;
      chunks.length = 0;
      if (size > DRAIN_MAX_BYTES) fail(tooLarge);
      else timer = setTimeout(() => fail(tooLarge), DRAIN_MAX_MS);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (refused) {
        if (size > DRAIN_MAX_BYTES) fail(tooLarge);
      } else if (size > limit) refuse();
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return fail(tooLarge);
      try {
        resolve(utf8.decode(Buffer.concat(chunks, size)));
      } catch {
        reject(new HttpError(400, 'body is not valid UTF-8'));
      }
    });
    // The client went away (or the request timed out) mid-upload: nobody is left to answer.
    req.on('error', () => fail(new HttpError(400, 'the request was cut off')));
    const declared = Number(req.headers['content-length']);
    if (declared > DRAIN_MAX_BYTES) {
      // Not worth reading: answer now (the client may see a reset if it keeps sending).
      refused = true;
      fail(tooLarge);
    } else if (declared > limit) refuse();
  });
}

/** Parses JSON, refusing lone surrogates anywhere unless the caller checks each part itself (`wholeBody: false`). */
export function parseJson(text: string, wholeBody = true): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'body is not valid JSON');
  }
  if (wholeBody && hasLoneSurrogate(value)) throw new HttpError(400, 'body is not valid Unicode: it has a lone surrogate (a \\uD800-\\uDFFF escape not in a pair)');
  return value;
}

/** A UTF-16 surrogate not in a high-low pair: JSON lets `\uDC00` through, UTF-8 cannot store it. */
const LONE_SURROGATE = /\p{Surrogate}/u;

/** Whether any string or key in a parsed JSON value has a lone surrogate (iteratively: nesting can be deep). */
export function hasLoneSurrogate(value: unknown): boolean {
  const stack = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (LONE_SURROGATE.test(v)) return true;
    } else if (typeof v === 'object' && v !== null) {
      for (const [key, item] of Object.entries(v)) {
        if (LONE_SURROGATE.test(key)) return true;
        stack.push(item);
      }
    }
  }
  return false;
}

/** A JSON object body (`application/json`, at most `limit` bytes), or a 4xx saying what is wrong. */
export async function readObject(req: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  requireJson(req);
  const value = parseJson(await readBody(req, limit));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HttpError(400, 'the body must be a JSON object');
  return value as Record<string, unknown>;
}

/** A text field the owner wrote (a reply, a note, a notice's title): trimmed, 1 to `max` characters (code points), else a 422 naming it. */
export function textField(value: unknown, name: string, max: number): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text || codePoints(text) > max) throw new HttpError(422, `${name}: must be a string of 1 to ${max} characters`);
  return text;
}
