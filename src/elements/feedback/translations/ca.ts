import words from '../../../core/i18n/ca.js';
import type { FeedbackStrings } from './strings.js';

const ca: FeedbackStrings = {
  ...words,
  effortQuestion: 'T’ha resultat fàcil?',
  emotionQuestion: 'Com t’ha fet sentir?',
  commentQuestion: 'Vols afegir-hi alguna cosa?',
  optional: 'opcional',
  send: 'Envia',
  close: 'Tanca',
  launcher: 'Com ha anat?',
  dialog: 'La teva opinió',
  needAnswer: 'Tria primer una resposta.',
  saved: 'Desada. S’enviarà.',
  sending: 'S’està enviant…',
  sent: 'Enviada.',
  failed: 'No s’ha pogut lliurar.',
  full: 'Ara no hi caben més respostes. Torna-ho a provar més tard.',
  thanks: 'Gràcies!',
  already: 'Gràcies, ja ens ho has dit.',
};
export default ca;
