import words from '../../../core/i18n/ar.js';
import type { WallStrings } from './strings.js';

const rules = new Intl.PluralRules('ar');
/** Numbers written into the text, as the wall formats its own. */
const number = new Intl.NumberFormat('ar');
/** The form for `count`: zero, one, two, few (3–10), many (11–99), other (100, 101, 102…). */
const plural = (count: number, forms: Record<Intl.LDMLPluralRule, string>) => forms[rules.select(count)];

const answers = (n: string, count: number) =>
  plural(count, { zero: 'لا توجد إجابات', one: 'إجابة واحدة', two: 'إجابتان', few: `${n} إجابات`, many: `${n} إجابة`, other: `${n} إجابة` });

const ar: WallStrings = {
  ...words,
  title: 'ما قاله لنا العملاء',
  answers,
  basisLoaded: (n, count) =>
    plural(count, {
      zero: 'لم تُحمَّل أي إجابة بعد.',
      one: 'بناءً على الإجابة الوحيدة التي تم تحميلها.',
      two: 'بناءً على الإجابتين اللتين تم تحميلهما.',
      few: `بناءً على ${n} إجابات تم تحميلها.`,
      many: `بناءً على ${n} إجابة تم تحميلها.`,
      other: `بناءً على ${n} إجابة تم تحميلها.`,
    }),
  shares: (hard, negative) =>
    hard && negative
      ? `وجد ${hard} من العملاء الأمر صعبًا، وشعر ${negative} بالإحباط أو خيبة الأمل.`
      : hard
        ? `وجد ${hard} من العملاء الأمر صعبًا.`
        : negative
          ? `شعر ${negative} من العملاء بالإحباط أو خيبة الأمل.`
          : '',
  effortHeading: 'مدى السهولة',
  scale: (points) => `على مقياس من ${number.format(points)} نقاط`,
  noEffort: 'لم يقيّم أحد مدى السهولة بعد.',
  emotionHeading: 'الشعور',
  noEmotion: 'لم يذكر أحد شعوره بعد.',
  rating: 'التقييم',
  count: 'الإجابات',
  share: 'النسبة',
  listHeading: 'جميع الإجابات، الأحدث أولًا',
  showing: (shown, total) => (total === null ? `المعروض: ${shown}` : `المعروض: ${shown} من أصل ${total}`),
  where: 'المكان',
  effort: 'الجهد',
  feeling: 'الشعور',
  point: (point, scale) => `${number.format(point)} من ${number.format(scale)}`,
  reply: 'ردّنا',
  more: 'عرض المزيد',
  loadingMore: 'جارٍ تحميل المزيد…',
  loading: 'جارٍ تحميل الإجابات…',
  empty: 'لا توجد إجابات بعد',
  failed: 'تعذّر تحميل الإجابات.',
  failedMore: 'تعذّر تحميل مزيد من الإجابات.',
  retry: 'إعادة المحاولة',
  skipped: (n, count) =>
    plural(count, {
      zero: 'لم يُستبعد أي عنصر.',
      one: 'تعذّرت قراءة عنصر واحد في المصدر، لذا لا يُعرض.',
      two: 'تعذّرت قراءة عنصرين في المصدر، لذا لا يُعرضان.',
      few: `تعذّرت قراءة ${n} عناصر في المصدر، لذا لا تُعرض.`,
      many: `تعذّرت قراءة ${n} عنصرًا في المصدر، لذا لا تُعرض.`,
      other: `تعذّرت قراءة ${n} عنصر في المصدر، لذا لا تُعرض.`,
    }),
  reasons: { 'personal-data': 'بيانات شخصية', abusive: 'محتوى مسيء', spam: 'رسائل مزعجة', 'off-topic': 'خارج الموضوع', other: 'سبب آخر' },
  commentWithheld: (reason) => `لم يُنشر التعليق: ${reason}`,
  byReason: (n, _, reason) => `${reason} (${n})`,
  withheld: (n, count, reasons) =>
    `${plural(count, { zero: 'لا توجد تعليقات محجوبة', one: 'تعليق واحد لم يُنشر', two: 'تعليقان لم يُنشرا', few: `${n} تعليقات لم تُنشر`, many: `${n} تعليقًا لم يُنشر`, other: `${n} تعليق لم يُنشر` })}: ${reasons}`,
};
export default ar;
