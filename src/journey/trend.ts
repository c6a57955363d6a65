export type Direction = 'up' | 'down' | 'flat';

export interface Trend {
  direction: Direction;
  /** The change, rounded to the digits it is shown with. */
  delta: number;
}

/** Digits shown: effort on the 7-point scale to a tenth, net emotion (−1…1) to a hundredth. */
export const DIGITS = { effort: 1, net: 2 } as const;

/**
 * The change from `before` to `now`, rounded as it is shown, so a change that would read "0.0"
 * is flat. Half away from zero, as `Intl.NumberFormat` rounds; the epsilon absorbs float noise
 * (0.35 − 0.3 = 0.04999…).
 */
export function trendOf(now: number | null, before: number | null, digits: number): Trend | null {
  if (now === null || before === null) return null;
  const scale = 10 ** digits;
  const change = now - before;
  const delta = (Math.sign(change) * Math.round(Math.abs(change) * scale + 1e-9)) / scale || 0;
  return { direction: delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat', delta };
}
