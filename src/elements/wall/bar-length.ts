import { noChange } from 'lit';
import { Directive, directive, type ElementPart } from 'lit/directive.js';

/**
 * Gives a bar its length as `--share`, always through CSSOM. Lit's `styleMap` writes a `style`
 * attribute on first render, which a strict CSP (`style-src` without 'unsafe-inline') refuses.
 */
class BarLength extends Directive {
  render(_share: number): unknown {
    return noChange;
  }

  override update(part: ElementPart, [share]: [number]): unknown {
    (part.element as HTMLElement).style.setProperty('--share', `${share * 100}%`);
    return noChange;
  }
}

/** `<span class="bar" ${barLength(0.38)}>`: a share from 0 to 1. */
export const barLength = directive(BarLength);
