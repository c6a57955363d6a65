import words from '../../../core/i18n/de.js';
import type { WallStrings } from './strings.js';

const answers = (n: string, count: number) => `${n} ${count === 1 ? 'Antwort' : 'Antworten'}`;

const sentence = (clauses: (string | null)[]) => {
  const text = clauses.filter(Boolean).join(', ');
  return text && `${text}.`;
};

const de: WallStrings = {
  ...words,
  title: 'Das sagen unsere Kundinnen und Kunden',
  answers,
  basisLoaded: (n, count) => (count === 1 ? 'Auf Basis der einzigen geladenen Antwort.' : `Auf Basis der ${n} geladenen Antworten.`),
  shares: (hard, negative) => sentence([hard && `${hard} fanden es schwierig`, negative && `${negative} waren frustriert oder enttäuscht`]),
  effortHeading: 'Wie einfach es war',
  scale: (points) => `Auf einer Skala von 1 bis ${points}`,
  noEffort: 'Noch hat niemand bewertet, wie einfach es war.',
  emotionHeading: 'Wie es sich anfühlte',
  noEmotion: 'Noch hat niemand gesagt, wie es sich anfühlte.',
  rating: 'Bewertung',
  count: 'Antworten',
  share: 'Anteil',
  listHeading: 'Alle Antworten, neueste zuerst',
  showing: (shown, total) => (total === null ? `${shown} angezeigt` : `${shown} von ${total} angezeigt`),
  where: 'Wo',
  effort: 'Aufwand',
  feeling: 'Gefühl',
  point: (point, scale) => `${point} von ${scale}`,
  reply: 'Unsere Antwort',
  more: 'Mehr anzeigen',
  loadingMore: 'Weitere werden geladen…',
  loading: 'Antworten werden geladen…',
  empty: 'Noch keine Antworten',
  failed: 'Die Antworten konnten nicht geladen werden.',
  failedMore: 'Weitere Antworten konnten nicht geladen werden.',
  retry: 'Erneut versuchen',
  skipped: (n, count) =>
    count === 1
      ? `${n} Eintrag im Feed konnte nicht gelesen werden und wird nicht angezeigt.`
      : `${n} Einträge im Feed konnten nicht gelesen werden und werden nicht angezeigt.`,
  reasons: { 'personal-data': 'personenbezogene Daten', abusive: 'beleidigend', spam: 'Spam', 'off-topic': 'themenfremd', other: 'anderer Grund' },
  commentWithheld: (reason) => `Kommentar nicht veröffentlicht: ${reason}`,
  byReason: (n, _, reason) => `${reason} (${n})`,
  withheld: (n, count, reasons) => `${n} ${count === 1 ? 'Kommentar' : 'Kommentare'} nicht veröffentlicht: ${reasons}`,
};
export default de;
