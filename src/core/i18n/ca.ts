import type { Words } from './words.js';

// Emotions as nouns so the Catalan stays gender-neutral ("Frustració", not "Frustrat/ada").
const ca: Words = {
  effort7: ['Molt difícil', 'Difícil', 'Més aviat difícil', 'Ni fàcil ni difícil', 'Més aviat fàcil', 'Fàcil', 'Molt fàcil'],
  emotions: {
    frustrated: 'Frustració',
    disappointed: 'Decepció',
    indifferent: 'Indiferència',
    satisfied: 'Satisfacció',
    delighted: 'Entusiasme',
  },
};
export default ca;
