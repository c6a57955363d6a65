import { warnOnce } from './warn.js';

/** Marks the classes Touchpoint registers, so that any copy of the script knows its own kind. */
export const OURS = Symbol.for('touchpoint-cx.element');

/** Whether `el` is a Touchpoint element (from this copy of the script or another), not a namesake. */
export const isOurs = (el: Element | undefined): boolean => !!(el?.constructor as unknown as Record<symbol, unknown> | undefined)?.[OURS];

/**
 * Defines a custom element unless the name is taken already, and returns the constructor the
 * page actually uses. Taken by another copy of Touchpoint (two script tags, or a bundled copy)
 * is fine; taken by something else is a conflict the developer must hear about, once. Without
 * a window (a server importing the entry to render a page) it defines nothing: Lit's server
 * build puts a stand-in registry on globalThis, which is not a page.
 */
export function define<T extends CustomElementConstructor>(name: string, constructor: T): T {
  (constructor as unknown as Record<symbol, boolean>)[OURS] = true;
  if (typeof window == 'undefined' || !globalThis.customElements) return constructor;
  const taken = customElements.get(name);
  if (!taken) customElements.define(name, constructor);
  else if (!(taken as unknown as Record<symbol, boolean>)[OURS])
    warnOnce(`<${name}> is defined by another script on this page; Touchpoint's is not used.`, 'error');
  return (customElements.get(name) ?? constructor) as T;
}
