import { isObject } from '../core/answer.js';
import type { TouchpointNames } from '../core/inbox.js';
import { readNames } from '../core/names.js';
import { summarize, type Summary, type SummaryInput } from '../core/summary.js';
import { LoadError } from '../elements/fetch-json.js';
import { fetchTimed, withRange } from './request.js';
import { periodRanges, type Period, type Range } from './period.js';
import { measure } from './timing.js';
import { readSource, type SourceJson } from './validate.js';
import { readNoticeImpacts } from './notices.js';
import type { NoticeWithImpact } from '../core/notice.js';

export interface JourneyData {
  kind: 'summary' | 'answers';
  current: Summary;
  /** The previous period of the same length, for trends; null for `all` or when it could not be loaded. */
  previous: Summary | null;
  /** Answers (raw source) or touchpoint entries (summary source) that could not be used. */
  skipped: number;
  /** The collector's display names of touchpoints (its summary's `names`); null from raw answers or a collector without them. */
  names: TouchpointNames | null;
  /** The collector's notices of the period, each with how it felt (its summary's `notices`); empty otherwise. */
  notices: NoticeWithImpact[];
}

export interface JourneySource {
  readonly url: string;
  load(period: Period, now: number, signal: AbortSignal): Promise<JourneyData>;
}

/**
 * One `source` URL. Its kind is learnt from the first response: a collector summary is asked
 * again for each period (`?since=…`, and `?since=…&until=…` for the previous one); a plain array
 * of answers is read once, kept, and every period is computed here with the collector's maths.
 */
export function journeySource(url: string): JourneySource {
  let kind: JourneyData['kind'] | null = null;
  let raw: { answers: SummaryInput[]; skipped: number } | null = null;

  const get = async (range: Range, signal: AbortSignal): Promise<SourceJson & { names: TouchpointNames | null; notices: NoticeWithImpact[] }> => {
    const json = await fetchTimed(withRange(url, range), signal);
    const start = performance.now();
    const read = readSource(json);
    measure('validate', start);
    if (!read) throw new LoadError('shape');
    const collector = read.kind === 'summary' && isObject(json);
    return { ...read, names: collector ? readNames(json.names) : null, notices: collector ? readNoticeImpacts(json.notices) : [] };
  };

  const fromAnswers = (current: Range, previous: Range | null): JourneyData => {
    const start = performance.now();
    const { answers, skipped } = raw!;
    const data: JourneyData = { kind: 'answers', current: summarize(answers, current), previous: previous && summarize(answers, previous), skipped, names: null, notices: [] };
    measure('compute', start);
    return data;
  };

  // A missing previous period costs the trend arrows, not the map.
  const previousSummary = async (range: Range | null, signal: AbortSignal): Promise<Summary | null> => {
    if (!range) return null;
    try {
      const read = await get(range, signal);
      return read.kind === 'summary' ? read.summary : null;
    } catch (error) {
      if (signal.aborted) throw error;
      return null;
    }
  };

  return {
    url,
    async load(period, now, signal) {
      const { current, previous } = periodRanges(period, now);
      if (raw) return fromAnswers(current, previous);
      if (kind === 'summary') {
        const [read, before] = await Promise.all([get(current, signal), previousSummary(previous, signal)]);
        if (read.kind !== 'summary') throw new LoadError('shape');
        return { kind, current: read.summary, previous: before, skipped: read.skipped, names: read.names, notices: read.notices };
      }
      // The first response tells what the source is.
      const read = await get(current, signal);
      if (read.kind === 'answers') {
        raw = read;
        kind = 'answers';
        return fromAnswers(current, previous);
      }
      kind = 'summary';
      return { kind, current: read.summary, previous: await previousSummary(previous, signal), skipped: read.skipped, names: read.names, notices: read.notices };
    },
  };
}
