import words from '../../../core/i18n/de.js';
import type { FeedbackStrings } from './strings.js';

const de: FeedbackStrings = {
  ...words,
  effortQuestion: 'Wie einfach war es?',
  emotionQuestion: 'Wie hat es sich angefühlt?',
  commentQuestion: 'Noch etwas hinzuzufügen?',
  optional: 'optional',
  send: 'Senden',
  close: 'Schließen',
  launcher: 'Feedback geben',
  dialog: 'Ihr Feedback',
  needAnswer: 'Bitte zuerst eine Antwort wählen.',
  saved: 'Gespeichert. Wird gesendet.',
  sending: 'Wird gesendet…',
  sent: 'Gesendet.',
  failed: 'Konnte nicht zugestellt werden.',
  full: 'Gerade ist kein Platz für weitere Antworten. Bitte später erneut versuchen.',
  thanks: 'Vielen Dank!',
  already: 'Danke, Ihre Antwort liegt uns schon vor.',
};
export default de;
