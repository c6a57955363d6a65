/** What an element may hold: nodes, text, and nothing (`false`, `null`, `undefined`), nested freely. */
export type Child = Node | string | number | false | null | undefined | Child[];
/** Attributes by name (`null`/`undefined` leave one out; other values become text), `on<event>` listeners, and `.name` properties. */
export type Props = Record<string, unknown> | null;

const SVG = 'http://www.w3.org/2000/svg';

/**
 * Builds an element, for a script in other people's pages: DOM calls only, never HTML parsing,
 * so it needs no Trusted Types policy, and a first render costs no template compilation.
 * `h('button', { part: 'submit', onclick: send }, 'Send')`. SVG elements by their own tags.
 */
export function h(tag: string, props?: Props, ...children: Child[]): HTMLElement {
  const el = /^(svg|path|circle)$/.test(tag) ? document.createElementNS(SVG, tag) : document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {}))
    if (name[0] == '.') (el as unknown as Record<string, unknown>)[name.slice(1)] = value;
    else if (name.startsWith('on')) el.addEventListener(name.slice(2), value as EventListener);
    else if (value != null) el.setAttribute(name, String(value));
  el.append(...(children.flat(9).filter((c) => c != null && c !== false) as (Node | string)[]));
  return el as HTMLElement;
}
