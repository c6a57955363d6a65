import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { guardFormula, quoteField } from '../core/csv.js';
import type { InboxItem } from '../core/inbox.js';
import type { InboxQuery } from './storage/inbox-query.js';
import type { Storage } from './storage/storage.js';

/** CSV columns: fixed English identifiers, one row per answer (RFC 4180, CRLF). */
export const EXPORT_COLUMNS = [
  'id', 'created_at', 'touchpoint', 'stage', 'effort', 'effort_scale', 'emotion', 'comment', 'lang',
  'state', 'state_at', 'state_by', 'withheld', 'withheld_note', 'reply', 'reply_at', 'notes', 'journey', 'page', 'context',
] as const;

const cell = (x: string | number | null | undefined): string => (x === null || x === undefined ? '' : typeof x === 'number' ? String(x) : quoteField(guardFormula(x)));

function csvRow(i: InboxItem): string {
  const notes = i.notes.map((n) => `${n.at} ${n.by}: ${n.text}`).join('\n');
  const values = [
    i.id, i.createdAt, i.touchpoint, i.context.stage ?? null, i.effort, i.effortScale, i.emotion, i.comment, i.lang,
    i.state, i.stateAt, i.stateBy, i.withheld?.reason, i.withheld?.note, i.reply?.text, i.reply?.at, notes || null, i.journey, i.page, JSON.stringify(i.context),
  ];
  return values.map(cell).join(',') + '\r\n';
}

/**
 * Streams every answer of a filtered inbox view, page after page (so a million answers never sit
 * in memory), as CSV (text a spreadsheet would run as a formula is prefixed with `'`) or as NDJSON
 * (one inbox item per line, exactly as `GET /api/inbox` gives them). Waits for the client to drain.
 */
export async function exportInbox(req: IncomingMessage, res: ServerResponse, storage: Storage, query: InboxQuery, format: 'csv' | 'ndjson'): Promise<void> {
  const date = new Date().toISOString().slice(0, 10);
  res.writeHead(200, {
    'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/x-ndjson; charset=utf-8',
    'Content-Disposition': `attachment; filename="touchpoint-inbox-${date}.${format}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  if (req.method === 'HEAD') return void res.end();
  // A byte-order mark, so spreadsheet programs read the CSV as UTF-8.
  if (format === 'csv') res.write('\ufeff' + EXPORT_COLUMNS.join(',') + '\r\n');
  let before = query.before;
  for (;;) {
    const { items } = await storage.inbox({ ...query, before, limit: query.limit, counts: false });
    if (!items.length || res.destroyed) break;
    const chunk = items.map((i) => (format === 'csv' ? csvRow(i) : JSON.stringify(i) + '\n')).join('');
    if (!res.write(chunk)) {
      // Whichever comes first; the other's listener goes too (left behind, one per full buffer, they pile up on a long export).
      const done = new AbortController();
      await Promise.race([once(res, 'drain', { signal: done.signal }), once(res, 'close', { signal: done.signal })]).finally(() => done.abort());
    }
    if (items.length < query.limit) break;
    const last = items.at(-1)!;
    before = { ms: Date.parse(last.createdAt), id: last.id };
  }
  res.end();
}
