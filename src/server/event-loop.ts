import { monitorEventLoopDelay } from 'node:perf_hooks';

/** The line's shape, as `scripts/bench-collector.mjs` parses it. */
export const EVENT_LOOP_LINE = /^touchpoint event loop: p50 ([\d.]+) ms, p99 ([\d.]+) ms, max ([\d.]+) ms, (\d+) ticks$/;

/**
 * For benchmarks, off by default: with `TOUCHPOINT_REPORT_EVENT_LOOP=1`, each SIGUSR2 writes one
 * line to stderr with the event-loop delay since the previous one (or since start), then starts
 * over. Delays are the time between 1 ms timer ticks, so an idle loop reads about 1 ms.
 */
export function reportEventLoopDelay(env: NodeJS.ProcessEnv = process.env): void {
  if (env.TOUCHPOINT_REPORT_EVENT_LOOP !== '1') return;
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const ms = (ns: number) => (ns / 1e6).toFixed(2);
  process.on('SIGUSR2', () => {
    process.stderr.write(
      `touchpoint event loop: p50 ${ms(delay.percentile(50))} ms, p99 ${ms(delay.percentile(99))} ms, max ${ms(delay.max)} ms, ${delay.count} ticks\n`,
    );
    delay.reset();
  });
}
