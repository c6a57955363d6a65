import { css } from 'lit';

// Colours meet WCAG AA (4.5:1 for text, 3:1 for borders and focus) on their own backgrounds,
// in both schemes; the browser suite checks them with axe-core.
export default css`
  :host {
    all: initial;
    display: block;
    --_bg: var(--cx-bg, #ffffff);
    --_fg: var(--cx-fg, #1f2328);
    --_muted: var(--cx-muted, #57606a);
    --_border: var(--cx-border, #8c959f);
    --_accent: var(--cx-accent, #0b57d0);
    --_on-accent: var(--cx-on-accent, #ffffff);
    --_focus: var(--cx-focus, #0b57d0);
    --_radius: var(--cx-radius, 0.75rem);
    font-family: var(--cx-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--cx-font-size, 1rem);
    line-height: 1.4;
    color: var(--_fg);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_bg: var(--cx-bg, #1e1f22);
      --_fg: var(--cx-fg, #f0f1f2);
      --_muted: var(--cx-muted, #b4b9bf);
      --_border: var(--cx-border, #80868e);
      --_accent: var(--cx-accent, #8ab4f8);
      --_on-accent: var(--cx-on-accent, #0b1e3a);
      --_focus: var(--cx-focus, #8ab4f8);
    }
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
    font: inherit;
    color: inherit;
  }
  .card {
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 1rem;
  }
  form {
    display: grid;
    gap: 1rem;
    margin: 0;
  }
  .label {
    display: block;
    margin: 0 0 0.5rem;
    font-weight: 600;
  }
  .muted,
  .ends,
  .count {
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
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    padding: 0.25rem;
    margin: 0;
  }
  [role='radio'] {
    min-height: 2.75rem;
    min-width: 0;
  }
  [role='radio'][aria-checked='true'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .face {
    display: block;
    font-size: 1.5rem;
    line-height: 1.2;
  }
  .name {
    display: block;
    font-size: 0.6875rem;
    overflow-wrap: anywhere;
  }
  .ends {
    display: flex;
    justify-content: space-between;
    margin-top: 0.25rem;
  }
  textarea {
    display: block;
    width: 100%;
    min-height: 4.5rem;
    resize: vertical;
    padding: 0.5rem;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
  }
  .count {
    display: block;
    text-align: end;
  }
  .submit {
    justify-self: start;
    padding: 0.5rem 1.25rem;
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  .status:empty {
    display: none;
  }
  .status {
    margin: 0;
  }
  .hint {
    margin: 0;
    font-weight: 600;
  }
  .launcher,
  .panel {
    position: fixed;
    z-index: var(--cx-z-index, 2147483000);
    inset: var(--cx-top, auto) var(--cx-right, 1rem) var(--cx-bottom, 1rem) var(--cx-left, auto);
    box-shadow: 0 0.25rem 1.5rem rgb(0 0 0 / 0.25);
  }
  .launcher {
    padding: 0.75rem 1.25rem;
    border-radius: 999px;
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  .panel {
    width: min(24rem, calc(100vw - 2rem));
    max-height: calc(100vh - 2rem);
    overflow: auto;
  }
  .head {
    display: flex;
    justify-content: space-between;
    align-items: start;
    gap: 1rem;
    margin-bottom: 0.75rem;
  }
  .head h2 {
    margin: 0;
    font-size: 1.0625rem;
    font-weight: 700;
  }
  .close {
    width: 2.25rem;
    height: 2.25rem;
    flex: none;
    font-size: 1.25rem;
    line-height: 1;
  }
  @media (prefers-reduced-motion: no-preference) {
    .panel {
      animation: rise 160ms ease-out;
    }
    @keyframes rise {
      from {
        opacity: 0;
        transform: translateY(0.5rem);
      }
    }
  }
`;
