import type { ViewState } from './Journey.js';
import type { Words } from './props.js';

/** Loading, what went wrong, or how many answers the map is drawn from: one live region, so it is announced. */
export function Status({ t, f, view, stations, shown }: Words & { view: ViewState; stations: number; shown: number }) {
  const { loading, error, data } = view;
  const lines: string[] = [];
  if (loading) lines.push(t.loading);
  if (error) lines.push(error.status ? `${t.errors[error.reason]} ${t.status(error.status)}` : t.errors[error.reason]);
  if (data) {
    const n = data.current.total.count;
    lines.push(n ? `${t.answers(n, f.integer(n))} · ${t.periods[data.period]}.` : t.empty);
    const skipped = data.skipped && f.integer(data.skipped);
    if (skipped) lines.push(data.kind === 'answers' ? t.skippedAnswers(data.skipped, skipped) : t.skippedTouchpoints(data.skipped, skipped));
    if (shown < stations) lines.push(t.more(f.integer(shown), f.integer(stations)));
  }
  return (
    <p class="status" part="status" role="status">
      {lines.join(' ')}
    </p>
  );
}
