import type { Severity } from '../../../core/notice.js';

/** Everything `<cx-notices>` says. One file per language implements it, so a missing key fails the build. */
export interface NoticesStrings {
  title: string;
  intro: string;
  severity: Record<Severity, string>;
  severityLabel: string;
  /** "Title (English)" */
  titleIn: (language: string) => string;
  bodyIn: (language: string) => string;
  languages: Record<'en' | 'es', string>;
  link: string;
  touchpoints: string;
  touchpointsHint: string;
  startsAt: string;
  startsHint: string;
  endsAt: string;
  create: string;
  created: string;
  loading: string;
  none: string;
  failed: (reason: string) => string;
  state: Record<'scheduled' | 'active' | 'ended' | 'resolved', string>;
  since: (from: string) => string;
  between: (from: string, to: string) => string;
  everywhere: string;
  during: string;
  outside: string;
  answers: string;
  effort: string;
  net: string;
  comments: string;
  timeline: string;
  update: string;
  resolves: string;
  addUpdate: string;
  reopen: string;
  updated: string;
}
