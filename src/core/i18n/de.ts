import type { Words } from './words.js';

const de: Words = {
  effort7: ['Sehr schwierig', 'Schwierig', 'Eher schwierig', 'Weder einfach noch schwierig', 'Eher einfach', 'Einfach', 'Sehr einfach'],
  emotions: {
    frustrated: 'Frustriert',
    disappointed: 'Enttäuscht',
    indifferent: 'Gleichgültig',
    satisfied: 'Zufrieden',
    delighted: 'Begeistert',
  },
};
export default de;
