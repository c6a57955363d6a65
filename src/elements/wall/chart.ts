import { html, type TemplateResult } from 'lit';
import { EMOTIONS } from '../../core/answer.js';
import { effortLabels } from '../../core/i18n/words.js';
import { barLength } from './bar-length.js';
import type { Formats } from './format.js';
import type { WallStats } from './stats.js';
import type { WallStrings } from './translations/strings.js';

type Row = [label: string, count: number];

/**
 * One distribution as a table: a row per point of the scale (or per emotion), its count and its
 * share, with a bar drawn in the share cell. The table is the chart's text equivalent; the bar is
 * decoration on top of it.
 */
function distribution(caption: string, rows: Row[], t: WallStrings, f: Formats, captionShown = true): TemplateResult {
  const total = rows.reduce((n, [, count]) => n + count, 0);
  return html`<table part="chart">
    <caption class=${captionShown ? '' : 'vh'}>${caption}</caption>
    <thead class="vh">
      <tr><th scope="col">${t.rating}</th><th scope="col">${t.count}</th><th scope="col">${t.share}</th></tr>
    </thead>
    <tbody>
      ${rows.map(([label, count]) => {
        const share = total ? count / total : 0;
        return html`<tr>
          <th scope="row">${label}</th>
          <td class="n">${f.number(count)}</td>
          <td class="share"><span class="track" aria-hidden="true"><span class="bar" part="bar" ${barLength(share)}></span></span>${f.percent(share)}</td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

/** One distribution per effort scale the answers used: 5- and 7-point answers are never merged. */
export function effortCharts(stats: WallStats, t: WallStrings, f: Formats): TemplateResult {
  const scales = ([5, 7] as const).filter((scale) => stats.effortCounts[scale].some((n) => n > 0));
  return html`<section class="chart" part="effort-chart">
    <h3>${t.effortHeading}</h3>
    ${scales.length
      ? scales.map((scale) => {
          const labels = effortLabels(t, scale);
          return distribution(t.scale(scale), stats.effortCounts[scale].map((n, i): Row => [labels[i], n]), t, f);
        })
      : html`<p class="muted">${t.noEffort}</p>`}
  </section>`;
}

export function emotionChart(stats: WallStats, t: WallStrings, f: Formats): TemplateResult {
  const rows = EMOTIONS.map((e): Row => [t.emotions[e], stats.emotions[e]]);
  return html`<section class="chart" part="emotion-chart">
    <h3>${t.emotionHeading}</h3>
    ${rows.some(([, n]) => n > 0) ? distribution(t.emotionHeading, rows, t, f, false) : html`<p class="muted">${t.noEmotion}</p>`}
  </section>`;
}
