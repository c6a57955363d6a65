/**
 * What the elements extend: HTMLElement where there is one; elsewhere (Node, where Next.js,
 * Astro and Nuxt import components to render a page on the server) an empty class, so that
 * importing a Touchpoint entry there throws nothing.
 */
export const ElementBase = (globalThis.HTMLElement ?? class {}) as typeof HTMLElement;
