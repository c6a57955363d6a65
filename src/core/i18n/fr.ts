import type { Words } from './words.js';

// Emotions as nouns so the French stays gender-neutral ("Frustration", not "Frustré(e)").
const fr: Words = {
  effort7: ['Très difficile', 'Difficile', 'Plutôt difficile', 'Ni facile ni difficile', 'Plutôt facile', 'Facile', 'Très facile'],
  emotions: {
    frustrated: 'Frustration',
    disappointed: 'Déception',
    indifferent: 'Indifférence',
    satisfied: 'Satisfaction',
    delighted: 'Enthousiasme',
  },
};
export default fr;
