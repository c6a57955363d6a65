import { css, unsafeCSS } from 'lit';
import { theme, visuallyHidden } from '../theme.js';

// The shared theme (src/elements/theme.ts), so one theme styles every Touchpoint element.
export default css`
  ${unsafeCSS(theme + visuallyHidden)}
  :host {
    --_soft: light-dark(#f3f5f8, #1f2328);
    --_warn: light-dark(#8a4600, #ffb86b);
    --_danger: light-dark(#b3261e, #ffb4ab);
  }
  .inbox {
    background: var(--_bg);
    padding: 0.75rem;
    max-width: 72rem;
    margin: 0 auto;
  }
  h2,
  h3,
  h4,
  p,
  dl,
  dd,
  ol,
  ul,
  fieldset {
    margin: 0;
  }
  h2 {
    font-size: 1.375rem;
    font-weight: 700;
  }
  h3 {
    font-size: 1.0625rem;
    font-weight: 700;
  }
  h4 {
    font-size: 1rem;
    font-weight: 600;
    flex: 1 1 12rem;
    min-width: 0;
  }
  .muted {
    color: var(--_muted);
    font-size: 0.875rem;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  button,
  a,
  input,
  select,
  textarea {
    border-radius: calc(var(--_radius) / 2);
  }
  button {
    cursor: pointer;
    min-height: 2.25rem;
    padding: 0.375rem 0.875rem;
    border: 1px solid var(--_border);
    background: var(--_bg);
    color: var(--_fg);
    font-weight: 600;
  }
  button.primary,
  button[aria-pressed='true'] {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
  }
  button[aria-disabled='true'] {
    cursor: progress;
  }
  input,
  select,
  textarea {
    background: var(--_bg);
    color: var(--_fg);
    border: 1px solid var(--_border);
    padding: 0.375rem 0.5rem;
    min-height: 2.25rem;
    max-width: 100%;
  }
  input[type='checkbox'],
  input[type='radio'] {
    min-height: 0;
    width: 1.125rem;
    height: 1.125rem;
    margin: 0;
    accent-color: var(--_accent);
  }
  textarea {
    width: 100%;
    resize: vertical;
  }
  label {
    font-weight: 600;
    font-size: 0.875rem;
  }
  label.choice {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    font-weight: 400;
    font-size: 1rem;
    min-height: 2.25rem;
    margin-inline-end: 1rem;
  }
  a {
    color: var(--_accent);
    text-underline-offset: 0.15em;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  kbd {
    font-family: ui-monospace, monospace;
    font-size: 0.875em;
    border: 1px solid var(--_border);
    border-radius: 0.25em;
    padding: 0 0.3em;
  }
  .status:empty,
  .alert:empty {
    display: none;
  }
  .alert {
    color: var(--_danger);
    font-weight: 600;
  }

  /* Signing in */
  .signin {
    display: grid;
    gap: 0.5rem;
    max-width: 26rem;
    margin: 2rem auto;
    padding: 1.25rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  fieldset {
    border: 0;
    padding: 0;
  }
  legend {
    padding: 0;
    font-weight: 600;
    font-size: 0.875rem;
    margin-bottom: 0.25rem;
  }
  .signin button {
    justify-self: start;
    margin-top: 0.25rem;
  }

  /* Toolbar, filters, bulk bar */
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    margin-bottom: 0.75rem;
  }
  .toolbar .who {
    flex: 1 1 auto;
  }
  .tools {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .filters {
    display: grid;
    gap: 0.75rem;
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin-bottom: 0.75rem;
  }
  .states {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .fields {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 9rem), 1fr));
    gap: 0.5rem 0.75rem;
  }
  .field {
    display: grid;
    gap: 0.125rem;
    align-content: start;
    min-width: 0;
  }
  .field select,
  .field input {
    width: 100%;
    min-width: 0;
  }
  .field.wide {
    grid-column: 1 / -1;
  }
  .export {
    display: inline-flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    margin-inline-start: auto;
  }
  .export a {
    display: inline-block;
    padding: 0.375rem 0;
  }
  .messages {
    position: sticky;
    bottom: 0;
    z-index: 2;
  }
  .messages p {
    background: var(--_bg);
    padding: 0.375rem 0;
  }
  .bulk {
    position: sticky;
    top: 0;
    z-index: 2;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    padding: 0.5rem 0.75rem;
    margin-bottom: 0.75rem;
    background: var(--_soft);
    border: 1px solid var(--_accent);
    border-radius: var(--_radius);
  }
  .bulk span {
    font-weight: 600;
    margin-inline-end: auto;
  }

  /* The list */
  .answers > .row,
  .linked > .row {
    justify-content: space-between;
    margin-bottom: 0.5rem;
  }
  .list {
    list-style: none;
    padding: 0;
    display: grid;
    gap: 0.75rem;
  }
  .linked {
    margin-bottom: 1rem;
  }
  .item {
    display: grid;
    gap: 0.5rem;
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-inline-start-width: 4px;
    border-radius: var(--_radius);
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .item.current {
    border-color: var(--_accent);
    background: var(--_soft);
  }
  .item:focus {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.625rem;
  }
  .head time {
    font-weight: 400;
    white-space: nowrap;
  }
  .state {
    font-size: 0.8125rem;
    font-weight: 700;
    padding: 0.125rem 0.5rem;
    border-radius: 1em;
    border: 1px solid currentColor;
  }
  .state-new .state {
    color: var(--_warn);
  }
  .state-acknowledged .state {
    color: var(--_accent);
  }
  .state-resolved .state {
    color: var(--_muted);
  }
  .ratings {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1.25rem;
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
    white-space: pre-wrap;
  }
  .withheld {
    color: var(--_warn);
  }
  .reply {
    border-inline-start: 3px solid var(--_accent);
    padding-inline-start: 0.625rem;
  }
  .notes .label {
    font-weight: 600;
    font-size: 0.875rem;
  }
  .notes ul,
  details ol,
  .audit ol {
    padding-inline-start: 1.25rem;
    display: grid;
    gap: 0.25rem;
  }
  details summary {
    cursor: pointer;
    color: var(--_muted);
    font-size: 0.875rem;
    min-height: 1.5rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
  }
  .actions button {
    min-height: 2rem;
    padding: 0.25rem 0.625rem;
    font-size: 0.875rem;
  }
  .editor {
    display: grid;
    gap: 0.375rem;
    padding: 0.625rem;
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
  }
  .more {
    margin-top: 0.75rem;
  }
  .audit {
    display: grid;
    gap: 0.5rem;
    padding: 0.75rem;
    margin-bottom: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    max-height: 24rem;
    overflow: auto;
  }
  .audit button {
    justify-self: start;
  }

  /* The keys */
  dialog {
    background: var(--_bg);
    color: var(--_fg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 1.25rem;
    max-width: min(28rem, calc(100vw - 2rem));
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  dialog dl {
    display: grid;
    gap: 0.5rem;
    margin: 1rem 0;
  }
  dialog dl div {
    display: grid;
    grid-template-columns: 5rem 1fr;
    gap: 0.75rem;
  }
  dialog dt::after {
    content: none;
  }
  @media (prefers-reduced-motion: no-preference) {
    .item {
      transition: background-color 0.15s;
    }
  }
`;
