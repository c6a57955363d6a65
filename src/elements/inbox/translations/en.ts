import words from '../../../core/i18n/en.js';
import type { InboxStrings } from './strings.js';

const plural = (count: number, one: string, other: string) => (count === 1 ? one : other);

const en: InboxStrings = {
  ...words,
  title: 'Inbox',
  checking: 'Checking your session…',

  signInHeading: 'Sign in to the inbox',
  signInWith: 'Sign in with',
  password: 'Password',
  token: 'Admin token',
  yourName: 'Your name (optional)',
  yourNameHint: 'Shown in the log next to what you do.',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  signInFailed: 'That did not work: check the password or token.',
  sessionEnded: 'Your session has ended. Sign in again to go on.',
  signOut: 'Sign out',
  signedInAs: (name) => (name ? `Signed in as ${name}` : 'Signed in'),

  filters: 'Filters',
  state: 'State',
  allStates: 'All',
  states: { new: 'New', acknowledged: 'Acknowledged', resolved: 'Resolved' },
  count: (n, exact) => (exact ? n : `at least ${n}`),
  touchpoint: 'Touchpoint',
  anyTouchpoint: 'Any touchpoint',
  emotion: 'Feeling',
  anyEmotion: 'Any feeling',
  effort: 'Effort',
  anyEffort: 'Any effort',
  efforts: { hard: 'Hard', neutral: 'Neutral', easy: 'Easy' },
  comment: 'Comment',
  anyComment: 'With or without',
  withComment: 'With a comment',
  withoutComment: 'Without a comment',
  since: 'From',
  until: 'To',
  search: 'Search comments',
  apply: 'Apply',
  clear: 'Clear filters',
  exportCsv: 'Export CSV',
  exportNdjson: 'Export NDJSON',

  listHeading: 'Answers, newest first',
  showing: (shown, total) => (total === null ? `Showing ${shown}` : `Showing ${shown} of ${total}`),
  loading: 'Loading answers…',
  failed: 'The answers could not be loaded.',
  retry: 'Try again',
  empty: 'No answers match these filters.',
  more: 'Load more',
  loadingMore: 'Loading more…',
  linked: 'The linked answer',
  linkedMissing: 'The linked answer does not exist (any more).',
  closeLinked: 'Close',

  select: (what) => `Select ${what}`,
  selectAll: 'Select all shown',
  where: 'Where',
  when: 'When',
  feeling: 'Feeling',
  point: (point, scale) => `${point} of ${scale}`,
  noComment: 'No comment.',
  reasons: { 'personal-data': 'personal data', abusive: 'abusive', spam: 'spam', 'off-topic': 'off topic', other: 'other' },
  withheldMark: (reason) => `Withheld from the wall: ${reason}`,
  byAt: (by, at) => `by ${by}, ${at}`,
  reply: 'Public reply',
  version: (n) => `version ${n}`,
  replyHistory: (count) => `Earlier ${plural(count, 'text', 'texts')} of the reply (${count})`,
  notes: (count) => `Private ${plural(count, 'note', 'notes')} (${count})`,
  log: (count) => `Log (${count})`,
  logLine: (e, t) => {
    switch (e.action) {
      case 'state':
        return `State: ${t.states[e.from]} → ${t.states[e.to]}`;
      case 'withhold':
        return `Comment withheld: ${t.reasons[e.reason]}${e.note ? ` (“${e.note}”)` : ''}`;
      case 'unwithhold':
        return `Comment shown again (was withheld: ${t.reasons[e.previous]})`;
      case 'reply':
        return `Replied: “${e.text}”`;
      case 'reply-edit':
        return `Reply edited (version ${e.version}): “${e.text}”`;
      case 'reply-delete':
        return `Reply deleted: “${e.previous}”`;
      case 'note':
        return `Note: “${e.text}”`;
    }
  },
  answer: 'Answer',

  actionsFor: (what) => `Actions for ${what}`,
  setState: { new: 'Reopen', acknowledged: 'Acknowledge', resolved: 'Resolve' },
  withhold: 'Withhold comment',
  changeReason: 'Change reason',
  unhide: 'Show on the wall again',
  reasonLegend: 'Why keep this comment off the public wall? (The rating still counts.)',
  reasonNote: 'Note',
  reasonNoteRequired: 'Say why in the note: it is required for “other”.',
  writeReply: 'Reply',
  editReply: 'Edit reply',
  deleteReply: 'Delete reply',
  replyLabel: 'Public reply, shown under the answer on the wall',
  replyEmpty: 'Write the reply first.',
  save: 'Save',
  cancel: 'Cancel',
  addNote: 'Add note',
  noteLabel: 'Private note, for the team only',
  noteEmpty: 'Write the note first.',
  conflict: 'Someone else changed this reply while you were editing it. Their version is shown now; your text is still in the box, save again to replace theirs.',
  working: 'Saving…',
  done: 'Saved.',
  actionFailed: (reason) => `That did not work: ${reason}`,

  selected: (n, count) => `${n} ${plural(count, 'answer', 'answers')} selected`,
  bulkActions: 'With the selected answers',
  clearSelection: 'Clear selection',
  bulkDone: (n, count, state) => `${n} ${plural(count, 'answer', 'answers')} now ${state.toLowerCase()}.`,

  audit: 'Audit log',
  auditHeading: 'Everything done, newest first',
  auditEmpty: 'Nothing has been done yet.',
  openAnswer: 'Open answer',

  keys: 'Keys',
  keysHeading: 'Keyboard shortcuts',
  keyHelp: {
    move: 'Next / previous answer',
    acknowledge: 'Acknowledge',
    resolve: 'Resolve',
    reply: 'Reply',
    hide: 'Withhold the comment (choose a reason)',
    help: 'Show or hide these keys',
  },
  close: 'Close',
};
export default en;
