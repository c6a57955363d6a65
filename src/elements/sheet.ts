/**
 * Styles for a shadow root, as one constructable stylesheet: CSP-safe (no <style> element, no
 * 'unsafe-inline'). Lit's css-tag does the same with 500 bytes of generality this script tag
 * cannot afford. Browsers without constructable stylesheets (Safari before 16.4) get a <style>
 * element, which, as with Lit, a strict CSP will refuse.
 */
export function adoptSheet(root: ShadowRoot, cssText: string): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(cssText);
    root.adoptedStyleSheets = [sheet];
  } catch {
    root.append(Object.assign(document.createElement('style'), { textContent: cssText }));
  }
}

/** Tags CSS for editors and for the build's whitespace squeezing; the text itself is unchanged. */
export const css = String.raw;
