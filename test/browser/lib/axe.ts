import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * Serious and critical axe-core violations on the whole page, shadow roots included, one line
 * each. axe is injected, so the page must be opened with `bypassCSP` under a strict policy.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run(context: Document, options: object): Promise<any> } };
    const results = await w.axe.run(document, { resultTypes: ['violations'] });
    return results.violations
      .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
      .map((v: any) => `${v.id}: ${v.nodes.map((n: any) => `${JSON.stringify(n.target)} ${n.failureSummary}`).join(' | ')}`);
  });
}
