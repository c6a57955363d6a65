import { css, unsafeCSS } from 'lit';
import { theme, visuallyHidden } from '../theme.js';

// The shared theme (src/elements/theme.ts), so one theme styles every Touchpoint element.
export default css`
  ${unsafeCSS(theme + visuallyHidden)}
  :host {
    --_bar: var(--cx-bar, var(--_accent));
  }
  .wall {
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 1rem;
  }
  h2,
  h3,
  p,
  dl,
  dd,
  ol {
    margin: 0;
  }
  h2 {
    font-size: 1.25rem;
    font-weight: 700;
  }
  h3 {
    font-size: 1rem;
    font-weight: 700;
    margin-bottom: 0.5rem;
  }
  .muted {
    color: var(--_muted);
    font-size: 0.875rem;
  }
  .status {
    margin-top: 0.75rem;
  }
  .status:empty {
    display: none;
  }
  button {
    cursor: pointer;
    margin: 0.75rem 0 0;
    padding: 0.5rem 1.25rem;
    border: 1px solid var(--_accent);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  button[aria-disabled='true'] {
    cursor: progress;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }

  /* The numbers */
  .summary {
    display: grid;
    gap: 0.25rem;
    margin-top: 0.75rem;
  }
  .total {
    font-size: 1.125rem;
    font-weight: 600;
  }
  .charts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 16rem), 1fr));
    gap: 1rem 2rem;
    margin-top: 0.75rem;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.875rem;
    margin-bottom: 0.75rem;
  }
  caption {
    text-align: start;
    color: var(--_muted);
    padding-bottom: 0.25rem;
  }
  th,
  td {
    padding: 0.125rem 0;
    text-align: start;
    font-weight: 400;
    vertical-align: middle;
  }
  th[scope='row'] {
    padding-inline-end: 0.5rem;
    white-space: nowrap;
  }
  .n {
    text-align: end;
    padding-inline-end: 0.5rem;
    font-variant-numeric: tabular-nums;
  }
  .share {
    width: 100%;
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  .track {
    display: inline-block;
    vertical-align: middle;
    width: calc(100% - 3.5em);
    height: 0.75rem;
    margin-inline-end: 0.5em;
    border: 1px solid var(--_border);
    border-radius: 999px;
    overflow: hidden;
  }
  .bar {
    display: block;
    height: 100%;
    width: var(--share, 0%);
    background: var(--_bar);
  }
  /* Windows high contrast drops backgrounds: keep the bars visible. */
  @media (forced-colors: active) {
    .bar {
      background: CanvasText;
    }
  }

  /* The answers */
  .answers {
    margin-top: 1rem;
    border-top: 1px solid var(--_border);
    padding-top: 1rem;
  }
  ol {
    list-style: none;
    padding: 0;
    margin-top: 0.75rem;
  }
  li {
    display: grid;
    gap: 0.375rem;
    padding: 0.75rem 0;
    border-bottom: 1px solid var(--_border);
    /* A long list lays out only what is near the screen. */
    content-visibility: auto;
    contain-intrinsic-size: auto 7rem;
  }
  li:last-child {
    border-bottom: 0;
    padding-bottom: 0;
  }
  li:focus-visible {
    outline-offset: -2px;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 0.75rem;
    color: var(--_muted);
    font-size: 0.875rem;
  }
  .touchpoint {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .ratings {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
  }
  .ratings div {
    display: flex;
    gap: 0.375rem;
  }
  dt {
    color: var(--_muted);
  }
  dt::after {
    content: ':';
  }
  .comment {
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
  .reply {
    display: grid;
    gap: 0.25rem;
    margin-inline-start: 1rem;
    padding-inline-start: 0.75rem;
    border-inline-start: 3px solid var(--_accent);
  }
  .who {
    font-weight: 600;
    color: var(--_fg);
  }

  /* The exact date: a tooltip on hover and on keyboard focus, dismissed with Escape. */
  .when {
    position: relative;
  }
  time {
    border-bottom: 1px dotted currentColor;
    cursor: help;
  }
  .tip {
    display: none;
    position: absolute;
    z-index: 1;
    inset-inline-start: 0;
    top: calc(100% + 0.25rem);
    width: max-content;
    max-width: 16rem;
    padding: 0.25rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 3);
    background: var(--_bg);
    color: var(--_fg);
    font-size: 0.8125rem;
  }
  time:hover + .tip,
  time:focus + .tip,
  .tip:hover {
    display: block;
  }
  time.quiet + .tip {
    display: none;
  }

  @media (prefers-reduced-motion: no-preference) {
    li {
      animation: appear 160ms ease-out;
    }
    @keyframes appear {
      from {
        opacity: 0;
      }
    }
  }
`;
