import type { BrowserContext, Page } from 'playwright-core';
import type { Postgres } from '../../fixtures/postgres.js';
import { give, PAGE, pageErrors } from './page.js';

/** One POST of answers to the collector as Chromium saw it. */
export interface Exchange {
  /** HTTP status; 0 when the request failed (connection refused or reset, CORS refused, aborted). */
  status: number;
  /** The answer ids it carried, in lower case. */
  ids: string[];
  /** When the request started, in epoch ms. */
  at: number;
  retryAfter: string | null;
  /** The JSON body of the answer (undefined until read, or when it was not JSON). */
  body?: { accepted?: number; duplicates?: number; error?: string };
  /** Why it failed, for status 0. */
  failure?: string;
}

const answersOf = (postData: string | null): { id?: unknown }[] => {
  try {
    const body = JSON.parse(postData ?? '');
    return Array.isArray(body?.events) ? body.events : [body];
  } catch {
    return [];
  }
};

/**
 * Watches the real widget in every tab of `context` as it delivers to `endpoint`: which answers
 * were acknowledged (`cx-sent`: the endpoint answered 2xx and the answer left the queue; the
 * listener is installed before any page script runs) and every POST with its status.
 */
export async function watchWidget(context: BrowserContext, endpoint: string) {
  /** Lower-case id → how many `cx-sent` events it got. */
  const acked = new Map<string, number>();
  /** Lower-case id → when (Date.now() here) its first `cx-sent` reached the test. */
  const ackedAt = new Map<string, number>();
  const exchanges: Exchange[] = [];
  const reading: Promise<unknown>[] = [];
  const errors: Error[] = [];
  const pages: Page[] = [];
  /** Lower-case id → the answer as the widget sent it. */
  const answers = new Map<string, unknown>();
  const idsOf = (postData: string | null) =>
    answersOf(postData).map((answer) => {
      const id = String(answer?.id).toLowerCase();
      answers.set(id, answer);
      return id;
    });

  await context.exposeBinding('__touchpointSent', (_source, id: string) => {
    const key = String(id).toLowerCase();
    acked.set(key, (acked.get(key) ?? 0) + 1);
    if (!ackedAt.has(key)) ackedAt.set(key, Date.now());
  });
  await context.addInitScript(() =>
    addEventListener('cx-sent', (e) => (window as unknown as { __touchpointSent(id: string): void }).__touchpointSent((e as CustomEvent).detail.id), { capture: true }),
  );
  const ours = (method: string, url: string) => method == 'POST' && url.startsWith(endpoint);
  context.on('response', (response) => {
    const request = response.request();
    if (!ours(request.method(), request.url())) return;
    const exchange: Exchange = { status: response.status(), ids: idsOf(request.postData()), at: request.timing().startTime, retryAfter: response.headers()['retry-after'] ?? null };
    exchanges.push(exchange);
    reading.push(response.json().then((body) => (exchange.body = body), () => {}));
  });
  context.on('requestfailed', (request) => {
    if (!ours(request.method(), request.url())) return;
    exchanges.push({ status: 0, ids: idsOf(request.postData()), at: request.timing().startTime, retryAfter: null, failure: request.failure()?.errorText });
  });

  return {
    acked,
    ackedAt,
    exchanges,
    answers,
    errors,
    pages,
    /** Opens a tab on `site`'s widget test page. */
    async open(site: string): Promise<Page> {
      const page = await context.newPage();
      pageErrors(page, errors);
      await page.goto(site + PAGE);
      pages.push(page);
      return page;
    },
    /** Gives `n` answers in `page`, as a customer does; resolves their lower-case ids once stored in the queue. */
    give: async (page: Page, n: number) => (await give(page, n, endpoint)).map((id) => id.toLowerCase()),
    /** `Touchpoint.flush()` in every tab: send now, Retry-After or backoff notwithstanding. */
    flush: () => Promise.all(pages.map((page) => page.evaluate(() => (window as any).Touchpoint.flush()))),
    /** Per tab, what `Touchpoint.pending()` and `Touchpoint.failed()` hold. */
    left: () => Promise.all(pages.map((page) => page.evaluate(async () => ({ pending: (await (window as any).Touchpoint.pending()).length as number, failed: (await (window as any).Touchpoint.failed()) as unknown[] })))),
    /** Waits until every response body has been read. */
    settled: () => Promise.all(reading),
    /** Answers delivered again after a 2xx had stored them, as the collector counted them ("duplicates" in its 200 bodies). */
    duplicates: () => exchanges.reduce((n, e) => n + (e.status == 200 ? (e.body?.duplicates ?? 0) : 0), 0),
    /** Statuses seen, e.g. `{ 200: 130, 503: 4 }`. */
    statuses: () => exchanges.reduce<Record<number, number>>((counts, e) => ((counts[e.status] = (counts[e.status] ?? 0) + 1), counts), {}),
  };
}

export type WidgetRun = Awaited<ReturnType<typeof watchWidget>>;

/** Every stored answer id with how many rows hold it (ids are stored in lower case). */
export async function storedIds(postgres: Postgres): Promise<Map<string, number>> {
  const out = await postgres.psql('SELECT id, count(*) FROM answers GROUP BY id');
  return new Map(
    out
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [id, count] = line.split('|');
        return [id, Number(count)] as const;
      }),
  );
}
