import words from '../../core/i18n/fr.js';
import type { JourneyStrings } from './strings.js';

// `previous` has no article: the sentences below say "par rapport aux 7 jours précédents".
const fr: JourneyStrings = {
  ...words,
  title: 'Parcours client',
  period: 'Période',
  periods: { '7d': '7 derniers jours', '30d': '30 derniers jours', '90d': '90 derniers jours', all: 'Depuis le début' },
  previous: { '7d': '7 jours précédents', '30d': '30 jours précédents', '90d': '90 jours précédents' },
  lane: 'Le parcours',
  afterLane: 'Après le service',
  stages: { during: 'Pendant', after: 'Après le service' },
  answers: (n, x) => (n < 2 ? `${x} réponse` : `${x} réponses`),
  noAnswers: 'Aucune réponse pour le moment',
  notAnswered: 'Non renseigné',
  effort: 'Score d’effort',
  effortOf: (mean) => `${mean} sur 7`,
  easy: (share) => `facile pour ${share}`,
  emotion: 'Émotion',
  emotionMix: 'Répartition des émotions',
  net: 'Solde émotionnel',
  trend: (what, direction, amount, since) =>
    direction === 'flat'
      ? `${what} : stable par rapport aux ${since}`
      : `${what} : en ${direction === 'up' ? 'hausse' : 'baisse'} de ${amount} par rapport aux ${since}`,
  trendNote: (since) => `Les flèches indiquent l’évolution par rapport aux ${since}.`,
  moment: 'Moment de vérité',
  comments: 'Derniers commentaires négatifs',
  commentsOf: (touchpoint) => `pour ${touchpoint}`,
  noComments: 'Aucun commentaire négatif écrit.',
  openInInbox: 'ouvrir dans la boîte de réception',
  actFirst: 'À traiter en priorité, du plus urgent au moins urgent :',
  why: (touchpoint, answers, reasons) => `${touchpoint} : ${answers} ; ${reasons}.`,
  hardReason: (share, high) => `moins de la moitié l’ont trouvé facile (${share}, au plus ${high})`,
  badReason: (net, high) => `plus de clients ont eu un ressenti négatif que positif (solde émotionnel ${net}, au plus ${high})`,
  undecided: (list) => `Trop peu de réponses pour trancher : ${list}.`,
  tooFew: 'Trop peu de réponses pour trancher',
  range: (low, high) => `probablement entre ${low} et ${high}`,
  noMoments: 'Aucun moment de vérité sur cette période.',
  threshold: (min, easy) =>
    `Un point de contact devient un moment de vérité lorsqu’il compte au moins ${min} réponses et que, avec une confiance de 95 %, moins de ${easy} des clients l’ont trouvé facile ou que le ressenti négatif l’emporte sur le positif.`,
  table: 'Le parcours en chiffres',
  columns: {
    touchpoint: 'Point de contact',
    stage: 'Étape',
    answers: 'Réponses',
    effort: 'Score d’effort (sur 7)',
    easy: 'Jugé facile',
    hard: 'Jugé difficile',
    net: 'Solde émotionnel',
    effortChange: 'Évolution du score d’effort',
    netChange: 'Évolution du solde émotionnel',
    moment: 'Moment de vérité',
  },
  yes: 'Oui',
  no: 'Non',
  download: 'Télécharger le CSV',
  loading: 'Chargement du parcours…',
  empty: 'Aucune réponse sur cette période pour le moment.',
  skippedAnswers: (n, x) => (n < 2 ? `${x} réponse ignorée : elle n’est pas valide.` : `${x} réponses ignorées : elles ne sont pas valides.`),
  skippedTouchpoints: (n, x) =>
    n < 2
      ? `${x} point de contact du résumé est illisible et a été ignoré.`
      : `${x} points de contact du résumé sont illisibles et ont été ignorés.`,
  more: (shown, all) => `Affichage des ${shown} premiers points de contact sur ${all} ; le CSV les contient tous.`,
  errors: {
    source: 'Indiquez dans l’attribut source l’URL d’un résumé ou d’une liste de réponses.',
    network: 'Impossible de joindre la source.',
    http: 'La source a renvoyé une erreur.',
    json: 'La source n’a pas renvoyé de JSON.',
    shape: 'La source n’a renvoyé ni résumé ni liste de réponses.',
  },
  status: (code) => `(HTTP ${code})`,
  notices: {
    title: 'Avis et ressenti',
    severity: { info: 'Information', minor: 'Perturbation mineure', major: 'Perturbation majeure', critical: 'Service interrompu', maintenance: 'Maintenance planifiée' },
    during: 'Pendant l’affichage',
    outside: 'Mêmes points de contact, hors de l’avis',
    comments: 'Commentaires pendant l’affichage',
    since: (from) => `Depuis le ${from}, en cours`,
    between: (from, to) => `Du ${from} au ${to}`,
    everywhere: 'Tous les points de contact',
    caption: (title) => `Ressenti de « ${title} »`,
  },
};
export default fr;
