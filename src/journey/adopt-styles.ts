const sheets = new Map<string, CSSStyleSheet>();

/**
 * Gives a shadow root its styles through a constructable stylesheet, shared by every element,
 * which a strict Content-Security-Policy allows (no `unsafe-inline`). Browsers without them
 * (before Safari 16.4) get a `<style>` element, which such a policy would block.
 */
export function adoptStyles(root: ShadowRoot, text: string): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    let sheet = sheets.get(text);
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(text);
      sheets.set(text, sheet);
    }
    root.adoptedStyleSheets = [sheet];
    return;
  }
  const style = document.createElement('style');
  style.textContent = text;
  root.prepend(style);
}
