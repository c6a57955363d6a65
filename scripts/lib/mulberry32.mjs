// mulberry32: a small seeded pseudo-random generator (the same seed, the same sequence), for
// test data a failure can be replayed from and benchmarks that measure the same data every run.
// Plain JavaScript, so scripts run it without TypeScript tooling; tests import it too.

/** A generator of numbers in [0, 1) from `seed`. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
