import { css } from '../elements/sheet.js';
import { theme, visuallyHidden } from '../elements/theme.js';

// The shared theme (src/elements/theme.ts), plus the map's own colours, light and dark as the
// theme decides. These meet WCAG AA (4.5:1 for text, 3:1 for marks) on the background and surface
// they sit on, in both schemes; the browser suite checks them with axe-core.
export default css`
  ${theme}
  ${visuallyHidden}
  :host {
    --_surface: var(--cx-surface, light-dark(#f6f8fa, #2a2c30));
    --_alert: var(--cx-alert, light-dark(#b3261e, #ffb4ab));
    --_good: var(--cx-good, light-dark(#1a7f37, #7ee2a8));
    --_bad: var(--cx-bad, light-dark(#b3261e, #ffb4ab));
    --_frustrated: var(--cx-emotion-frustrated, light-dark(#c5221f, #f28b82));
    --_disappointed: var(--cx-emotion-disappointed, light-dark(#e37400, #fcad70));
    --_indifferent: var(--cx-emotion-indifferent, #9aa0a6);
    --_satisfied: var(--cx-emotion-satisfied, light-dark(#5bb974, #81c995));
    --_delighted: var(--cx-emotion-delighted, light-dark(#137333, #34a853));
  }
  [hidden] {
    display: none !important;
  }
  h2,
  h3,
  h4,
  p,
  ul,
  ol,
  dl,
  dd {
    margin: 0;
  }
  .card {
    display: grid;
    /* minmax(0, …), not auto: wide lanes and the table scroll inside the card instead of stretching it. */
    grid-template-columns: minmax(0, 1fr);
    gap: 1rem;
    padding: 1rem;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem 1rem;
    align-items: end;
    justify-content: space-between;
  }
  h2 {
    font-size: 1.25rem;
    font-weight: 700;
  }
  h3 {
    margin-bottom: 0.5rem;
    font-size: 1rem;
    font-weight: 700;
  }
  .tools {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: end;
  }
  .period {
    display: grid;
    gap: 0.25rem;
    font-size: 0.875rem;
  }
  select,
  button {
    min-height: 2.5rem;
    margin: 0;
    padding: 0.375rem 0.75rem;
    font: inherit;
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
  }
  button {
    cursor: pointer;
  }
  .download {
    font-weight: 600;
    color: var(--_on-accent);
    background: var(--_accent);
    border-color: var(--_accent);
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .status,
  .muted,
  .count,
  .note,
  dt,
  .legend {
    color: var(--_muted);
    font-size: 0.875rem;
  }
  .moments {
    display: grid;
    gap: 0.25rem;
    font-weight: 600;
  }
  .ranking {
    display: grid;
    gap: 0.25rem;
    margin: 0;
    padding-inline-start: 1.5rem;
    font-weight: 400;
  }
  .undecided,
  .range {
    color: var(--_muted);
    font-size: 0.875rem;
    font-weight: 400;
  }
  .unsure {
    color: var(--_muted);
    font-weight: 700;
    font-size: 0.875rem;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    padding: 0;
    list-style: none;
  }
  .swatch {
    display: inline-block;
    width: 0.75rem;
    height: 0.75rem;
    margin-inline-end: 0.375rem;
    border-radius: 2px;
    vertical-align: -0.0625rem;
  }
  .track {
    padding: 0.25rem 0.25rem 0.75rem;
  }
  /* Wraps into as many rows as the width needs, so no station is ever cut off; overflow: hidden
     only clips the connector of a row's first station, which would point at nothing. */
  .stations {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 13.5rem), 1fr));
    align-items: start;
    gap: 1.5rem;
    padding: 0;
    list-style: none;
    overflow: hidden;
  }
  .station {
    position: relative;
    min-width: 0;
    display: grid;
    align-content: start;
    gap: 0.5rem;
    padding: 0.75rem;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  /* The line from one touchpoint to the next. */
  .station + .station::before {
    content: '';
    position: absolute;
    top: 1.5rem;
    inset-inline-start: calc(-1.5rem - 1px);
    width: 1.5rem;
    border-top: 2px solid var(--_border);
  }
  .station.moment {
    border: 2px solid var(--_alert);
  }
  .name {
    font-size: 1.0625rem;
    font-weight: 700;
    overflow-wrap: anywhere;
  }
  .flag {
    color: var(--_alert);
    font-weight: 700;
    font-size: 0.875rem;
  }
  .metrics {
    display: grid;
    gap: 0.5rem;
  }
  dd {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.5rem;
    align-items: baseline;
  }
  .value {
    font-weight: 700;
  }
  .bar {
    display: flex;
    width: 100%;
    height: 0.75rem;
    overflow: hidden;
    border-radius: 999px;
  }
  .bar span {
    flex-basis: 0;
    min-width: 3px;
  }
  /* A thin gap between segments shows where one ends even to eyes that cannot tell the colours apart. */
  .bar span + span {
    border-inline-start: 2px solid var(--_surface);
  }
  .frustrated {
    background: var(--_frustrated);
  }
  .disappointed {
    background: var(--_disappointed);
  }
  .indifferent {
    background: var(--_indifferent);
  }
  .satisfied {
    background: var(--_satisfied);
  }
  .delighted {
    background: var(--_delighted);
  }
  .trend {
    font-size: 0.875rem;
    font-weight: 600;
  }
  .up {
    color: var(--_good);
  }
  .down {
    color: var(--_bad);
  }
  .flat {
    color: var(--_muted);
  }
  .toggle {
    font-size: 0.875rem;
  }
  .comments {
    display: grid;
    gap: 0.5rem;
    margin-top: 0.5rem;
    padding: 0;
    list-style: none;
  }
  .comment {
    padding-inline-start: 0.5rem;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    border-inline-start: 3px solid var(--_alert);
  }
  .comment a {
    color: inherit;
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  .comment time {
    display: block;
    color: var(--_muted);
    font-size: 0.75rem;
  }
  /* The notices of the period: each a card with its comparison and its comments. */
  .notices {
    margin-top: 1rem;
  }
  .notices > ul {
    display: grid;
    gap: 0.75rem;
    padding: 0;
    list-style: none;
  }
  .notice {
    display: grid;
    gap: 0.375rem;
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
  }
  .notice table {
    width: auto;
  }
  .empty {
    color: var(--_muted);
    font-style: italic;
  }
  .scroll {
    overflow-x: auto;
    /* What gets focus scrolls clear of the sticky name column. */
    scroll-padding-inline-start: 9rem;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.875rem;
  }
  caption {
    padding-bottom: 0.5rem;
    font-weight: 700;
    text-align: start;
    /* As wide as its words and held at the start: it stays readable while the numbers scroll. */
    position: sticky;
    inset-inline-start: 0;
    width: max-content;
    max-width: 100%;
  }
  th,
  td {
    padding: 0.375rem 0.5rem;
    text-align: start;
    white-space: nowrap;
    border-bottom: 1px solid var(--_border);
  }
  thead th {
    min-width: 5rem;
    vertical-align: bottom;
    white-space: normal;
    background: var(--_surface);
  }
  /* The touchpoint's name stays in view while the numbers scroll sideways. */
  tbody th[scope='row'],
  thead th:first-child {
    position: sticky;
    inset-inline-start: 0;
    z-index: 1;
    background: var(--_bg);
  }
  thead th:first-child {
    background: var(--_surface);
  }
  /* A header that sorts is a button filling its cell, marked ↕ until it sorts, then ▲ or ▼. */
  th .sort {
    display: inline-flex;
    gap: 0.25rem;
    align-items: end;
    min-height: 2rem;
    padding: 0.125rem 0.25rem;
    font-weight: 700;
    text-align: start;
    background: transparent;
    border-color: transparent;
  }
  thead th.num .sort {
    justify-content: end;
    text-align: end;
  }
  th .sort:hover {
    border-color: var(--_border);
  }
  th .sort::after {
    content: '↕' / '';
    color: var(--_muted);
  }
  th[aria-sort='ascending'] .sort::after {
    content: '▲' / '';
    color: inherit;
  }
  th[aria-sort='descending'] .sort::after {
    content: '▼' / '';
    color: inherit;
  }
  .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  /* Stacked on narrow screens: the journey reads top to bottom. */
  @media (max-width: 40rem) {
    .stations {
      grid-template-columns: minmax(0, 1fr);
      align-items: stretch;
      gap: 1rem;
    }
    .station + .station::before {
      top: auto;
      bottom: calc(100% + 1px);
      inset-inline-start: 1.5rem;
      width: 0;
      height: 1rem;
      border-top: 0;
      border-inline-start: 2px solid var(--_border);
    }
  }
  @media (prefers-reduced-motion: no-preference) {
    .bar span {
      transition: flex-grow 200ms ease-out;
    }
  }
`;
