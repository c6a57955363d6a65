import words from '../../core/i18n/nl.js';
import type { JourneyStrings } from './strings.js';

const nl: JourneyStrings = {
  ...words,
  title: 'Klantreis',
  period: 'Periode',
  periods: { '7d': 'Afgelopen 7 dagen', '30d': 'Afgelopen 30 dagen', '90d': 'Afgelopen 90 dagen', all: 'Alles' },
  previous: { '7d': 'de 7 dagen daarvoor', '30d': 'de 30 dagen daarvoor', '90d': 'de 90 dagen daarvoor' },
  lane: 'De klantreis',
  afterLane: 'Na de service',
  stages: { during: 'Tijdens', after: 'Na de service' },
  answers: (n, x) => (n === 1 ? '1 antwoord' : `${x} antwoorden`),
  noAnswers: 'Nog geen antwoorden',
  notAnswered: 'Niet beantwoord',
  effort: 'Effortscore',
  effortOf: (mean) => `${mean} van 7`,
  easy: (share) => `${share} vond het makkelijk`,
  emotion: 'Emotie',
  emotionMix: 'Emotieverdeling',
  net: 'Netto-emotie',
  trend: (what, direction, amount, since) =>
    direction === 'flat'
      ? `${what} gelijk gebleven ten opzichte van ${since}`
      : `${what} met ${amount} ${direction === 'up' ? 'gestegen' : 'gedaald'} ten opzichte van ${since}`,
  trendNote: (since) => `De pijlen tonen de verandering ten opzichte van ${since}.`,
  moment: 'Moment van de waarheid',
  comments: 'Laatste negatieve reacties',
  commentsOf: (touchpoint) => `bij ${touchpoint}`,
  noComments: 'Geen geschreven negatieve reacties.',
  openInInbox: 'openen in de inbox',
  actFirst: 'Pak eerst aan, het dringendste eerst:',
  why: (touchpoint, answers, reasons) => `${touchpoint}: ${answers}; ${reasons}.`,
  hardReason: (share, high) => `minder dan de helft vond het makkelijk (${share}, hoogstens ${high})`,
  badReason: (net, high) => `meer klanten hadden een slecht dan een goed gevoel (netto-emotie ${net}, hoogstens ${high})`,
  undecided: (list) => `Nog te weinig antwoorden om te beslissen: ${list}.`,
  tooFew: 'Te weinig antwoorden om te beslissen',
  range: (low, high) => `waarschijnlijk tussen ${low} en ${high}`,
  noMoments: 'Geen momenten van de waarheid in deze periode.',
  threshold: (min, easy) =>
    `Een contactmoment is een moment van de waarheid als het minstens ${min} antwoorden heeft en, met 95 % zekerheid, minder dan ${easy} het makkelijk vond of meer klanten er een slecht dan een goed gevoel aan overhielden.`,
  table: 'De klantreis in cijfers',
  columns: {
    touchpoint: 'Contactmoment',
    stage: 'Fase',
    answers: 'Antwoorden',
    effort: 'Effortscore (van 7)',
    easy: 'Vond het makkelijk',
    hard: 'Vond het moeilijk',
    net: 'Netto-emotie',
    effortChange: 'Verandering effortscore',
    netChange: 'Verandering netto-emotie',
    moment: 'Moment van de waarheid',
  },
  yes: 'Ja',
  no: 'Nee',
  download: 'CSV downloaden',
  loading: 'Klantreis laden…',
  empty: 'Nog geen antwoorden in deze periode.',
  skippedAnswers: (n, x) =>
    n === 1 ? '1 antwoord is overgeslagen: het is geen geldig antwoord.' : `${x} antwoorden zijn overgeslagen: het zijn geen geldige antwoorden.`,
  skippedTouchpoints: (n, x) =>
    n === 1
      ? '1 contactmoment in de samenvatting kon niet worden gelezen en is overgeslagen.'
      : `${x} contactmomenten in de samenvatting konden niet worden gelezen en zijn overgeslagen.`,
  more: (shown, all) => `De eerste ${shown} van ${all} contactmomenten worden getoond; de CSV bevat ze allemaal.`,
  errors: {
    source: 'Geef in het attribuut source de URL op van een samenvatting of van een lijst met antwoorden.',
    network: 'De bron is niet bereikbaar.',
    http: 'De bron gaf een foutmelding.',
    json: 'De bron stuurde geen JSON.',
    shape: 'De bron stuurde geen samenvatting en ook geen lijst met antwoorden.',
  },
  status: (code) => `(HTTP ${code})`,
  notices: {
    title: 'Meldingen en hoe ze werden ervaren',
    severity: { info: 'Informatie', minor: 'Kleine storing', major: 'Grote storing', critical: 'Dienst onbereikbaar', maintenance: 'Gepland onderhoud' },
    during: 'Terwijl de melding werd getoond',
    outside: 'Dezelfde contactpunten, daarbuiten',
    comments: 'Opmerkingen terwijl de melding werd getoond',
    since: (from) => `Sinds ${from}, lopend`,
    between: (from, to) => `${from} tot ${to}`,
    everywhere: 'Alle contactpunten',
    caption: (title) => `Hoe „${title}” werd ervaren`,
  },
};
export default nl;
