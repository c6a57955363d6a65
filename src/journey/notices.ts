import { EMOTIONS, isObject, type Emotion } from '../core/answer.js';
import { SEVERITIES, type NoticeComment, type NoticeGroup, type NoticeText, type NoticeWithImpact, type Severity } from '../core/notice.js';

/**
 * The notices a collector's summary carries (`notices`, issue 13), each with how it felt: read
 * trusting nothing, as the rest of the summary is. What cannot be used is left out.
 */
const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
const count = (x: unknown): number => (Number.isSafeInteger(x) && (x as number) >= 0 ? (x as number) : 0);
const str = (x: unknown): x is string => typeof x === 'string' && x !== '';
const time = (x: unknown): string | null => (str(x) && !Number.isNaN(Date.parse(x)) ? x : null);
const text = (x: unknown): NoticeText | null =>
  str(x) ? x : isObject(x) && Object.values(x).every((v) => typeof v === 'string') && Object.keys(x).length ? (x as NoticeText) : null;

function group(x: unknown): NoticeGroup {
  const g = isObject(x) ? x : {};
  const effortMean = num(g.effortMean);
  const netEmotion = num(g.netEmotion);
  return {
    count: count(g.count),
    effortCount: count(g.effortCount),
    effortMean: effortMean !== null && effortMean >= 1 && effortMean <= 7 ? effortMean : null,
    emotionCount: count(g.emotionCount),
    netEmotion: netEmotion !== null && netEmotion >= -1 && netEmotion <= 1 ? netEmotion : null,
  };
}

function comment(x: unknown): NoticeComment[] {
  if (!isObject(x) || !str(x.comment) || !str(x.id)) return [];
  return [
    {
      id: x.id,
      touchpoint: str(x.touchpoint) ? x.touchpoint : '',
      comment: x.comment.slice(0, 1000),
      createdAt: time(x.createdAt) ?? '',
      effort: num(x.effort),
      effortScale: x.effortScale === 5 ? 5 : 7,
      emotion: EMOTIONS.includes(x.emotion as Emotion) ? (x.emotion as Emotion) : null,
    },
  ];
}

export function readNoticeImpacts(json: unknown): NoticeWithImpact[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((x): NoticeWithImpact[] => {
    if (!isObject(x) || !str(x.id) || !SEVERITIES.includes(x.severity as Severity) || !text(x.title) || !time(x.startsAt) || !isObject(x.impact)) return [];
    const impact = x.impact;
    return [
      {
        id: x.id,
        severity: x.severity as Severity,
        title: text(x.title)!,
        body: text(x.body) ?? '',
        link: null,
        touchpoints: Array.isArray(x.touchpoints) ? x.touchpoints.filter(str) : null,
        startsAt: time(x.startsAt)!,
        endsAt: time(x.endsAt),
        updates: [],
        resolvedAt: time(x.resolvedAt),
        impact: { during: group(impact.during), outside: group(impact.outside), comments: Array.isArray(impact.comments) ? impact.comments.flatMap(comment).slice(0, 5) : [] },
      },
    ];
  });
}
