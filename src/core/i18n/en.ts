import type { Words } from './words.js';

const en: Words = {
  effort7: ['Very difficult', 'Difficult', 'Somewhat difficult', 'Neither easy nor difficult', 'Somewhat easy', 'Easy', 'Very easy'],
  emotions: {
    frustrated: 'Frustrated',
    disappointed: 'Disappointed',
    indifferent: 'Indifferent',
    satisfied: 'Satisfied',
    delighted: 'Delighted',
  },
};
export default en;
