import words from '../../../core/i18n/ca.js';
import type { WallStrings } from './strings.js';

const answers = (n: string, count: number) => `${n} ${count === 1 ? 'resposta' : 'respostes'}`;

const sentence = (clauses: (string | null)[]) => {
  const text = clauses.filter(Boolean).join(' i ');
  return text && `${text[0].toUpperCase()}${text.slice(1)}.`;
};

// "un 38 %" rather than "el 38 %", which would need "l'1 %", "l'11 %".
const ca: WallStrings = {
  ...words,
  title: 'El que ens han dit els clients',
  answers,
  basisLoaded: (n, count) => (count === 1 ? 'Segons l’única resposta carregada.' : `Segons les ${answers(n, count)} carregades.`),
  shares: (hard, negative) =>
    sentence([hard && `a un ${hard} li ha resultat difícil`, negative && `un ${negative} ha sentit frustració o decepció`]),
  effortHeading: 'Fins a quin punt ha estat fàcil',
  scale: (points) => `En una escala de ${points} punts`,
  noEffort: 'Encara ningú no ha valorat si ha estat fàcil.',
  emotionHeading: 'Com s’han sentit',
  noEmotion: 'Encara ningú no ha dit com s’ha sentit.',
  rating: 'Valoració',
  count: 'Respostes',
  share: 'Percentatge',
  listHeading: 'Totes les respostes, de la més recent a la més antiga',
  showing: (shown, total) => (total === null ? `Respostes mostrades: ${shown}` : `Respostes mostrades: ${shown} de ${total}`),
  where: 'On',
  effort: 'Esforç',
  feeling: 'Sentiment',
  point: (point, scale) => `${point} de ${scale}`,
  reply: 'La nostra resposta',
  more: 'Mostra’n més',
  loadingMore: 'S’estan carregant més respostes…',
  loading: 'S’estan carregant les respostes…',
  empty: 'Encara no hi ha respostes',
  failed: 'No s’han pogut carregar les respostes.',
  failedMore: 'No s’han pogut carregar més respostes.',
  retry: 'Torna-ho a provar',
  skipped: (n, count) =>
    count === 1 ? 'Un element del feed no s’ha pogut llegir i no es mostra.' : `${n} elements del feed no s’han pogut llegir i no es mostren.`,
  reasons: { 'personal-data': 'dades personals', abusive: 'ofensiu', spam: 'spam', 'off-topic': 'fora de tema', other: 'un altre motiu' },
  commentWithheld: (reason) => `Comentari no publicat: ${reason}`,
  byReason: (n, _, reason) => `${reason} (${n})`,
  withheld: (n, count, reasons) => `${n} ${count === 1 ? 'comentari no publicat' : 'comentaris no publicats'}: ${reasons}`,
};
export default ca;
