import words from '../../../core/i18n/en.js';
import type { WallStrings } from './strings.js';

const answers = (n: string, count: number) => `${n} ${count === 1 ? 'answer' : 'answers'}`;

const sentence = (clauses: (string | null)[]) => {
  const text = clauses.filter(Boolean).join('; ');
  return text && `${text}.`;
};

const en: WallStrings = {
  ...words,
  title: 'What customers told us',
  answers,
  basisLoaded: (n, count) => `Based on the ${answers(n, count)} loaded.`,
  shares: (hard, negative) =>
    sentence([hard && `${hard} found it hard`, negative && `${negative} felt frustrated or disappointed`]),
  effortHeading: 'How easy it was',
  scale: (points) => `On a ${points}-point scale`,
  noEffort: 'Nobody rated how easy it was yet.',
  emotionHeading: 'How it felt',
  noEmotion: 'Nobody said how it felt yet.',
  rating: 'Rating',
  count: 'Answers',
  share: 'Share',
  listHeading: 'Every answer, newest first',
  showing: (shown, total) => (total === null ? `Showing ${shown}` : `Showing ${shown} of ${total}`),
  where: 'Where',
  effort: 'Effort',
  feeling: 'Feeling',
  point: (point, scale) => `${point} of ${scale}`,
  reply: 'Our reply',
  more: 'Show more',
  loadingMore: 'Loading more…',
  loading: 'Loading answers…',
  empty: 'No answers yet',
  failed: 'The answers could not be loaded.',
  failedMore: 'More answers could not be loaded.',
  retry: 'Try again',
  skipped: (n, count) => `${n} ${count === 1 ? 'item' : 'items'} in the feed could not be read and ${count === 1 ? 'is' : 'are'} not shown.`,
  reasons: { 'personal-data': 'personal data', abusive: 'abusive', spam: 'spam', 'off-topic': 'off-topic', other: 'other' },
  commentWithheld: (reason) => `Comment withheld: ${reason}`,
  byReason: (n, _, reason) => `${n} ${reason}`,
  withheld: (n, count, reasons) => `${n} ${count === 1 ? 'comment' : 'comments'} withheld: ${reasons}`,
};
export default en;
