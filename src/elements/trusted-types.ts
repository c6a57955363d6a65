import { warnOnce } from './warn.js';

/** The name of the one Trusted Types policy all of Touchpoint's script-tag bundles share. */
export const POLICY = 'touchpoint';
const KEY = Symbol.for('touchpoint-cx.policy');

interface Policy {
  createHTML(html: string): unknown;
}
type Global = { trustedTypes?: { createPolicy(name: string, rules: { createHTML: (s: string) => string }): Policy } } & Record<symbol, Policy | null | undefined>;

/**
 * The policy through which Lit, inside the script-tag bundles that use it (wall.js), turns its
 * templates into HTML (the build points lit-html's own `createPolicy("lit-html")` here:
 * scripts/trusted-types.mjs). Made once per page and shared on globalThis, so that two such
 * bundles on one page do not both ask for it ("Policy with name … already exists"). The
 * templates are the bundles' own literals; values are always bound as text. Where the page's
 * `trusted-types` directive does not allow it, one console error says what to add, and those
 * elements render nothing. touchpoint.js builds its DOM without parsing HTML and needs none.
 */
export function htmlPolicy(): Policy | undefined {
  const g = globalThis as unknown as Global;
  if (g[KEY] === undefined && g.trustedTypes)
    try {
      g[KEY] = g.trustedTypes.createPolicy(POLICY, { createHTML: (s) => s });
    } catch {
      g[KEY] = null;
      warnOnce(
        `add "${POLICY}" to this page's trusted-types directive (Content-Security-Policy); until then the elements of this script show nothing.`,
        'error',
      );
    }
  return g[KEY] ?? undefined;
}

/** Whether the page refused the policy: then rendering would throw, and the elements stay empty. */
export const htmlRefused = (): boolean => (globalThis as unknown as Global)[KEY] === null;
