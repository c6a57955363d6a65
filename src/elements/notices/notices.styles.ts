import { css, unsafeCSS } from 'lit';
import { theme, visuallyHidden } from '../theme.js';

// The shared theme (src/elements/theme.ts), as <cx-inbox> beside it on /admin.
export default css`
  ${unsafeCSS(theme + visuallyHidden)}
  .notices {
    display: grid;
    gap: 1rem;
    max-width: 72rem;
    margin: 0 auto;
    padding: 0.75rem;
    background: var(--_bg);
  }
  h2,
  h3,
  h4,
  p,
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
  .muted {
    color: var(--_muted);
    font-size: 0.875rem;
  }
  form,
  .notice {
    display: grid;
    gap: 0.75rem;
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .fields {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 16rem), 1fr));
    gap: 0.75rem;
  }
  label {
    display: grid;
    gap: 0.25rem;
    font-weight: 600;
  }
  label.check {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    font-weight: 400;
  }
  input,
  select,
  textarea {
    min-height: 2.5rem;
    padding: 0.375rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_bg);
    font-weight: 400;
  }
  input[type='checkbox'] {
    min-height: auto;
    width: 1.25rem;
    height: 1.25rem;
  }
  button {
    justify-self: start;
    min-height: 2.5rem;
    padding: 0.375rem 1rem;
    border: 1px solid var(--_accent);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
    cursor: pointer;
  }
  button.quiet {
    background: transparent;
    color: var(--_accent);
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  ol.list {
    display: grid;
    gap: 0.75rem;
    padding: 0;
    list-style: none;
  }
  .notice[data-severity='critical'],
  .notice[data-severity='major'] {
    border-inline-start: 0.375rem solid var(--_accent);
  }
  .state {
    font-weight: 600;
  }
  table {
    border-collapse: collapse;
    font-size: 0.875rem;
  }
  th,
  td {
    padding: 0.25rem 0.5rem;
    text-align: start;
    border-bottom: 1px solid var(--_border);
  }
  .scroll {
    overflow-x: auto;
  }
  .timeline,
  .comments {
    display: grid;
    gap: 0.375rem;
    padding-inline-start: 1.25rem;
  }
  .comments li,
  .timeline li {
    overflow-wrap: anywhere;
    white-space: pre-wrap;
  }
`;
