/** The periods the journey map can show: the last 7, 30 or 90 days, or every answer. */
export const PERIODS = ['7d', '30d', '90d', 'all'] as const;
export type Period = (typeof PERIODS)[number];
/** A month of answers: long enough to be worth reading, short enough to show a change. */
export const DEFAULT_PERIOD: Period = '30d';

const DAY = 86_400_000;

/** Answers given at or after `since` and before `until`; null leaves that side open. */
export interface Range {
  since: string | null;
  until: string | null;
}

export const isPeriod = (x: string): x is Period => (PERIODS as readonly string[]).includes(x);

/** The period ending now, and the one of the same length just before it (none for `all`). */
export function periodRanges(period: Period, now: number): { current: Range; previous: Range | null } {
  if (period === 'all') return { current: { since: null, until: null }, previous: null };
  const length = parseInt(period, 10) * DAY;
  const start = now - length;
  const iso = (t: number) => new Date(t).toISOString();
  return {
    current: { since: iso(start), until: null },
    previous: { since: iso(start - length), until: iso(start) },
  };
}
