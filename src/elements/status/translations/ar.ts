import type { StatusStrings } from './strings.js';

// Modern Standard Arabic, as the other Arabic strings; the times come from Intl in Arabic.
const ar: StatusStrings = {
  severity: { info: 'معلومات', minor: 'اضطراب بسيط', major: 'اضطراب كبير', critical: 'الخدمة متوقفة', maintenance: 'صيانة مجدولة' },
  updated: (when) => `آخر تحديث ${when}`,
  posted: (when) => `نُشر ${when}`,
  until: (when) => `حتى ${when}`,
  more: 'مزيد من المعلومات',
  dismiss: (title) => `إغلاق: ${title}`,
  asOf: (when) => `المعلومات حتى الساعة ${when}.`,
};
export default ar;
