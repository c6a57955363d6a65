import words from '../../../core/i18n/fr.js';
import type { WallStrings } from './strings.js';

// French keeps the singular for 0 and 1 ("0 réponse", "1 réponse").
const answers = (n: string, count: number) => `${n} ${count < 2 ? 'réponse' : 'réponses'}`;

const fr: WallStrings = {
  ...words,
  title: 'Ce que nos clients nous ont dit',
  answers,
  basisLoaded: (n, count) =>
    count === 0 ? 'Aucune réponse chargée.' : count === 1 ? 'D’après la seule réponse chargée.' : `D’après les ${answers(n, count)} chargées.`,
  shares: (hard, negative) =>
    hard && negative
      ? `${hard} des clients ont trouvé cela difficile et ${negative} ont ressenti de la frustration ou de la déception.`
      : hard
        ? `${hard} des clients ont trouvé cela difficile.`
        : negative
          ? `${negative} des clients ont ressenti de la frustration ou de la déception.`
          : '',
  effortHeading: 'Facilité',
  scale: (points) => `Sur une échelle de ${points} points`,
  noEffort: 'Personne n’a encore évalué la facilité.',
  emotionHeading: 'Ressenti',
  noEmotion: 'Personne n’a encore indiqué son ressenti.',
  rating: 'Évaluation',
  count: 'Réponses',
  share: 'Part',
  listHeading: 'Toutes les réponses, les plus récentes d’abord',
  showing: (shown, total) => (total === null ? `Réponses affichées : ${shown}` : `Réponses affichées : ${shown} sur ${total}`),
  where: 'Où',
  effort: 'Effort',
  feeling: 'Ressenti',
  point: (point, scale) => `${point} sur ${scale}`,
  reply: 'Notre réponse',
  more: 'Afficher plus',
  loadingMore: 'Chargement de la suite…',
  loading: 'Chargement des réponses…',
  empty: 'Aucune réponse pour le moment',
  failed: 'Impossible de charger les réponses.',
  failedMore: 'Impossible de charger plus de réponses.',
  retry: 'Réessayer',
  skipped: (n, count) =>
    count < 2 ? `${n} élément du flux est illisible et n’est pas affiché.` : `${n} éléments du flux sont illisibles et ne sont pas affichés.`,
  reasons: { 'personal-data': 'données personnelles', abusive: 'injurieux', spam: 'spam', 'off-topic': 'hors sujet', other: 'autre motif' },
  commentWithheld: (reason) => `Commentaire non publié : ${reason}`,
  byReason: (n, _, reason) => `${reason} (${n})`,
  withheld: (n, count, reasons) => `${n} ${count < 2 ? 'commentaire non publié' : 'commentaires non publiés'} : ${reasons}`,
};
export default fr;
