import words from '../../../core/i18n/ar.js';
import type { FeedbackStrings } from './strings.js';

// Modern Standard Arabic, worded so that it never has to address the customer as a man or a woman.
const ar: FeedbackStrings = {
  ...words,
  effortQuestion: 'ما مدى سهولة الأمر؟',
  emotionQuestion: 'كيف كان شعورك؟',
  commentQuestion: 'هل من إضافة؟',
  optional: 'اختياري',
  send: 'إرسال',
  close: 'إغلاق',
  launcher: 'ما رأيك؟',
  dialog: 'رأيك',
  needAnswer: 'يُرجى اختيار إجابة أولًا.',
  saved: 'حُفظت إجابتك وستُرسَل.',
  sending: 'جارٍ الإرسال…',
  sent: 'تم الإرسال.',
  failed: 'تعذّر التسليم.',
  full: 'لا يتّسع المكان لمزيد من الإجابات حاليًا. يُرجى المحاولة لاحقًا.',
  thanks: 'شكرًا لك!',
  already: 'شكرًا، لقد وصلتنا إجابتك من قبل.',
};
export default ar;
