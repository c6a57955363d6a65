import type { PoolClient } from 'pg';
import { UPDATES_MAX, type Notice } from '../../core/notice.js';
import { changed, GROUP_SQL, impactOf, NOTICE_COLUMNS, noticeOf, valuesOfNotice, windowOf, withUpdate, WRITE_COLUMNS, type CommentRecord, type GroupRecord, type ImpactPeriod, type NoticeRecord, type NoticeStorage } from './notices.js';
import { noticeEvent, type WebhookEvent } from '../outbox/events.js';
import type { Actor } from './storage.js';

/** The notice an answer carried, read from the stored JSON (indexed by `answers_notice`; the same expression, so the index is used). */
const NOTICE_OF_ANSWER = "((body::jsonb) -> 'context' ->> 'notice')";

/**
 * The migration `postgres.ts` applies after its own. Texts stay `text` (not `jsonb`, which would
 * reorder the languages, and the first written is the fallback).
 */
export const NOTICES_MIGRATION = {
  name: 'notices',
  sql: `
    CREATE TABLE notices (
      id          text COLLATE "C" PRIMARY KEY,
      severity    text NOT NULL,
      title       text NOT NULL,
      body        text NOT NULL,
      link        text,
      touchpoints text,
      starts_at   text NOT NULL,
      starts_ms   bigint NOT NULL,
      ends_at     text,
      ends_ms     bigint,
      updates     text NOT NULL,
      resolved_at text,
      resolved_ms bigint,
      close_ms    bigint,
      created_at  text NOT NULL,
      created_by  text NOT NULL,
      changed_at  text NOT NULL,
      changed_by  text NOT NULL
    );
    CREATE INDEX notices_newest ON notices (starts_ms DESC, id);
    CREATE INDEX notices_open ON notices (close_ms);
    CREATE INDEX answers_notice ON answers (${NOTICE_OF_ANSWER});`,
};

const FAR = Number.MAX_SAFE_INTEGER;
type Using = <T>(tx: boolean, work: (client: PoolClient) => Promise<T>) => Promise<T>;

/** Notices on PostgreSQL; `using` is the engine's own (a pooled connection, a transaction, outages as 503). */
export function noticesPostgres(using: Using, emit: (client: PoolClient, e: WebhookEvent, nowMs: number) => Promise<unknown> = async () => {}): NoticeStorage {
  const rows = async (client: PoolClient, sql: string, params: unknown[]) => (await client.query<NoticeRecord>(sql, params)).rows.map(noticeOf);

  async function impacts(client: PoolClient, notices: readonly Notice[], { sinceMs = -FAR, untilMs = FAR }: ImpactPeriod) {
    const out = [];
    for (const n of notices) {
      const { startMs, closeMs } = windowOf(n);
      const during = await client.query<GroupRecord>(`SELECT ${GROUP_SQL} FROM answers WHERE ${NOTICE_OF_ANSWER} = $1 AND created_ms >= $2 AND created_ms < $3`, [n.id, sinceMs, untilMs]);
      // The same touchpoints before it started and after it ended; for a notice on every
      // touchpoint, those the answers during it came from.
      const where = n.touchpoints === null ? `SELECT DISTINCT touchpoint FROM answers WHERE ${NOTICE_OF_ANSWER} = $1` : 'SELECT unnest($6::text[])';
      const outside = await client.query<GroupRecord>(
        `SELECT ${GROUP_SQL} FROM answers
         WHERE touchpoint IN (${where}) AND created_ms >= $2 AND created_ms < $3 AND (created_ms < $4 OR created_ms >= $5)
           AND coalesce(${NOTICE_OF_ANSWER}, '') <> $1`,
        [n.id, sinceMs, untilMs, startMs, closeMs, ...(n.touchpoints === null ? [] : [n.touchpoints])],
      );
      const comments = await client.query<CommentRecord>(
        `SELECT (body::json)->>'id' AS id, touchpoint, comment, created_at, effort, effort_scale, emotion FROM answers
         WHERE ${NOTICE_OF_ANSWER} = $1 AND created_ms >= $2 AND created_ms < $3 AND comment IS NOT NULL AND withheld_reason IS NULL
         ORDER BY answers.created_ms DESC, answers.id LIMIT 5`,
        [n.id, sinceMs, untilMs],
      );
      out.push({ ...n, impact: impactOf(during.rows[0], outside.rows[0], comments.rows) });
    }
    return out;
  }

  /**
   * Reads the notice locked, applies the change and writes it, in one transaction. A refusal is
   * carried out of it and thrown after (`using` takes any other error for an outage).
   */
  const change = async (id: string, apply: (n: Notice) => Notice, actor: Actor) => {
    const result = await using(true, async (client): Promise<Notice | null | { refused: unknown }> => {
      const [n] = await rows(client, `SELECT ${NOTICE_COLUMNS} FROM notices WHERE id = $1 FOR UPDATE`, [id]);
      if (!n) return null;
      let next: Notice;
      try {
        next = apply(n);
      } catch (refused) {
        return { refused };
      }
      await client.query(`UPDATE notices SET ${WRITE_COLUMNS.map((c, i) => `${c} = $${i + 1}`).join(', ')} WHERE id = $${WRITE_COLUMNS.length + 1}`, [
        ...valuesOfNotice(next, actor),
        id,
      ]);
      // Its webhook (notice.updated or notice.resolved) commits with it.
      await emit(client, noticeEvent(n, next, Date.parse(actor.at)), Date.parse(actor.at));
      return next;
    });
    if (result && 'refused' in result) throw result.refused;
    return result;
  };

  return {
    createNotice: (n, actor) =>
      using(true, async (client) => {
        const notice: Notice = { ...n, updates: [], resolvedAt: null };
        const values = [n.id, ...valuesOfNotice(notice, actor), actor.at, actor.by];
        await client.query(`INSERT INTO notices (id, ${WRITE_COLUMNS.join(', ')}, created_at, created_by) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})`, values);
        await emit(client, noticeEvent(null, notice, Date.parse(actor.at)), Date.parse(actor.at));
        return notice;
      }),
    changeNotice: (id, c, actor) => change(id, (n) => changed(n, c), actor),
    addNoticeUpdate: (id, u, resolve, actor) => change(id, (n) => withUpdate(n, u, resolve, UPDATES_MAX), actor),
    notice: (id) => using(false, async (client) => (await rows(client, `SELECT ${NOTICE_COLUMNS} FROM notices WHERE id = $1`, [id]))[0] ?? null),
    notices: (limit) => using(false, (client) => rows(client, `SELECT ${NOTICE_COLUMNS} FROM notices ORDER BY starts_ms DESC, id LIMIT $1`, [limit])),
    activeNotices: (nowMs) =>
      using(false, (client) => rows(client, `SELECT ${NOTICE_COLUMNS} FROM notices WHERE starts_ms <= $1 AND (close_ms IS NULL OR close_ms > $1)`, [nowMs])),
    noticesIn: (period, limit) =>
      using(false, async (client) => {
        const found = await rows(
          client,
          `SELECT ${NOTICE_COLUMNS} FROM notices WHERE starts_ms < $1 AND (close_ms IS NULL OR close_ms > $2) ORDER BY starts_ms DESC, id LIMIT $3`,
          [period.untilMs ?? FAR, period.sinceMs ?? -FAR, limit],
        );
        return impacts(client, found, period);
      }),
    noticeImpacts: (notices, period) => using(false, (client) => impacts(client, notices, period)),
  };
}
