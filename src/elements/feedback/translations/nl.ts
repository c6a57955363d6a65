import words from '../../../core/i18n/nl.js';
import type { FeedbackStrings } from './strings.js';

const nl: FeedbackStrings = {
  ...words,
  effortQuestion: 'Hoe makkelijk ging het?',
  emotionQuestion: 'Hoe voelde je je hierbij?',
  commentQuestion: 'Nog iets toe te voegen?',
  optional: 'optioneel',
  send: 'Versturen',
  close: 'Sluiten',
  launcher: 'Hoe ging het?',
  dialog: 'Jouw feedback',
  needAnswer: 'Kies eerst een antwoord.',
  saved: 'Bewaard. Wordt verstuurd.',
  sending: 'Wordt verstuurd…',
  sent: 'Verstuurd.',
  failed: 'Kon niet worden afgeleverd.',
  full: 'Er is nu geen ruimte voor meer antwoorden. Probeer het later opnieuw.',
  thanks: 'Bedankt!',
  already: 'Bedankt, je hebt ons al geantwoord.',
};
export default nl;
