import words from '../../../core/i18n/es.js';
import type { WallStrings } from './strings.js';

const answers = (n: string, count: number) => `${n} ${count === 1 ? 'respuesta' : 'respuestas'}`;

const sentence = (clauses: (string | null)[]) => {
  const text = clauses.filter(Boolean).join('; ');
  return text && `${text[0].toUpperCase()}${text.slice(1)}.`;
};

const es: WallStrings = {
  ...words,
  title: 'Lo que nos contaron',
  answers,
  basisLoaded: (n, count) => (count === 1 ? `Según la única respuesta cargada.` : `Según las ${answers(n, count)} cargadas.`),
  shares: (hard, negative) =>
    sentence([hard && `a un ${hard} le resultó difícil`, negative && `un ${negative} sintió frustración o decepción`]),
  effortHeading: 'Qué tan fácil fue',
  scale: (points) => `En una escala de ${points} puntos`,
  noEffort: 'Aún nadie valoró qué tan fácil fue.',
  emotionHeading: 'Cómo se sintieron',
  noEmotion: 'Aún nadie dijo cómo se sintió.',
  rating: 'Valoración',
  count: 'Respuestas',
  share: 'Porcentaje',
  listHeading: 'Todas las respuestas, las más recientes primero',
  showing: (shown, total) => (total === null ? `Mostrando ${shown}` : `Mostrando ${shown} de ${total}`),
  where: 'Dónde',
  effort: 'Esfuerzo',
  feeling: 'Sentimiento',
  point: (point, scale) => `${point} de ${scale}`,
  reply: 'Nuestra respuesta',
  more: 'Mostrar más',
  loadingMore: 'Cargando más…',
  loading: 'Cargando respuestas…',
  empty: 'Aún no hay respuestas',
  failed: 'No se pudieron cargar las respuestas.',
  failedMore: 'No se pudieron cargar más respuestas.',
  retry: 'Reintentar',
  skipped: (n, count) =>
    count === 1 ? 'Un elemento del feed no se pudo leer y no se muestra.' : `${n} elementos del feed no se pudieron leer y no se muestran.`,
  reasons: { 'personal-data': 'datos personales', abusive: 'ofensivo', spam: 'spam', 'off-topic': 'fuera de tema', other: 'otro motivo' },
  commentWithheld: (reason) => `Comentario no publicado: ${reason}`,
  byReason: (n, _, reason) => `${reason} (${n})`,
  withheld: (n, count, reasons) => `${n} ${count === 1 ? 'comentario no publicado' : 'comentarios no publicados'}: ${reasons}`,
};
export default es;
