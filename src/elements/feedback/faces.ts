import { svg, type SVGTemplateResult } from 'lit/html.js';

/**
 * The five faces, frustrated to delighted, drawn as one shape whose mouth bends from a frown to
 * a smile, so they look the same on every platform (no emoji font), take the colour of the text
 * and follow forced-colours mode. `bend` is how far the middle of the mouth sits below its ends.
 */
export const face = (index: number): SVGTemplateResult => {
  const bend = [-3, -1.5, 0, 2, 3.5][index];
  const y = 15.5 - bend / 2;
  return svg`<circle cx="12" cy="12" r="10"/><path d="M9 9v1.5M15 9v1.5M7.5 ${y}Q12 ${y + 2 * bend} 16.5 ${y}"/>`;
};

export const check = svg`<circle cx="12" cy="12" r="10"/><path d="M7.5 12.5l3 3 6-6.5"/>`;
export const cross = svg`<path d="M7 7l10 10M17 7 7 17"/>`;
