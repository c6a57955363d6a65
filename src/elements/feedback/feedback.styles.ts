import { css } from '../sheet.js';
import { theme } from '../theme.js';

export default css`
  ${theme}
  * {
    margin: 0;
  }
  [hidden] {
    display: none !important;
  }
  .card,
  .questions {
    display: grid;
    gap: 1.25em;
  }
  .card {
    padding: 1.25em;
  }
  .card,
  button,
  textarea {
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
  }
  .card {
    border-radius: var(--_radius);
  }
  button {
    cursor: pointer;
    min-height: 2.75em;
    padding: 0 0.25em;
  }
  .label {
    display: block;
    margin-bottom: 0.625em;
    font-weight: 600;
  }
  .muted,
  .name {
    font-size: max(14px, 0.875em);
  }
  .muted {
    color: var(--_muted);
    font-weight: 400;
  }
  .choices {
    display: grid;
    grid-auto-flow: column;
    grid-auto-columns: 1fr;
    gap: 0.375em;
  }
  @media (hover: hover) {
    button:hover {
      border-color: var(--_accent);
    }
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
  svg {
    display: block;
    width: 2em;
    height: 2em;
    fill: none;
    stroke: currentColor;
    stroke-width: 1.5;
    stroke-linecap: round;
  }
  [part~='emotion-option'] {
    display: grid;
    place-items: center;
    gap: 0.25em;
  }
  /* Emotion names under their faces only where all five fit whole; narrower, the faces stand
     alone (each named for screen readers) and the scale's two ends are named, as for effort.
     Both take the same height (face, gap, name and padding = button and ends row), so the
     page never moves when the layout switches, and touchpoint.css can reserve one height. */
  .name {
    display: none;
    white-space: nowrap;
  }
  .card {
    container-type: inline-size;
  }
  /* One container, the card (its content box is the questions' width): each container costs a style and layout pass. */
  @container (min-width: 36em) {
    [part~='emotion-option'] {
      padding: calc(0.4375em - 1px) 0.25em;
    }
    .name {
      display: block;
    }
    [part='emotion'] + .ends {
      display: none;
    }
  }
  .ends {
    display: flex;
    justify-content: space-between;
    gap: 1em;
    margin-top: 0.375em;
  }
  textarea {
    display: block;
    width: 100%;
    min-height: 4.5em;
    padding: 0.5em 0.625em;
    resize: vertical;
  }
  .count {
    display: block;
    text-align: end;
  }
  .submit,
  .launcher {
    justify-self: start;
    padding: 0 1.5em;
  }
  /* Empty, it takes no room but stays in the accessibility tree: a live region must exist
     before its message arrives for screen readers to announce it. */
  .status:empty {
    position: absolute;
    clip-path: inset(50%);
  }
  .box {
    display: contents;
  }
  /* Done: a check mark, the thank-you, and the delivery line, which always takes the room of
     its longest message, so nothing moves when "saved" becomes "sent". */
  .done {
    grid-template-columns: auto 1fr;
    gap: 0.125em 0.875em;
    align-items: center;
  }
  .check {
    grid-row: span 2;
    align-self: start;
    width: 2.5em;
    height: 2.5em;
    color: var(--_accent);
  }
  .thanks {
    font-size: 1.125em;
    font-weight: 600;
    outline: none;
  }
  .room {
    display: none;
  }
  .done .box,
  .done .room {
    display: grid;
  }
  .box > *,
  .room > * {
    grid-area: 1 / 1;
  }
  .done .status {
    color: var(--_muted);
  }
  .room {
    visibility: hidden;
  }
  .launcher,
  .panel {
    position: fixed;
    z-index: var(--cx-z-index, 2147483000);
    inset: var(--cx-top, auto) var(--cx-right, 1rem) var(--cx-bottom, 1rem) var(--cx-left, auto);
    box-shadow: 0 0.5em 2em #0003;
  }
  .launcher {
    border-radius: 2em;
  }
  .panel {
    width: min(24em, 100vw - 2rem);
    max-height: calc(100vh - 2rem);
    overflow: auto;
  }
  .head {
    grid-column: 1 / -1;
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 1em;
    margin: -0.5em -0.5em -0.25em 0;
  }
  h2 {
    font-size: 1.125em;
    font-weight: 600;
  }
  .close {
    display: grid;
    place-items: center;
    width: 2.75em;
    border-color: transparent;
  }
  /* Forced colours repaint backgrounds: mark the chosen option with the system highlight. */
  @media (forced-colors: active) {
    [aria-checked='true'] {
      forced-color-adjust: none;
      background: Highlight;
      color: HighlightText;
    }
  }
`;
