import type { IncomingMessage, ServerResponse } from 'node:http';

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

/** Refuses anything but `application/json` (any charset parameter is fine, we only read UTF-8). */
export function requireJson(req: IncomingMessage): void {
  const type = req.headers['content-type']?.split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') throw new HttpError(415, 'Content-Type must be application/json');
}

/**
 * The request body as text, refusing more than `limit` bytes: early from Content-Length, or as
 * soon as the bytes received pass it. The rest of a refused upload is read and dropped (so the
 * client gets to see the 413 rather than a reset) and the connection closes after the response.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const tooLarge = new HttpError(413, `body must be at most ${limit} bytes`, { Connection: 'close' });
  return new Promise((resolve, reject) => {
    const refuse = () => {
      req.removeAllListeners('data').removeAllListeners('end');
      req.resume();
      reject(tooLarge);
    };
    if (Number(req.headers['content-length']) > limit) return refuse();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) refuse();
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks, size).toString('utf8')));
    // The client went away (or the request timed out) mid-upload: nobody is left to answer.
    req.on('error', () => reject(new HttpError(400, 'the request was cut off')));
  });
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'body is not valid JSON');
  }
}
