import words from '../../core/i18n/ca.js';
import type { JourneyStrings } from './strings.js';

// `previous` has no article: the sentences below say "respecte als 7 dies anteriors".
// "un 62 %" rather than "el 62 %", which would need "l'1 %", "l'11 %".
const ca: JourneyStrings = {
  ...words,
  title: 'Recorregut del client',
  period: 'Període',
  periods: { '7d': 'Últims 7 dies', '30d': 'Últims 30 dies', '90d': 'Últims 90 dies', all: 'Tot el període' },
  previous: { '7d': '7 dies anteriors', '30d': '30 dies anteriors', '90d': '90 dies anteriors' },
  lane: 'El recorregut',
  afterLane: 'Després del servei',
  stages: { during: 'Durant', after: 'Després del servei' },
  answers: (n, x) => (n === 1 ? '1 resposta' : `${x} respostes`),
  noAnswers: 'Encara sense respostes',
  notAnswered: 'Sense resposta',
  effort: 'Puntuació d’esforç',
  effortOf: (mean) => `${mean} de 7`,
  easy: (share) => `a un ${share} li ha resultat fàcil`,
  emotion: 'Emoció',
  emotionMix: 'Distribució de les emocions',
  net: 'Emoció neta',
  trend: (what, direction, amount, since) =>
    direction === 'flat'
      ? `${what}: sense canvis respecte als ${since}`
      : `${what}: ${direction === 'up' ? 'puja' : 'baixa'} ${amount} respecte als ${since}`,
  trendNote: (since) => `Les fletxes indiquen el canvi respecte als ${since}.`,
  moment: 'Moment de la veritat',
  comments: 'Últims comentaris negatius',
  commentsOf: (touchpoint) => `a ${touchpoint}`,
  noComments: 'Cap comentari negatiu per escrit.',
  openInInbox: 'obre a la safata d’entrada',
  actFirst: 'Actua primer a, del més urgent al menys urgent:',
  why: (touchpoint, answers, reasons) => `${touchpoint}: ${answers}; ${reasons}.`,
  hardReason: (share, high) => `a menys de la meitat li ha resultat fàcil (${share}, com a màxim ${high})`,
  badReason: (net, high) => `més clients s’han sentit malament que bé (emoció neta ${net}, com a màxim ${high})`,
  undecided: (list) => `Encara hi ha massa poques respostes per decidir: ${list}.`,
  tooFew: 'Massa poques respostes per decidir',
  range: (low, high) => `probablement entre ${low} i ${high}`,
  noMoments: 'Cap moment de la veritat en aquest període.',
  threshold: (min, easy) =>
    `Un punt de contacte és un moment de la veritat quan té com a mínim ${min} respostes i, amb un 95 % de confiança, a menys d’un ${easy} li ha resultat fàcil o més clients s’han sentit malament que bé.`,
  table: 'El recorregut en xifres',
  columns: {
    touchpoint: 'Punt de contacte',
    stage: 'Etapa',
    answers: 'Respostes',
    effort: 'Puntuació d’esforç (de 7)',
    easy: 'Li ha resultat fàcil',
    hard: 'Li ha resultat difícil',
    net: 'Emoció neta',
    effortChange: 'Canvi d’esforç',
    netChange: 'Canvi d’emoció neta',
    moment: 'Moment de la veritat',
  },
  yes: 'Sí',
  no: 'No',
  download: 'Baixa el CSV',
  loading: 'S’està carregant el recorregut…',
  empty: 'Encara no hi ha respostes en aquest període.',
  skippedAnswers: (n, x) =>
    n === 1 ? 'S’ha omès 1 resposta: no és una resposta vàlida.' : `S’han omès ${x} respostes: no són respostes vàlides.`,
  skippedTouchpoints: (n, x) =>
    n === 1
      ? 'S’ha omès 1 punt de contacte del resum: no s’ha pogut llegir.'
      : `S’han omès ${x} punts de contacte del resum: no s’han pogut llegir.`,
  more: (shown, all) => `Es mostren els primers ${shown} de ${all} punts de contacte; el CSV els té tots.`,
  errors: {
    source: 'Indica a l’atribut source l’URL d’un resum o d’una llista de respostes.',
    network: 'No s’ha pogut connectar amb la font.',
    http: 'La font ha respost amb un error.',
    json: 'La font no ha enviat JSON.',
    shape: 'La font no ha enviat ni un resum ni una llista de respostes.',
  },
  status: (code) => `(HTTP ${code})`,
  notices: {
    title: 'Avisos i com es van viure',
    severity: { info: 'Informació', minor: 'Incidència lleu', major: 'Incidència greu', critical: 'Servei caigut', maintenance: 'Manteniment programat' },
    during: 'Mentre es mostrava',
    outside: 'Mateixos punts de contacte, fora de l’avís',
    comments: 'Comentaris mentre es mostrava',
    since: (from) => `Des del ${from}, en curs`,
    between: (from, to) => `Del ${from} al ${to}`,
    everywhere: 'Tots els punts de contacte',
    caption: (title) => `Com es va viure «${title}»`,
  },
};
export default ca;
