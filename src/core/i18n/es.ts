import type { Words } from './words.js';

// Emotions as nouns so the Spanish stays gender-neutral ("Frustración", not "Frustrado/a").
const es: Words = {
  effort7: ['Muy difícil', 'Difícil', 'Algo difícil', 'Ni fácil ni difícil', 'Algo fácil', 'Fácil', 'Muy fácil'],
  emotions: {
    frustrated: 'Frustración',
    disappointed: 'Decepción',
    indifferent: 'Indiferencia',
    satisfied: 'Satisfacción',
    delighted: 'Entusiasmo',
  },
};
export default es;
