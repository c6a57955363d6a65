/**
 * Whether this journey falls inside a sample of probability `p` for a touchpoint.
 * Derived from the journey id rather than drawn per page view, so a customer keeps getting
 * the same answer across pages instead of meeting the launcher on every fifth page.
 */
export function inSample(journey: string, touchpoint: string, p: number): boolean {
  if (p >= 1) return true;
  if (p <= 0) return false;
  // FNV-1a, 32 bit: tiny, and uniform enough for a sampling decision.
  let h = 0x811c9dc5;
  for (const c of journey + '|' + touchpoint) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193);
  return (h >>> 0) / 2 ** 32 < p;
}
