// Chaos: three tabs give 300 answers while the network flaps and the endpoint fails at random
// (500, 429, connections reset before or after storing, slow replies). Afterwards the endpoint must hold every one of
// the 300 ids: duplicates are allowed (delivery is at least once), losses are not.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './lib/chromium.js';
import { faultyEndpoint, type Fault } from './lib/collect.js';
import { give, PAGE, pageErrors, until } from './lib/page.js';
import { serve, type TestServer } from './lib/server.js';

const TABS = 3;
const PER_TAB = 100;
const BURST = 5;
/** How long the storm lasts; the answers are spread over it. */
const STORM_MS = 25_000;

let browser: Browser;
let server: TestServer;
const endpoint = faultyEndpoint();

beforeAll(async () => {
  browser = await launchChromium();
  server = await serve(endpoint.handle);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A seeded generator, so a failing run can be replayed. */
function random(seed: number) {
  return () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
}

it(
  'delivers all 300 answers from three tabs through a flapping network and a failing endpoint',
  async () => {
    const seed = Number(process.env.CHAOS_SEED ?? Date.now() % 100_000);
    const roll = random(seed);
    const mix: [Fault, number][] = [['ok', 0.4], ['error', 0.15], ['throttle', 0.1], ['reset', 0.1], ['lost', 0.1], ['slow', 0.15]];
    endpoint.state.retryAfter = '1';
    endpoint.state.fault = () => {
      let r = roll();
      for (const [fault, p] of mix) if ((r -= p) < 0) return fault;
      return 'ok';
    };

    const context = await browser.newContext();
    const errors: Error[] = [];
    const pages: Page[] = [];
    for (let i = 0; i < TABS; i++) {
      const page = await context.newPage();
      pageErrors(page, errors);
      await page.goto(server.url + PAGE);
      pages.push(page);
    }

    // The network drops for a moment now and then while the customers answer.
    let flapping = true;
    const flaps = (async () => {
      while (flapping) {
        await new Promise((resolve) => setTimeout(resolve, 300 + roll() * 900));
        await context.setOffline(roll() < 0.4);
      }
      await context.setOffline(false);
    })();

    const pause = STORM_MS / (PER_TAB / BURST);
    const given = await Promise.all(
      pages.map(async (page) => {
        const ids: string[] = [];
        while (ids.length < PER_TAB) {
          ids.push(...(await give(page, BURST)));
          await page.waitForTimeout(pause * (0.5 + roll()));
        }
        return ids;
      }),
    );
    const ids = given.flat();
    flapping = false;
    await flaps;

    // The storm passes: the endpoint heals and every tab is asked to send what it still holds.
    endpoint.state.fault = () => 'ok';
    await until(
      'the endpoint holds every answer',
      async () => {
        await Promise.all(pages.map((page) => page.evaluate(() => (window as any).Touchpoint.flush())));
        return ids.every((id) => endpoint.state.stored.has(id));
      },
      45_000,
    );
    const pending = await pages[0].evaluate(() => (window as any).Touchpoint.pending());

    const { distinct, duplicates, requests, faults } = endpoint.state;
    console.log(
      `chaos (seed ${seed}): ${ids.length} answers given, ${distinct} distinct ids stored, ${duplicates} duplicate deliveries; ` +
        `${requests} requests: ${Object.entries(faults).map(([f, n]) => `${n} ${f}`).join(', ')}`,
    );
    // The storm must really have been one, or this test proves nothing.
    expect(requests - (faults.ok ?? 0)).toBeGreaterThanOrEqual(20);
    expect(new Set(ids).size).toBe(TABS * PER_TAB);
    expect(endpoint.state.distinct).toBe(TABS * PER_TAB);
    expect(pending).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  },
  120_000,
);
