import type { Page } from 'playwright-core';

/**
 * Signs in on /admin with the owner's token through `<cx-inbox>`'s form (with a name, when given).
 * Resolves once the form is submitted; each test then waits for what its own element shows.
 */
export async function submitTokenSignIn(page: Page, token: string, name?: string): Promise<void> {
  const form = page.locator('cx-inbox form.signin');
  await form.waitFor();
  await form.getByLabel('Admin token', { exact: true }).first().check();
  await form.locator('#secret').fill(token);
  if (name) await form.getByLabel('Your name (optional)').fill(name);
  await form.getByRole('button', { name: 'Sign in' }).click();
}
