import words from '../../../core/i18n/it.js';
import type { FeedbackStrings } from './strings.js';

const it: FeedbackStrings = {
  ...words,
  effortQuestion: 'Quanto è stato facile?',
  emotionQuestion: 'Come ti ha fatto sentire?',
  commentQuestion: 'Vuoi aggiungere qualcosa?',
  optional: 'facoltativo',
  send: 'Invia',
  close: 'Chiudi',
  launcher: 'Com’è andata?',
  dialog: 'La tua opinione',
  needAnswer: 'Scegli prima una risposta.',
  saved: 'Salvata. Verrà inviata.',
  sending: 'Invio in corso…',
  sent: 'Inviata.',
  failed: 'Invio non riuscito.',
  full: 'Al momento non c’è spazio per altre risposte. Riprova più tardi.',
  thanks: 'Grazie!',
  already: 'Grazie, ci hai già risposto.',
};
export default it;
