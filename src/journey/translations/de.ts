import words from '../../core/i18n/de.js';
import type { JourneyStrings } from './strings.js';

// `previous` is in the dative: "im Vergleich zu den vorherigen 7 Tagen".
const de: JourneyStrings = {
  ...words,
  title: 'Customer Journey',
  period: 'Zeitraum',
  periods: { '7d': 'Letzte 7 Tage', '30d': 'Letzte 30 Tage', '90d': 'Letzte 90 Tage', all: 'Gesamter Zeitraum' },
  previous: { '7d': 'den vorherigen 7 Tagen', '30d': 'den vorherigen 30 Tagen', '90d': 'den vorherigen 90 Tagen' },
  lane: 'Die Journey',
  afterLane: 'Nach dem Service',
  stages: { during: 'Während des Service', after: 'Nach dem Service' },
  answers: (n, x) => (n === 1 ? '1 Antwort' : `${x} Antworten`),
  noAnswers: 'Noch keine Antworten',
  notAnswered: 'Nicht beantwortet',
  effort: 'Effort Score',
  effortOf: (mean) => `${mean} von 7`,
  easy: (share) => `${share} fanden es einfach`,
  emotion: 'Emotion',
  emotionMix: 'Emotionsverteilung',
  net: 'Netto-Emotion',
  trend: (what, direction, amount, since) =>
    direction === 'flat'
      ? `${what} im Vergleich zu ${since} unverändert`
      : `${what} im Vergleich zu ${since} um ${amount} ${direction === 'up' ? 'gestiegen' : 'gesunken'}`,
  trendNote: (since) => `Die Pfeile zeigen die Veränderung gegenüber ${since}.`,
  moment: 'Moment der Wahrheit',
  comments: 'Neueste negative Kommentare',
  commentsOf: (touchpoint) => `zu ${touchpoint}`,
  noComments: 'Keine schriftlichen negativen Kommentare.',
  openInInbox: 'im Posteingang öffnen',
  actFirst: 'Hier zuerst ansetzen, das Dringendste zuerst:',
  why: (touchpoint, answers, reasons) => `${touchpoint}: ${answers}; ${reasons}.`,
  hardReason: (share, high) => `weniger als die Hälfte fand ihn einfach (${share}, höchstens ${high})`,
  badReason: (net, high) => `mehr Kundinnen und Kunden hatten ein schlechtes als ein gutes Gefühl (Netto-Emotion ${net}, höchstens ${high})`,
  undecided: (list) => `Noch zu wenige Antworten für ein Urteil: ${list}.`,
  tooFew: 'Zu wenige Antworten für ein Urteil',
  range: (low, high) => `wahrscheinlich zwischen ${low} und ${high}`,
  noMoments: 'Keine Momente der Wahrheit in diesem Zeitraum.',
  threshold: (min, easy) =>
    `Ein Touchpoint gilt als Moment der Wahrheit, wenn er mindestens ${min} Antworten hat und mit 95 % Sicherheit weniger als ${easy} ihn einfach fanden oder die negativen Emotionen die positiven überwiegen.`,
  table: 'Die Journey in Zahlen',
  columns: {
    touchpoint: 'Touchpoint',
    stage: 'Phase',
    answers: 'Antworten',
    effort: 'Effort Score (von 7)',
    easy: 'Fanden es einfach',
    hard: 'Fanden es schwierig',
    net: 'Netto-Emotion',
    effortChange: 'Veränderung Effort Score',
    netChange: 'Veränderung Netto-Emotion',
    moment: 'Moment der Wahrheit',
  },
  yes: 'Ja',
  no: 'Nein',
  download: 'CSV herunterladen',
  loading: 'Journey wird geladen…',
  empty: 'In diesem Zeitraum noch keine Antworten.',
  skippedAnswers: (n, x) =>
    n === 1 ? '1 Antwort wurde übersprungen, weil sie ungültig ist.' : `${x} Antworten wurden übersprungen, weil sie ungültig sind.`,
  skippedTouchpoints: (n, x) =>
    n === 1
      ? '1 Touchpoint in der Zusammenfassung war nicht lesbar und wurde übersprungen.'
      : `${x} Touchpoints in der Zusammenfassung waren nicht lesbar und wurden übersprungen.`,
  more: (shown, all) => `Angezeigt werden die ersten ${shown} von ${all} Touchpoints; die CSV-Datei enthält alle.`,
  errors: {
    source: 'Setzen Sie das Attribut source auf die URL einer Zusammenfassung oder einer Antwortliste.',
    network: 'Die Quelle war nicht erreichbar.',
    http: 'Die Quelle hat mit einem Fehler geantwortet.',
    json: 'Die Quelle hat kein JSON gesendet.',
    shape: 'Die Quelle hat weder eine Zusammenfassung noch eine Antwortliste gesendet.',
  },
  status: (code) => `(HTTP ${code})`,
  notices: {
    title: 'Hinweise und wie sie erlebt wurden',
    severity: { info: 'Information', minor: 'Leichte Störung', major: 'Schwere Störung', critical: 'Dienst ausgefallen', maintenance: 'Geplante Wartung' },
    during: 'Während der Anzeige',
    outside: 'Dieselben Kontaktpunkte, außerhalb',
    comments: 'Kommentare während der Anzeige',
    since: (from) => `Seit ${from}, andauernd`,
    between: (from, to) => `${from} bis ${to}`,
    everywhere: 'Alle Kontaktpunkte',
    caption: (title) => `Wie „${title}“ erlebt wurde`,
  },
};
export default de;
