import type { Words } from './words.js';

const en: Words = {
  effort5: ['Very difficult', 'Difficult', 'Neither easy nor difficult', 'Easy', 'Very easy'],
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
