/**
 * Records a User Timing measure (`cx-journey fetch`, `… compute`, `… render`) from `start` to
 * now, visible in the browser's performance tools and read by `npm run bench:journey`.
 */
export function measure(name: string, start: number): void {
  try {
    performance.measure(`cx-journey ${name}`, { start, end: performance.now() });
  } catch {
    // Older browsers without measure options: the figures are a nicety.
  }
}
