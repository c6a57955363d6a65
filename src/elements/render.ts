import { render, type RenderOptions } from 'lit/html.js';
import { htmlRefused } from './trusted-types.js';
import { warnOnce } from './warn.js';

/**
 * Lit's `render`, for elements living in other people's pages: a failure is told once in the
 * console and the element stays as it was, instead of an exception in the host page. Where the
 * page refused the Trusted Types policy (trusted-types.ts has said so), it does not even try.
 */
export function renderSafely(value: unknown, container: HTMLElement | DocumentFragment, options?: RenderOptions): void {
  if (htmlRefused()) return;
  try {
    render(value, container, options);
  } catch (error) {
    warnOnce(`<${(options?.host as Element | undefined)?.localName}> could not render: ${error}`, 'error');
  }
}
