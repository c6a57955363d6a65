import { html, nothing, type TemplateResult } from 'lit';
import type { FeedItem } from '../../core/feed.js';
import { effortLabels } from '../../core/i18n/words.js';
import type { Formats } from './format.js';
import type { WallStrings } from './translations/strings.js';

/**
 * One answer as a list item, the `index`-th of the list. Every value from the feed goes into text
 * or into an attribute it was validated for (`datetime` from a rewritten timestamp, `lang` from a
 * language-tag pattern); element ids come from the index, never from the feed.
 * The exact date is a tooltip on the relative one, shown on hover and on keyboard focus. A
 * withheld comment is a muted line saying so and why; its ratings show as any other's.
 */
export function answerItem(a: FeedItem, index: number, t: WallStrings, f: Formats, now: number, name: (touchpoint: string) => string): TemplateResult {
  const effortLabel = a.effort === null ? null : effortLabels(t, a.effortScale)[a.effort - 1];
  return html`<li part="item" tabindex="-1">
    <div class="meta">
      <span class="touchpoint" part="touchpoint"><span class="vh">${t.where}: </span>${name(a.touchpoint)}</span>
      ${when(a.createdAt, `d-${index}`, f, now)}
    </div>
    ${effortLabel !== null || a.emotion !== null
      ? html`<dl class="ratings">
          ${effortLabel !== null
            ? html`<div><dt>${t.effort}</dt><dd part="effort">${effortLabel} <span class="muted">(${t.point(a.effort!, a.effortScale)})</span></dd></div>`
            : nothing}
          ${a.emotion !== null ? html`<div><dt>${t.feeling}</dt><dd part="emotion">${t.emotions[a.emotion]}</dd></div>` : nothing}
        </dl>`
      : nothing}
    ${a.withheld
      ? html`<p class="muted" part="withheld-comment">${t.commentWithheld(t.reasons[a.withheld])}</p>`
      : a.comment?.trim()
        ? html`<p class="comment" part="comment" lang=${a.lang ?? nothing}>${a.comment}</p>`
        : nothing}
    ${a.reply
      ? html`<div class="reply" part="reply">
          <p class="meta"><span class="who">${t.reply}</span> ${when(a.reply.at, `r-${index}`, f, now)}</p>
          <p class="comment">${a.reply.text}</p>
        </div>`
      : nothing}
  </li>`;
}

function when(iso: string, id: string, f: Formats, now: number): TemplateResult {
  return html`<span class="when"
    ><time part="date" datetime=${iso} tabindex="0" aria-describedby=${id}>${f.relative(iso, now)}</time
    ><span class="tip" part="exact-date" role="tooltip" id=${id}>${f.exact(iso)}</span></span
  >`;
}
