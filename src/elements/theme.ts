import { css } from './sheet.js';

/**
 * What every Touchpoint element starts from, so one theme styles them all: the host shut off
 * from the page's inherited styles, and private `--_x` properties fed by the public `--cx-x`
 * ones. Background and text are the system colours, which follow the light or dark scheme with
 * the browser's own contrast; the other colours have a light and a dark value meeting WCAG AA
 * on them (the browser suites check both schemes with axe-core).
 */
export const theme = css`
  :host {
    all: initial;
    display: block;
    color-scheme: light dark;
    --_bg: var(--cx-bg, Canvas);
    --_fg: var(--cx-fg, CanvasText);
    --_muted: var(--cx-muted, #57606a);
    --_border: var(--cx-border, #8c959f);
    --_accent: var(--cx-accent, #0b57d0);
    --_on-accent: var(--cx-on-accent, #fff);
    --_focus: var(--cx-focus, var(--_accent));
    --_radius: var(--cx-radius, 0.75rem);
    font: var(--cx-font-size, 1rem) / 1.4 var(--cx-font, system-ui, sans-serif);
    color: var(--_fg);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_muted: var(--cx-muted, #b4b9bf);
      --_border: var(--cx-border, #80868e);
      --_accent: var(--cx-accent, #8ab4f8);
      --_on-accent: var(--cx-on-accent, #0b1e3a);
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
`;

/** `.vh`: text for screen readers only, out of sight but in the accessibility tree. */
export const visuallyHidden = css`
  .vh {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
`;
