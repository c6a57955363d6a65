import type { Words } from './words.js';

// Emotions as nouns so the Arabic does not address the customer as a man or a woman.
const ar: Words = {
  effort7: ['صعب جدًا', 'صعب', 'صعب نوعًا ما', 'ليس سهلًا ولا صعبًا', 'سهل نوعًا ما', 'سهل', 'سهل جدًا'],
  emotions: {
    frustrated: 'إحباط',
    disappointed: 'خيبة أمل',
    indifferent: 'لامبالاة',
    satisfied: 'رضا',
    delighted: 'سعادة',
  },
};
export default ar;
