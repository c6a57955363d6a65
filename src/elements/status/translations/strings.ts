import type { Severity } from '../../../core/notice.js';

/** Everything `<cx-status>` says. One file per language implements it, so a missing key fails the build. */
export interface StatusStrings {
  /** The severity in words, beside its icon and colour: "Major disruption". */
  severity: Record<Severity, string>;
  /** "Updated 12 minutes ago", with the relative time already formatted. */
  updated: (when: string) => string;
  /** "Posted 3 hours ago", for a notice without updates yet. */
  posted: (when: string) => string;
  /** "Until 14:00", for a notice with a planned end. */
  until: (when: string) => string;
  /** The link's text. */
  more: string;
  /** The dismiss button's accessible name, with the notice's title. */
  dismiss: (title: string) => string;
  /** Offline, or the source could not be reached: "As of 10:42; we could not check for news since." */
  asOf: (when: string) => string;
}
