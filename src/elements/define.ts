/** Defines a custom element unless this name is taken already (two script tags, or a bundled copy). */
export function define(name: string, constructor: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, constructor);
}
