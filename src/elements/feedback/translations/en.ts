import words from '../../../core/i18n/en.js';
import type { FeedbackStrings } from './strings.js';

const en: FeedbackStrings = {
  ...words,
  effortQuestion: 'How easy was it?',
  emotionQuestion: 'How did it make you feel?',
  commentQuestion: 'Anything you want to tell us?',
  optional: 'optional',
  send: 'Send',
  close: 'Close',
  launcher: 'How was it?',
  dialog: 'Your feedback',
  needAnswer: 'Choose an answer or write a comment first.',
  saved: 'Thank you! Your answer is saved and will be sent.',
  sending: 'Thank you! Sending your answer…',
  sent: 'Sent, thank you!',
  failed: 'Thank you. We could not deliver your answer.',
  full: 'We cannot take more answers right now. Please try again later.',
  thanks: 'Thank you!',
  already: 'Thanks, you already told us.',
};
export default en;
