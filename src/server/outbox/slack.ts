import type { Answer } from '../../core/answer.js';
import { effortWords, emotionWords } from './words.js';
import type { WebhookEvent } from './events.js';

/** Slack's mrkdwn escapes: a comment cannot ping a channel or fake a link. */
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * An incoming-webhook message (text and blocks) for a `format: "slack"` target. A comment withheld
 * from the wall (now, when the message is sent) is never in it: the message says it is withheld.
 */
export function slackMessage(e: WebhookEvent, withheld: ReadonlySet<string>, inboxLink: (id: string) => string | null): { text: string; blocks: unknown[] } {
  const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
  const link = (id: string, label: string) => {
    const url = inboxLink(id);
    return url ? `<${url}|${label}>` : label;
  };
  if (e.type === 'answer.created') {
    const a = e.data.answer as Answer;
    const feeling = [effortWords(a), a.emotion && emotionWords(a.emotion)].filter(Boolean).join(', ');
    const comment = a.comment === null ? null : withheld.has(a.id.toLowerCase()) ? '_Comment withheld from the wall._' : `> ${escape(a.comment).replace(/\n/g, '\n> ')}`;
    const text = `${e.data.hard ? 'Hard answer' : 'New answer'} at *${escape(a.touchpoint)}*: ${feeling || 'no rating'}`;
    return { text, blocks: [section(text), ...(comment ? [section(comment)] : []), section(link(a.id, 'Open in the inbox'))] };
  }
  if (e.type === 'moment_of_truth.started' || e.type === 'moment_of_truth.ended') {
    const d = e.data as { touchpoint: string; count: number; easyShare: number | null; netEmotion: number | null };
    const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)} %`);
    const text =
      e.type === 'moment_of_truth.started'
        ? `*${escape(d.touchpoint)}* became a moment of truth: easy for ${pct(d.easyShare)}, net emotion ${d.netEmotion ?? '–'} over ${d.count} answers (last 30 days)`
        : `*${escape(d.touchpoint)}* is no longer a moment of truth (${d.count} answers, last 30 days)`;
    return { text, blocks: [section(text)] };
  }
  if (e.type === 'digest.daily') {
    const d = e.data as { since: string; until: string; touchpoints: { touchpoint: string; count: number; momentOfTruth: boolean }[]; worst: { id: string; touchpoint: string; comment: string }[] };
    const lines = d.touchpoints.map((t) => `• *${escape(t.touchpoint)}*: ${t.count} answer${t.count === 1 ? '' : 's'}${t.momentOfTruth ? ' — moment of truth' : ''}`);
    const worst = d.worst.filter((w) => !withheld.has(w.id.toLowerCase())).map((w) => `> ${escape(w.comment).replace(/\n/g, ' ')} — ${escape(w.touchpoint)}, ${link(w.id, 'open')}`);
    const text = `Daily digest, ${d.since.slice(0, 16).replace('T', ' ')} to ${d.until.slice(0, 16).replace('T', ' ')} UTC`;
    return { text, blocks: [section(`*${text}*`), ...(lines.length ? [section(lines.join('\n'))] : [section('No answers.')]), ...(worst.length ? [section(`Hardest comments:\n${worst.join('\n')}`)] : [])] };
  }
  const title = typeof e.data.title === 'string' ? e.data.title : e.type;
  const text = e.type === 'webhook.test' ? 'Touchpoint test message: this target works.' : `${e.type}: ${escape(title)}`;
  return { text, blocks: [section(text)] };
}
