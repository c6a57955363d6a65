import { fileURLToPath } from 'node:url';

const POLICY_MODULE = fileURLToPath(new URL('../src/elements/trusted-types.ts', import.meta.url));
// lit-html 3's production build: `const p = trustedTypes ? trustedTypes.createPolicy("lit-html", { createHTML: (s) => s }) : undefined`.
const LIT_POLICY = /(\w+)\?\1\.createPolicy\("lit-html",\{createHTML:(\w+)=>\2\}\):void 0/;

/**
 * For the script-tag bundles: Lit asks for a Trusted Types policy named "lit-html" when it
 * loads, so two bundles on one page collide, and a page that allows no policy breaks the whole
 * script. This points that one call at src/elements/trusted-types.ts, one shared "touchpoint"
 * policy that fails softly. The build fails if a new lit-html no longer has the call.
 */
export function sharedTrustedTypesPolicy() {
  return {
    name: 'shared-trusted-types-policy',
    transform(code, id) {
      if (!/[\\/]lit-html[\\/]lit-html\.js$/.test(id)) return null;
      if (!LIT_POLICY.test(code)) this.error(`lit-html's createPolicy("lit-html") call was not found in ${id}: update scripts/trusted-types.mjs.`);
      return { code: `import { htmlPolicy as __touchpointPolicy } from ${JSON.stringify(POLICY_MODULE)};\n${code.replace(LIT_POLICY, '__touchpointPolicy()')}`, map: null };
    },
  };
}
