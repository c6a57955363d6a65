import words from '../../../core/i18n/en.js';
import type { FeedbackStrings } from './strings.js';

const en: FeedbackStrings = {
  ...words,
  effortQuestion: 'How easy was it?',
  emotionQuestion: 'How did it make you feel?',
  commentQuestion: 'Anything to add?',
  optional: 'optional',
  send: 'Send',
  close: 'Close',
  launcher: 'How was it?',
  dialog: 'Your feedback',
  needAnswer: 'Choose an answer first.',
  saved: 'Saved. It will be sent.',
  sending: 'Sending…',
  sent: 'Sent.',
  failed: 'It could not be delivered.',
  full: 'No room for more answers now. Please try later.',
  thanks: 'Thank you!',
  already: 'Thanks, you already told us.',
};
export default en;
