import type { Page } from 'playwright-core';

export const PAGE = '/test/fixtures/pages/widget.html';

/**
 * Gives `n` answers the way a customer does: each in its own `<cx-feedback>`, one tap on the
 * effort scale and one on Send. Resolves the answers' ids once each is stored (`cx-queued`).
 */
export function give(page: Page, n = 1, endpoint = '/collect'): Promise<string[]> {
  return page.evaluate(
    async ({ n, endpoint }) => {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const el = document.createElement('cx-feedback');
        Object.entries({ endpoint, touchpoint: `given-${i}`, ask: 'effort', 'cooldown-days': '0' }).forEach(([k, v]) => el.setAttribute(k, v));
        document.body.append(el);
        const root = el.shadowRoot!;
        const queued = new Promise<string>((resolve) => el.addEventListener('cx-queued', (e) => resolve((e as CustomEvent).detail.id), { once: true }));
        root.querySelector<HTMLElement>('[part~="effort-option"]')!.click();
        root.querySelector<HTMLElement>('[part="submit"]')!.click();
        ids.push(await queued);
      }
      return ids;
    },
    { n, endpoint },
  );
}

/** The status line of the page's n-th widget, as the customer reads it. */
export const statusOf = (page: Page, index = 0) =>
  page.evaluate((i) => document.querySelectorAll('cx-feedback')[i].shadowRoot!.querySelector('[role="status"]')!.textContent!.trim(), index);

/** Waits, polling, until `check` holds; fails with `what` after `ms`. Bounded: no test waits forever. */
export async function until(what: string, check: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Collects the page's uncaught errors into `errors` as they happen, so a test can assert the widget never threw. */
export function pageErrors(page: Page, errors: Error[] = []): Error[] {
  page.on('pageerror', (error) => errors.push(error));
  return errors;
}
