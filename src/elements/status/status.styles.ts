import { css } from '../sheet.js';
import { theme, visuallyHidden } from '../theme.js';

/**
 * The shared theme, and a severity colour per notice (`--_tone`), always beside the severity's
 * word and icon, never alone. Each tone is a border and an icon colour on the element's own
 * background, at 3:1 or more against it in both schemes (WCAG 1.4.11); text stays `--_fg`.
 */
export default css`
  ${theme}
  ${visuallyHidden}
  :host {
    interpolate-size: allow-keywords;
  }
  * {
    margin: 0;
  }
  ol {
    display: grid;
    gap: 0.5em;
    padding: 0;
    list-style: none;
  }
  li {
    --_tone: var(--cx-info, light-dark(#0b57d0, #8ab4f8));
    display: grid;
    grid-template-columns: auto 1fr auto;
    gap: 0.25em 0.75em;
    align-items: start;
    padding: 0.75em 0.75em 0.75em 1em;
    border: 1px solid var(--_border);
    border-inline-start: 0.375em solid var(--_tone);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_bg);
  }
  [data-severity='minor'] {
    --_tone: var(--cx-minor, light-dark(#8a6100, #f2c14e));
  }
  [data-severity='major'] {
    --_tone: var(--cx-major, light-dark(#b3460a, #ff9e5e));
  }
  [data-severity='critical'] {
    --_tone: var(--cx-critical, light-dark(#b3261e, #ff8a80));
  }
  [data-severity='maintenance'] {
    --_tone: var(--cx-maintenance, light-dark(#6b4fa0, #c5a8f5));
  }
  .icon {
    width: 1.5em;
    height: 1.5em;
    fill: none;
    stroke: var(--_tone);
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .text {
    display: grid;
    gap: 0.25em;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .severity,
  .title {
    font-weight: 700;
  }
  .meta,
  .as-of {
    margin-top: 0.25em;
    color: var(--_muted);
    font-size: 0.875em;
  }
  a {
    color: var(--_accent);
  }
  button {
    display: grid;
    place-items: center;
    width: 2.75em;
    height: 2.75em;
    margin: -0.5em -0.5em 0 0;
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: none;
    cursor: pointer;
  }
  button svg {
    width: 1.25em;
    height: 1.25em;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }

  /* The exact time, beside the relative one on hover and on keyboard focus: inline, covering nothing. */
  time {
    border-bottom: 1px dotted;
  }
  time:is(:hover, :focus)::after {
    content: ' (' attr(data-exact) ')';
  }

  /*
   * A notice enters by growing from nothing, so what is below it slides rather than jumps
   * (where interpolate-size is supported; elsewhere it appears at once), and at once with
   * reduced motion.
   */
  @media (prefers-reduced-motion: no-preference) {
    li {
      overflow: clip;
      overflow-clip-margin: 4px;
      transition: height 0.2s ease-out, opacity 0.2s ease-out;
      @starting-style {
        height: 0;
        opacity: 0;
      }
    }
  }
  @media (forced-colors: active) {
    .icon {
      stroke: CanvasText;
    }
  }
`;
