import words from '../../core/i18n/es.js';
import type { JourneyStrings } from './strings.js';

const es: JourneyStrings = {
  ...words,
  title: 'Recorrido del cliente',
  period: 'Periodo',
  periods: { '7d': 'Últimos 7 días', '30d': 'Últimos 30 días', '90d': 'Últimos 90 días', all: 'Todo' },
  previous: { '7d': 'los 7 días anteriores', '30d': 'los 30 días anteriores', '90d': 'los 90 días anteriores' },
  lane: 'El recorrido',
  afterLane: 'Después del servicio',
  stages: { during: 'Durante', after: 'Después del servicio' },
  answers: (n, x) => (n === 1 ? '1 respuesta' : `${x} respuestas`),
  noAnswers: 'Aún sin respuestas',
  notAnswered: 'Sin respuesta',
  effort: 'Puntuación de esfuerzo',
  effortOf: (mean) => `${mean} de 7`,
  easy: (share) => `al ${share} le resultó fácil`,
  emotion: 'Emoción',
  emotionMix: 'Mezcla de emociones',
  net: 'Emoción neta',
  trend: (what, direction, amount, since) =>
    direction === 'flat'
      ? `${what}: sin cambios respecto a ${since}`
      : `${what}: ${direction === 'up' ? 'sube' : 'baja'} ${amount} respecto a ${since}`,
  trendNote: (since) => `Las flechas comparan con ${since}.`,
  moment: 'Momento de la verdad',
  comments: 'Últimos comentarios negativos',
  commentsOf: (touchpoint) => `en ${touchpoint}`,
  noComments: 'Sin comentarios negativos escritos.',
  actFirst: (list) => `Actúa primero en: ${list}.`,
  noMoments: 'Ningún momento de la verdad en este periodo.',
  threshold: (min, easy) =>
    `Un punto de contacto es un momento de la verdad cuando tiene al menos ${min} respuestas y a menos del ${easy} le resultó fácil, o más clientes se sintieron mal que bien.`,
  table: 'El recorrido en cifras',
  columns: {
    touchpoint: 'Punto de contacto',
    stage: 'Etapa',
    answers: 'Respuestas',
    effort: 'Puntuación de esfuerzo (de 7)',
    easy: 'Le resultó fácil',
    hard: 'Le resultó difícil',
    net: 'Emoción neta',
    effortChange: 'Cambio de esfuerzo',
    netChange: 'Cambio de emoción neta',
    moment: 'Momento de la verdad',
  },
  yes: 'Sí',
  no: 'No',
  download: 'Descargar CSV',
  loading: 'Cargando el recorrido…',
  empty: 'Aún no hay respuestas en este periodo.',
  skippedAnswers: (n, x) => (n === 1 ? 'Se omitió 1 respuesta: no es una respuesta válida.' : `Se omitieron ${x} respuestas: no son respuestas válidas.`),
  skippedTouchpoints: (n, x) =>
    n === 1 ? 'Se omitió 1 punto de contacto del resumen: no se pudo leer.' : `Se omitieron ${x} puntos de contacto del resumen: no se pudieron leer.`,
  more: (shown, all) => `Se muestran los primeros ${shown} de ${all} puntos de contacto; el CSV los tiene todos.`,
  errors: {
    source: 'Indica en el atributo source la URL de un resumen o de una lista de respuestas.',
    network: 'No se pudo contactar con la fuente.',
    http: 'La fuente respondió con un error.',
    json: 'La fuente no envió JSON.',
    shape: 'La fuente no envió ni un resumen ni una lista de respuestas.',
  },
  status: (code) => `(HTTP ${code})`,
};
export default es;
