const sheets = new Map<string, CSSStyleSheet>();

/**
 * Styles a shadow root with one constructable stylesheet, shared by every element with the same
 * text: CSP-safe (no <style> element, no 'unsafe-inline'). Browsers without constructable
 * stylesheets (Safari before 16.4) get a <style> element, which a strict CSP refuses, as with Lit.
 */
export function adoptSheet(root: ShadowRoot, cssText: string): void {
  try {
    let sheet = sheets.get(cssText);
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(cssText);
      sheets.set(cssText, sheet);
    }
    root.adoptedStyleSheets = [sheet];
  } catch {
    root.append(Object.assign(document.createElement('style'), { textContent: cssText }));
  }
}

/** Tags CSS for editors and for the build's whitespace squeezing (scripts/minify-templates.mjs); the text is unchanged. */
export const css = String.raw;
