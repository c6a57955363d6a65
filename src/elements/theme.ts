import { css } from './sheet.js';

/**
 * What every Touchpoint element starts from, so one theme styles them all: the host shut off
 * from the page's inherited styles, and private `--_x` properties fed by the public `--cx-x`
 * ones, each of which overrides both schemes.
 *
 * Colour scheme: `theme="auto"` (the default) takes the host page's own `color-scheme` (its CSS
 * or its `<meta name="color-scheme">`), so a light site stays light for a visitor whose OS is
 * dark, and a site that supports both follows the visitor; `light` and `dark` force one. The
 * colours follow through `light-dark()` and the system colours Canvas and CanvasText, each
 * pair meeting WCAG AA (the browser suites check both schemes with axe-core).
 *
 * Size: the browser's default font size (the visitor's setting), not the page's root size, so
 * a host's `html { font-size: 8px }` cannot shrink it; `--cx-font-size` sets another, never
 * below 14px. Sizes inside are in `em` of it.
 */
export const theme = css`
  :host {
    all: initial;
    display: block;
    color-scheme: inherit;
    --_bg: var(--cx-bg, Canvas);
    --_fg: var(--cx-fg, CanvasText);
    --_muted: var(--cx-muted, light-dark(#57606a, #b4b9bf));
    --_border: var(--cx-border, light-dark(#8c959f, #80868e));
    --_accent: var(--cx-accent, light-dark(#0b57d0, #8ab4f8));
    --_on-accent: var(--cx-on-accent, light-dark(#fff, #0b1e3a));
    --_focus: var(--cx-focus, var(--_accent));
    --_radius: var(--cx-radius, 0.75em);
    font: 1em/1.4 var(--cx-font, system-ui, sans-serif);
    color: var(--_fg);
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host > * {
    font-size: max(14px, var(--cx-font-size, 1em));
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
