import type { WithheldReason } from '../../../core/inbox.js';
import type { Words } from '../../../core/i18n/words.js';

/**
 * Everything `<cx-wall>` says. One file per language implements it, so a missing key fails the build.
 * Functions receive numbers already formatted for the language, plus the raw count for plurals.
 */
export interface WallStrings extends Words {
  title: string;
  /** "1,234 answers" */
  answers: (n: string, count: number) => string;
  /** The numbers were computed in the browser over what was loaded, not by the collector. */
  basisLoaded: (n: string, count: number) => string;
  /** "38% found it hard; 41% felt frustrated or disappointed." Either share may be missing (nobody answered that question). */
  shares: (hard: string | null, negative: string | null) => string;
  effortHeading: string;
  /** Caption of one effort distribution: "On a 7-point scale" */
  scale: (points: number) => string;
  noEffort: string;
  emotionHeading: string;
  noEmotion: string;
  /** Column headers of the distribution tables. */
  rating: string;
  count: string;
  share: string;
  listHeading: string;
  /** "Showing 20 of 1,234" or, when the total is unknown, "Showing 20" */
  showing: (shown: string, total: string | null) => string;
  where: string;
  effort: string;
  feeling: string;
  /** "2 of 7" next to an effort label */
  point: (point: number, scale: number) => string;
  reply: string;
  more: string;
  loadingMore: string;
  loading: string;
  empty: string;
  failed: string;
  failedMore: string;
  retry: string;
  /** Items in the feed that were malformed and are not shown. */
  skipped: (n: string, count: number) => string;
  /** Why the owner withheld a comment from the wall, as a short label: "personal data". */
  reasons: Record<WithheldReason, string>;
  /** In place of a withheld comment, with its reason from `reasons`: "Comment withheld: personal data". */
  commentWithheld: (reason: string) => string;
  /** One reason of the header's count: "2 personal data". */
  byReason: (n: string, count: number, reason: string) => string;
  /** The header's count, with the reasons (from `byReason`) already a list: "3 comments withheld: 2 personal data, 1 abusive". */
  withheld: (n: string, count: number, reasons: string) => string;
}
