/**
 * Defines a custom element unless the name is taken already (two script tags, or a bundled
 * copy), and returns the constructor the page actually uses.
 */
export function define<T extends CustomElementConstructor>(name: string, constructor: T): T {
  if (!customElements.get(name)) customElements.define(name, constructor);
  return customElements.get(name) as T;
}
