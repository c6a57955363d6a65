import words from '../../../core/i18n/nl.js';
import type { WallStrings } from './strings.js';

const answers = (n: string, count: number) => `${n} ${count === 1 ? 'antwoord' : 'antwoorden'}`;

const sentence = (clauses: (string | null)[]) => {
  const text = clauses.filter(Boolean).join(' en ');
  return text && `${text}.`;
};

const nl: WallStrings = {
  ...words,
  title: 'Wat klanten ons vertelden',
  answers,
  basisLoaded: (n, count) => (count === 1 ? 'Op basis van het enige geladen antwoord.' : `Op basis van de ${n} geladen antwoorden.`),
  shares: (hard, negative) => sentence([hard && `${hard} vond het moeilijk`, negative && `${negative} voelde zich gefrustreerd of teleurgesteld`]),
  effortHeading: 'Hoe makkelijk het ging',
  scale: (points) => `Op een schaal van 1 tot ${points}`,
  noEffort: 'Nog niemand heeft aangegeven hoe makkelijk het ging.',
  emotionHeading: 'Hoe het voelde',
  noEmotion: 'Nog niemand heeft aangegeven hoe het voelde.',
  rating: 'Beoordeling',
  count: 'Antwoorden',
  share: 'Aandeel',
  listHeading: 'Alle antwoorden, nieuwste eerst',
  showing: (shown, total) => (total === null ? `${shown} getoond` : `${shown} van ${total} getoond`),
  where: 'Waar',
  effort: 'Moeite',
  feeling: 'Gevoel',
  point: (point, scale) => `${point} van ${scale}`,
  reply: 'Ons antwoord',
  more: 'Meer tonen',
  loadingMore: 'Meer laden…',
  loading: 'Antwoorden laden…',
  empty: 'Nog geen antwoorden',
  failed: 'De antwoorden konden niet worden geladen.',
  failedMore: 'Er konden niet meer antwoorden worden geladen.',
  retry: 'Opnieuw proberen',
  skipped: (n, count) =>
    count === 1
      ? `${n} item in de feed kon niet worden gelezen en wordt niet getoond.`
      : `${n} items in de feed konden niet worden gelezen en worden niet getoond.`,
  reasons: { 'personal-data': 'persoonsgegevens', abusive: 'beledigend', spam: 'spam', 'off-topic': 'niet ter zake', other: 'andere reden' },
  commentWithheld: (reason) => `Reactie niet gepubliceerd: ${reason}`,
  byReason: (n, _, reason) => `${reason} (${n})`,
  withheld: (n, count, reasons) => `${n} ${count === 1 ? 'reactie' : 'reacties'} niet gepubliceerd: ${reasons}`,
};
export default nl;
