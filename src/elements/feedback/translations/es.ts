import words from '../../../core/i18n/es.js';
import type { FeedbackStrings } from './strings.js';

const es: FeedbackStrings = {
  ...words,
  effortQuestion: '¿Qué tan fácil te resultó?',
  emotionQuestion: '¿Cómo te hizo sentir?',
  commentQuestion: '¿Algo que añadir?',
  optional: 'opcional',
  send: 'Enviar',
  close: 'Cerrar',
  launcher: '¿Qué tal fue?',
  dialog: 'Tu opinión',
  needAnswer: 'Elige una respuesta primero.',
  saved: 'Guardada. Se enviará.',
  sending: 'Enviando…',
  sent: 'Enviada.',
  failed: 'No se pudo entregar.',
  full: 'Ahora no caben más respuestas. Prueba más tarde.',
  thanks: '¡Gracias!',
  already: 'Gracias, ya nos lo contaste.',
};
export default es;
