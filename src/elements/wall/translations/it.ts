import words from '../../../core/i18n/it.js';
import type { WallStrings } from './strings.js';

const answers = (n: string, count: number) => `${n} ${count === 1 ? 'risposta' : 'risposte'}`;

/** "il 38%", but "l'1%", "l'8%", "l'11%", "l'80%": the article as the number is read aloud. */
const il = (percent: string) => (/^(8|1$|11$)/.test(percent.replace(/\D/g, '')) ? `l’${percent}` : `il ${percent}`);

const sentence = (clauses: (string | null)[]) => {
  const text = clauses.filter(Boolean).join(' e ');
  return text && `${text[0].toUpperCase()}${text.slice(1)}.`;
};

const it: WallStrings = {
  ...words,
  title: 'Cosa ci hanno detto i clienti',
  answers,
  basisLoaded: (n, count) => (count === 1 ? 'In base all’unica risposta caricata.' : `In base alle ${answers(n, count)} caricate.`),
  shares: (hard, negative) => sentence([hard && `per ${il(hard)} è stato difficile`, negative && `${il(negative)} ha provato frustrazione o delusione`]),
  effortHeading: 'Quanto è stato facile',
  scale: (points) => `Su una scala da 1 a ${points}`,
  noEffort: 'Nessuno ha ancora valutato quanto è stato facile.',
  emotionHeading: 'Cosa hanno provato',
  noEmotion: 'Nessuno ha ancora detto cosa ha provato.',
  rating: 'Valutazione',
  count: 'Risposte',
  share: 'Percentuale',
  listHeading: 'Tutte le risposte, dalla più recente',
  showing: (shown, total) => (total === null ? `Risposte visualizzate: ${shown}` : `Risposte visualizzate: ${shown} su ${total}`),
  where: 'Dove',
  effort: 'Sforzo',
  feeling: 'Sensazione',
  point: (point, scale) => `${point} su ${scale}`,
  reply: 'La nostra risposta',
  more: 'Mostra altre',
  loadingMore: 'Caricamento di altre risposte…',
  loading: 'Caricamento delle risposte…',
  empty: 'Ancora nessuna risposta',
  failed: 'Impossibile caricare le risposte.',
  failedMore: 'Impossibile caricare altre risposte.',
  retry: 'Riprova',
  skipped: (n, count) =>
    count === 1
      ? `${n} elemento del feed non è leggibile e non viene mostrato.`
      : `${n} elementi del feed non sono leggibili e non vengono mostrati.`,
  reasons: { 'personal-data': 'dati personali', abusive: 'offensivo', spam: 'spam', 'off-topic': 'fuori tema', other: 'altro motivo' },
  commentWithheld: (reason) => `Commento non pubblicato: ${reason}`,
  byReason: (n, _, reason) => `${reason} (${n})`,
  withheld: (n, count, reasons) => `${n} ${count === 1 ? 'commento non pubblicato' : 'commenti non pubblicati'}: ${reasons}`,
};
export default it;
