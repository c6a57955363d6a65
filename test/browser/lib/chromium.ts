import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type LaunchOptions } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

function check(): void {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `No Chromium at ${CHROMIUM}. The browser suites need one: on Debian or Ubuntu run "apt-get install -y chromium", or set CHROMIUM_PATH to a Chromium or Chrome binary.`,
    );
}

/**
 * The system Chromium, driven by playwright-core (no browser downloads). Missing Chromium is a
 * failure with instructions, never a silent skip. `bfcache` keeps the back/forward cache, which
 * Playwright turns off by default.
 */
export async function launchChromium({ bfcache = false }: { bfcache?: boolean } = {}): Promise<Browser> {
  check();
  return chromium.launch(options(bfcache));
}

/** A browser with a profile on disk: closing it and launching again with `dir` is a browser restart. */
export async function launchProfile(dir: string, context: BrowserContextOptions = {}): Promise<BrowserContext> {
  check();
  return chromium.launchPersistentContext(dir, { ...options(false), ...context });
}

const options = (bfcache: boolean): LaunchOptions => ({
  executablePath: CHROMIUM,
  args: ARGS,
  ...(bfcache && { ignoreDefaultArgs: ['--disable-back-forward-cache'] }),
});
