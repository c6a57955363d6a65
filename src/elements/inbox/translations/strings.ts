import type { Words } from '../../../core/i18n/words.js';
import type { EffortBand, LogEntry, State, WithheldReason } from '../../../core/inbox.js';

/**
 * Everything `<cx-inbox>` says. One file per language implements it, so a missing key fails the
 * build. Functions receive numbers and dates already formatted for the language, plus raw counts
 * for plurals.
 */
export interface InboxStrings extends Words {
  title: string;
  checking: string;

  // Signing in
  signInHeading: string;
  signInWith: string;
  password: string;
  token: string;
  yourName: string;
  yourNameHint: string;
  signIn: string;
  signingIn: string;
  signInFailed: string;
  sessionEnded: string;
  signOut: string;
  /** "Signed in as Ana" or, without a name, "Signed in" */
  signedInAs: (name: string | null) => string;

  // Filters
  filters: string;
  state: string;
  allStates: string;
  states: Readonly<Record<State, string>>;
  /** A state button's count: "12", or "at least 10,000" when the collector stopped counting. */
  count: (n: string, exact: boolean) => string;
  touchpoint: string;
  anyTouchpoint: string;
  emotion: string;
  anyEmotion: string;
  effort: string;
  anyEffort: string;
  efforts: Readonly<Record<EffortBand, string>>;
  comment: string;
  anyComment: string;
  withComment: string;
  withoutComment: string;
  since: string;
  until: string;
  search: string;
  apply: string;
  clear: string;
  exportCsv: string;
  exportNdjson: string;

  // The list
  listHeading: string;
  /** "Showing 50" / "Showing 50 of 120" */
  showing: (shown: string, total: string | null) => string;
  loading: string;
  failed: string;
  retry: string;
  empty: string;
  more: string;
  loadingMore: string;
  linked: string;
  linkedMissing: string;
  closeLinked: string;

  // An answer
  select: (what: string) => string;
  selectAll: string;
  where: string;
  when: string;
  feeling: string;
  point: (point: number, scale: number) => string;
  noComment: string;
  reasons: Readonly<Record<WithheldReason, string>>;
  /** "Withheld from the wall: personal data" */
  withheldMark: (reason: string) => string;
  /** "by Ana, 3 May 2026 at 10:00" */
  byAt: (by: string, at: string) => string;
  reply: string;
  /** "Version 2" */
  version: (n: number) => string;
  replyHistory: (count: number) => string;
  notes: (count: number) => string;
  log: (count: number) => string;
  /** One line of a log: what was done. */
  logLine: (e: LogEntry, t: InboxStrings) => string;
  answer: string;

  // Actions
  actionsFor: (what: string) => string;
  /** The button that sets a state: "Acknowledge", "Resolve", "Reopen" */
  setState: Readonly<Record<State, string>>;
  withhold: string;
  changeReason: string;
  unhide: string;
  reasonLegend: string;
  reasonNote: string;
  reasonNoteRequired: string;
  writeReply: string;
  editReply: string;
  deleteReply: string;
  replyLabel: string;
  replyEmpty: string;
  save: string;
  cancel: string;
  addNote: string;
  noteLabel: string;
  noteEmpty: string;
  conflict: string;
  working: string;
  done: string;
  /** An action failed: the collector's one-line reason. */
  actionFailed: (reason: string) => string;

  // Several at once
  /** "3 selected" */
  selected: (n: string, count: number) => string;
  bulkActions: string;
  clearSelection: string;
  /** "3 answers marked resolved" */
  bulkDone: (n: string, count: number, state: string) => string;

  // The audit log
  audit: string;
  auditHeading: string;
  auditEmpty: string;
  openAnswer: string;

  // Keys
  keys: string;
  keysHeading: string;
  keyHelp: {
    move: string;
    acknowledge: string;
    resolve: string;
    reply: string;
    hide: string;
    help: string;
  };
  close: string;
}
