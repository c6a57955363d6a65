import words from '../../core/i18n/ar.js';
import type { JourneyStrings } from './strings.js';

const rules = new Intl.PluralRules('ar');
/** Numbers written into the text, as the journey formats its own. */
const number = new Intl.NumberFormat('ar');
/** The form for `count`: zero, one, two, few (3–10), many (11–99), other (100, 101, 102…). */
const plural = (count: number, forms: Record<Intl.LDMLPluralRule, string>) => forms[rules.select(count)];

// `previous` follows the preposition بـ ("مقارنةً بالأيام السبعة السابقة"), so it is in the genitive.
const ar: JourneyStrings = {
  ...words,
  title: 'رحلة العميل',
  period: 'الفترة',
  periods: {
    '7d': `آخر ${number.format(7)} أيام`,
    '30d': `آخر ${number.format(30)} يومًا`,
    '90d': `آخر ${number.format(90)} يومًا`,
    all: 'منذ البداية',
  },
  previous: { '7d': 'الأيام السبعة السابقة', '30d': 'الأيام الثلاثين السابقة', '90d': 'الأيام التسعين السابقة' },
  lane: 'الرحلة',
  afterLane: 'بعد الخدمة',
  stages: { during: 'أثناء الخدمة', after: 'بعد الخدمة' },
  answers: (n, x) =>
    plural(n, { zero: 'لا توجد إجابات', one: 'إجابة واحدة', two: 'إجابتان', few: `${x} إجابات`, many: `${x} إجابة`, other: `${x} إجابة` }),
  noAnswers: 'لا توجد إجابات بعد',
  notAnswered: 'بلا إجابة',
  effort: 'درجة الجهد',
  effortOf: (mean) => `${mean} من ${number.format(7)}`,
  easy: (share) => `وجده ${share} سهلًا`,
  emotion: 'الشعور',
  emotionMix: 'توزيع المشاعر',
  net: 'صافي الشعور',
  trend: (what, direction, amount, since) =>
    direction === 'flat'
      ? `${what}: دون تغيير مقارنةً ب${since}`
      : `${what}: ${direction === 'up' ? 'ارتفاع' : 'انخفاض'} بمقدار ${amount} مقارنةً ب${since}`,
  trendNote: (since) => `تُظهر الأسهم التغيّر مقارنةً ب${since}.`,
  moment: 'لحظة الحقيقة',
  comments: 'أحدث التعليقات السلبية',
  commentsOf: (touchpoint) => `في ${touchpoint}`,
  noComments: 'لا توجد تعليقات سلبية مكتوبة.',
  openInInbox: 'فتح في صندوق الوارد',
  actFirst: 'الأولوية للتحرّك، من الأكثر إلحاحًا:',
  why: (touchpoint, answers, reasons) => `${touchpoint}: ${answers}؛ ${reasons}.`,
  hardReason: (share, high) => `وجدها أقل من نصف العملاء سهلة (${share}، و${high} على الأكثر)`,
  badReason: (net, high) => `شعر عدد أكبر من العملاء بالاستياء مقارنةً بالرضا (صافي الشعور ${net}، و${high} على الأكثر)`,
  undecided: (list) => `الإجابات ما زالت أقل من أن تسمح بالحكم: ${list}.`,
  tooFew: 'الإجابات أقل من أن تسمح بالحكم',
  range: (low, high) => `على الأرجح بين ${low} و${high}`,
  noMoments: 'لا توجد لحظات حقيقة في هذه الفترة.',
  threshold: (min, easy) =>
    `تُعدّ نقطة التواصل لحظة حقيقة إذا تلقّت ما لا يقل عن ${min} من الإجابات، وثبت بثقة 95٪ أن أقل من ${easy} من العملاء وجدوها سهلة أو أن المشاعر السلبية تغلب على الإيجابية.`,
  table: 'الرحلة بالأرقام',
  columns: {
    touchpoint: 'نقطة التواصل',
    stage: 'المرحلة',
    answers: 'الإجابات',
    effort: `درجة الجهد (من ${number.format(7)})`,
    easy: 'وجدوها سهلة',
    hard: 'وجدوها صعبة',
    net: 'صافي الشعور',
    effortChange: 'تغيّر درجة الجهد',
    netChange: 'تغيّر صافي الشعور',
    moment: 'لحظة الحقيقة',
  },
  yes: 'نعم',
  no: 'لا',
  download: 'تنزيل ملف CSV',
  loading: 'جارٍ تحميل الرحلة…',
  empty: 'لا توجد إجابات في هذه الفترة بعد.',
  skippedAnswers: (n, x) =>
    plural(n, {
      zero: 'لم يتم تجاهل أي إجابة.',
      one: 'تم تجاهل إجابة واحدة لأنها غير صالحة.',
      two: 'تم تجاهل إجابتين لأنهما غير صالحتين.',
      few: `تم تجاهل ${x} إجابات لأنها غير صالحة.`,
      many: `تم تجاهل ${x} إجابة لأنها غير صالحة.`,
      other: `تم تجاهل ${x} إجابة لأنها غير صالحة.`,
    }),
  skippedTouchpoints: (n, x) =>
    plural(n, {
      zero: 'لم يتم تجاهل أي نقطة تواصل.',
      one: 'تعذّرت قراءة نقطة تواصل واحدة في الملخص، فتم تجاهلها.',
      two: 'تعذّرت قراءة نقطتَي تواصل في الملخص، فتم تجاهلهما.',
      few: `تعذّرت قراءة ${x} نقاط تواصل في الملخص، فتم تجاهلها.`,
      many: `تعذّرت قراءة ${x} نقطة تواصل في الملخص، فتم تجاهلها.`,
      other: `تعذّرت قراءة ${x} نقطة تواصل في الملخص، فتم تجاهلها.`,
    }),
  more: (shown, all) => `تُعرض أول ${shown} من أصل ${all} من نقاط التواصل، ويتضمّنها ملف CSV جميعًا.`,
  errors: {
    source: 'يجب ضبط السمة source على عنوان URL لملخص أو لقائمة إجابات.',
    network: 'تعذّر الوصول إلى المصدر.',
    http: 'ردّ المصدر بخطأ.',
    json: 'لم يُرسل المصدر بيانات JSON.',
    shape: 'لم يُرسل المصدر ملخصًا ولا قائمة إجابات.',
  },
  status: (code) => `(HTTP ${code})`,
  notices: {
    title: 'الإشعارات وكيف شعر بها العملاء',
    severity: { info: 'معلومات', minor: 'اضطراب طفيف', major: 'اضطراب كبير', critical: 'الخدمة متوقفة', maintenance: 'صيانة مجدولة' },
    during: 'أثناء عرض الإشعار',
    outside: 'نقاط التواصل نفسها خارج فترته',
    comments: 'التعليقات أثناء عرضه',
    since: (from) => `منذ ${from}، مستمر`,
    between: (from, to) => `من ${from} إلى ${to}`,
    everywhere: 'جميع نقاط التواصل',
    caption: (title) => `كيف شعر العملاء بـ «${title}»`,
  },
};
export default ar;
