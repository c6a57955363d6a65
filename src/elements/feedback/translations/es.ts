import words from '../../../core/i18n/es.js';
import type { FeedbackStrings } from './strings.js';

const es: FeedbackStrings = {
  ...words,
  effortQuestion: '¿Qué tan fácil te resultó?',
  emotionQuestion: '¿Cómo te hizo sentir?',
  commentQuestion: '¿Algo que quieras contarnos?',
  optional: 'opcional',
  send: 'Enviar',
  close: 'Cerrar',
  launcher: '¿Qué tal fue?',
  dialog: 'Tu opinión',
  needAnswer: 'Elige una respuesta o escribe un comentario.',
  saved: '¡Gracias! Tu respuesta está guardada y se enviará.',
  sending: '¡Gracias! Enviando tu respuesta…',
  sent: '¡Enviada, gracias!',
  failed: 'Gracias. No pudimos entregar tu respuesta.',
  full: 'Ahora no podemos recibir más respuestas. Inténtalo más tarde.',
  thanks: '¡Gracias!',
  already: 'Gracias, ya nos lo contaste.',
};
export default es;
