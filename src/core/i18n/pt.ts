import type { Words } from './words.js';

// Emotions as nouns so the Portuguese stays gender-neutral ("Frustração", not "Frustrado/a"),
// and words shared by Portugal and Brazil ("Desilusão": "deceção"/"decepção" differ).
const pt: Words = {
  effort7: ['Muito difícil', 'Difícil', 'Relativamente difícil', 'Nem fácil nem difícil', 'Relativamente fácil', 'Fácil', 'Muito fácil'],
  emotions: {
    frustrated: 'Frustração',
    disappointed: 'Desilusão',
    indifferent: 'Indiferença',
    satisfied: 'Satisfação',
    delighted: 'Entusiasmo',
  },
};
export default pt;
