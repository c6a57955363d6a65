import { EMOTIONS, type Emotion } from '../../core/answer.js';
import { EFFORT_BANDS, STATES, type EffortBand, type State } from '../../core/inbox.js';

/** What the inbox is filtered by: empty strings for "any". Dates are `YYYY-MM-DD` in the owner's time zone. */
export interface Filters {
  state: State | '';
  touchpoint: string;
  emotion: Emotion | '';
  effort: EffortBand | '';
  comment: 'with' | 'without' | '';
  q: string;
  since: string;
  until: string;
}

export const NO_FILTERS: Filters = { state: '', touchpoint: '', emotion: '', effort: '', comment: '', q: '', since: '', until: '' };

const DAY = /^\d{4}-\d\d-\d\d$/;

/** Local midnight of a `YYYY-MM-DD` day, `days` later, as ISO 8601. */
function midnight(day: string, days = 0): string | null {
  if (!DAY.test(day)) return null;
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(y, m - 1, d + days);
  return isNaN(date.getTime()) ? null : date.toISOString();
}

/** The collector's query for these filters (without `state` when `withState` is false): `until` covers its whole day. */
export function query(f: Filters, withState = true): URLSearchParams {
  const p = new URLSearchParams();
  if (withState && f.state) p.set('state', f.state);
  if (f.touchpoint) p.set('touchpoint', f.touchpoint);
  if (f.emotion) p.set('emotion', f.emotion);
  if (f.effort) p.set('effort', f.effort);
  if (f.comment) p.set('comment', f.comment);
  if (f.q.trim()) p.set('q', f.q.trim());
  const since = midnight(f.since);
  const until = midnight(f.until, 1);
  if (since) p.set('since', since);
  if (until) p.set('until', until);
  return p;
}

/** Filters from a form's values, keeping only what the collector accepts. */
export function fromForm(data: FormData, state: Filters['state']): Filters {
  const get = (name: string) => String(data.get(name) ?? '').trim();
  const one = <T extends string>(name: string, allowed: readonly T[]) => (allowed.includes(get(name) as T) ? (get(name) as T) : '');
  return {
    state: STATES.includes(state as State) ? state : '',
    touchpoint: get('touchpoint').slice(0, 64),
    emotion: one('emotion', EMOTIONS),
    effort: one('effort', EFFORT_BANDS),
    comment: one('comment', ['with', 'without'] as const),
    q: get('q').slice(0, 200),
    since: DAY.test(get('since')) ? get('since') : '',
    until: DAY.test(get('until')) ? get('until') : '',
  };
}
