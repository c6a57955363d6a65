import words from '../../core/i18n/it.js';
import type { JourneyStrings } from './strings.js';

/** "il 62%", but "l'1%", "l'8%", "l'11%", "l'80%": the article as the number is read aloud. */
const il = (percent: string) => (/^(8|1$|11$)/.test(percent.replace(/\D/g, '')) ? `l’${percent}` : `il ${percent}`);
/** "del 50%", "dell'80%". */
const del = (percent: string) => (il(percent).startsWith('il') ? `del ${percent}` : `dell’${percent}`);

// `previous` has no article: the sentences below say "rispetto ai 7 giorni precedenti".
const it: JourneyStrings = {
  ...words,
  title: 'Percorso del cliente',
  period: 'Periodo',
  periods: { '7d': 'Ultimi 7 giorni', '30d': 'Ultimi 30 giorni', '90d': 'Ultimi 90 giorni', all: 'Tutto il periodo' },
  previous: { '7d': '7 giorni precedenti', '30d': '30 giorni precedenti', '90d': '90 giorni precedenti' },
  lane: 'Il percorso',
  afterLane: 'Dopo il servizio',
  stages: { during: 'Durante', after: 'Dopo il servizio' },
  answers: (n, x) => (n === 1 ? '1 risposta' : `${x} risposte`),
  noAnswers: 'Ancora nessuna risposta',
  notAnswered: 'Nessuna risposta',
  effort: 'Punteggio di sforzo',
  effortOf: (mean) => `${mean} su 7`,
  easy: (share) => `facile per ${il(share)}`,
  emotion: 'Emozione',
  emotionMix: 'Distribuzione delle emozioni',
  net: 'Saldo emotivo',
  trend: (what, direction, amount, since) =>
    direction === 'flat'
      ? `${what}: stabile rispetto ai ${since}`
      : `${what}: in ${direction === 'up' ? 'aumento' : 'calo'} di ${amount} rispetto ai ${since}`,
  trendNote: (since) => `Le frecce indicano la variazione rispetto ai ${since}.`,
  moment: 'Momento della verità',
  comments: 'Ultimi commenti negativi',
  commentsOf: (touchpoint) => `per ${touchpoint}`,
  noComments: 'Nessun commento negativo scritto.',
  openInInbox: 'apri nella posta in arrivo',
  actFirst: 'Interventi prioritari, dal più urgente:',
  why: (touchpoint, answers, reasons) => `${touchpoint}: ${answers}; ${reasons}.`,
  hardReason: (share, high) => `meno della metà lo ha trovato facile (${share}, al massimo ${high})`,
  badReason: (net, high) => `più clienti si sono sentiti male che bene (saldo emotivo ${net}, al massimo ${high})`,
  undecided: (list) => `Ancora troppo poche risposte per decidere: ${list}.`,
  tooFew: 'Troppo poche risposte per decidere',
  range: (low, high) => `probabilmente tra ${low} e ${high}`,
  noMoments: 'Nessun momento della verità in questo periodo.',
  threshold: (min, easy) =>
    `Un punto di contatto è un momento della verità quando ha almeno ${min} risposte e, con una confidenza del 95 %, meno ${del(easy)} dei clienti lo ha trovato facile oppure le emozioni negative superano quelle positive.`,
  table: 'Il percorso in numeri',
  columns: {
    touchpoint: 'Punto di contatto',
    stage: 'Fase',
    answers: 'Risposte',
    effort: 'Punteggio di sforzo (su 7)',
    easy: 'L’ha trovato facile',
    hard: 'L’ha trovato difficile',
    net: 'Saldo emotivo',
    effortChange: 'Variazione dello sforzo',
    netChange: 'Variazione del saldo emotivo',
    moment: 'Momento della verità',
  },
  yes: 'Sì',
  no: 'No',
  download: 'Scarica il CSV',
  loading: 'Caricamento del percorso…',
  empty: 'Ancora nessuna risposta in questo periodo.',
  skippedAnswers: (n, x) =>
    n === 1 ? '1 risposta è stata ignorata perché non è valida.' : `${x} risposte sono state ignorate perché non sono valide.`,
  skippedTouchpoints: (n, x) =>
    n === 1
      ? '1 punto di contatto del riepilogo non era leggibile ed è stato ignorato.'
      : `${x} punti di contatto del riepilogo non erano leggibili e sono stati ignorati.`,
  more: (shown, all) => `Sono mostrati i primi ${shown} punti di contatto su ${all}; il CSV li contiene tutti.`,
  errors: {
    source: 'Imposta nell’attributo source l’URL di un riepilogo o di un elenco di risposte.',
    network: 'Impossibile raggiungere la fonte.',
    http: 'La fonte ha risposto con un errore.',
    json: 'La fonte non ha inviato JSON.',
    shape: 'La fonte non ha inviato né un riepilogo né un elenco di risposte.',
  },
  status: (code) => `(HTTP ${code})`,
  notices: {
    title: 'Avvisi e come sono stati vissuti',
    severity: { info: 'Informazione', minor: 'Disservizio lieve', major: 'Disservizio grave', critical: 'Servizio non disponibile', maintenance: 'Manutenzione programmata' },
    during: 'Mentre era visibile',
    outside: 'Stessi punti di contatto, fuori dall’avviso',
    comments: 'Commenti mentre era visibile',
    since: (from) => `Dal ${from}, in corso`,
    between: (from, to) => `Dal ${from} al ${to}`,
    everywhere: 'Tutti i punti di contatto',
    caption: (title) => `Come è stato vissuto «${title}»`,
  },
};
export default it;
