import type { Words } from './words.js';

// Emotions as nouns so the Italian stays gender-neutral ("Frustrazione", not "Frustrato/a").
const it: Words = {
  effort7: ['Molto difficile', 'Difficile', 'Abbastanza difficile', 'Né facile né difficile', 'Abbastanza facile', 'Facile', 'Molto facile'],
  emotions: {
    frustrated: 'Frustrazione',
    disappointed: 'Delusione',
    indifferent: 'Indifferenza',
    satisfied: 'Soddisfazione',
    delighted: 'Entusiasmo',
  },
};
export default it;
