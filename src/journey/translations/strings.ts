import type { Words } from '../../core/i18n/words.js';
import type { Severity } from '../../core/notice.js';
import type { LoadErrorReason } from '../../elements/fetch-json.js';
import type { Period } from '../period.js';
import type { Direction } from '../trend.js';

type Timed = Exclude<Period, 'all'>;

/**
 * Everything `<cx-journey>` says. One file per language implements it, so a missing key fails
 * the build. Functions take numbers already formatted for the language, plus the count where
 * the grammar depends on it.
 */
export interface JourneyStrings extends Words {
  title: string;
  period: string;
  periods: Record<Period, string>;
  /** What a trend compares with: "the previous 30 days". */
  previous: Record<Timed, string>;
  lane: string;
  afterLane: string;
  stages: Record<'during' | 'after', string>;
  answers: (count: number, formatted: string) => string;
  noAnswers: string;
  notAnswered: string;
  effort: string;
  effortOf: (mean: string) => string;
  easy: (share: string) => string;
  emotion: string;
  emotionMix: string;
  net: string;
  trend: (what: string, direction: Direction, amount: string, since: string) => string;
  trendNote: (since: string) => string;
  moment: string;
  comments: string;
  /** Hidden after the comments button, so each says whose comments it shows. */
  commentsOf: (touchpoint: string) => string;
  noComments: string;
  /** Hidden after a negative comment that links to its answer in the owner's inbox. */
  openInInbox: string;
  /** Heads the moments of truth, listed most urgent first. */
  actFirst: string;
  /** Why one is listed: its name, its answers (from `answers`), its reasons joined as a list. */
  why: (touchpoint: string, answers: string, reasons: string) => string;
  /** Fewer than half found it easy: the share, and the upper bound of its 95 % interval. */
  hardReason: (share: string, high: string) => string;
  /** More felt bad than good: net emotion, and the upper bound of its 95 % interval. */
  badReason: (net: string, high: string) => string;
  /** The touchpoints that look below a threshold, but with too few answers to say so. */
  undecided: (touchpoints: string) => string;
  /** The flag on such a touchpoint. */
  tooFew: string;
  /** A 95 % interval in words: "likely between 22% and 45%". */
  range: (low: string, high: string) => string;
  noMoments: string;
  threshold: (minAnswers: string, easyShare: string) => string;
  table: string;
  columns: {
    touchpoint: string;
    stage: string;
    answers: string;
    effort: string;
    easy: string;
    hard: string;
    net: string;
    effortChange: string;
    netChange: string;
    moment: string;
  };
  yes: string;
  no: string;
  download: string;
  loading: string;
  empty: string;
  skippedAnswers: (count: number, formatted: string) => string;
  skippedTouchpoints: (count: number, formatted: string) => string;
  more: (shown: string, all: string) => string;
  errors: Record<LoadErrorReason, string>;
  status: (code: number) => string;
  /** The notices of the period and how they felt (the collector's summary `notices`). */
  notices: {
    title: string;
    severity: Record<Severity, string>;
    /** The answers given while the notice was shown (they carry its id). */
    during: string;
    /** The same touchpoints' answers before it started or after it ended. */
    outside: string;
    comments: string;
    /** A notice still open: "Since 3 Feb 2026, ongoing". */
    since: (from: string) => string;
    between: (from: string, to: string) => string;
    /** A notice on every touchpoint. */
    everywhere: string;
    /** The hidden caption of its table. */
    caption: (title: string) => string;
  };
}
