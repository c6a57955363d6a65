import words from '../../../core/i18n/fr.js';
import type { FeedbackStrings } from './strings.js';

const fr: FeedbackStrings = {
  ...words,
  effortQuestion: 'Était-ce facile ?',
  emotionQuestion: 'Qu’avez-vous ressenti ?',
  commentQuestion: 'Quelque chose à ajouter ?',
  optional: 'facultatif',
  send: 'Envoyer',
  close: 'Fermer',
  launcher: 'Donnez votre avis',
  dialog: 'Votre avis',
  needAnswer: 'Choisissez d’abord une réponse.',
  saved: 'Enregistré, envoi à venir.',
  sending: 'Envoi en cours…',
  sent: 'Envoyé.',
  failed: 'L’envoi n’a pas abouti.',
  full: 'Impossible d’enregistrer d’autres réponses pour l’instant. Réessayez plus tard.',
  thanks: 'Merci !',
  already: 'Merci, vous nous avez déjà donné votre avis.',
};
export default fr;
