import { css } from '../sheet.js';
import { theme } from '../theme.js';

export default css`
  ${theme}
  * {
    margin: 0;
  }
  .card,
  button,
  textarea {
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    padding: 0.25rem;
  }
  .card {
    display: grid;
    gap: 1rem;
    border-radius: var(--_radius);
    padding: 1rem;
  }
  .label {
    display: block;
    margin-bottom: 0.5rem;
    font-weight: 600;
  }
  .muted {
    color: var(--_muted);
    font-size: 0.8125rem;
    font-weight: 400;
  }
  .choices {
    display: grid;
    grid-auto-flow: column;
    grid-auto-columns: 1fr;
    gap: 0.25rem;
  }
  button {
    cursor: pointer;
    min-height: 2.75rem;
  }
  [aria-checked='true'],
  .submit,
  .launcher {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .face {
    display: block;
    font-size: 1.5rem;
  }
  .name {
    display: block;
    font-size: 0.6875rem;
    -webkit-hyphens: auto;
    hyphens: auto;
    overflow-wrap: anywhere;
  }
  .ends {
    display: flex;
    justify-content: space-between;
  }
  textarea {
    width: 100%;
    min-height: 4.5rem;
    resize: vertical;
  }
  .count {
    display: block;
    text-align: end;
  }
  .submit,
  .launcher {
    justify-self: start;
    padding: 0 1.25rem;
  }
  /* Empty, it takes no room but stays in the accessibility tree: a live region must exist
     before its message arrives for screen readers to announce it. */
  .status:empty {
    position: absolute;
    clip-path: inset(50%);
  }
  .launcher,
  .panel {
    position: fixed;
    z-index: var(--cx-z-index, 2147483000);
    inset: var(--cx-top, auto) var(--cx-right, 1rem) var(--cx-bottom, 1rem) var(--cx-left, auto);
    box-shadow: 0 0.25rem 1.5rem #0004;
  }
  .launcher {
    border-radius: 2rem;
  }
  .panel {
    width: min(24rem, 100vw - 2rem);
    max-height: calc(100vh - 2rem);
    overflow: auto;
  }
  .head {
    display: flex;
    justify-content: space-between;
  }
  h2 {
    font-size: 1.0625rem;
  }
`;
