import { effortOn7, type Answer, type Emotion } from '../../core/answer.js';
import en from '../../core/i18n/en.js';

/** An effort answer in the widget's English words; on the 5-point scale, the nearest 7-point label away from the middle. */
export function effortWords(a: Pick<Answer, 'effort' | 'effortScale'>): string | null {
  if (a.effort === null) return null;
  const e7 = effortOn7(a.effort, a.effortScale);
  return en.effort7[(e7 < 4 ? Math.floor(e7) : Math.ceil(e7)) - 1].toLowerCase();
}

export const emotionWords = (e: Emotion): string => en.emotions[e].toLowerCase();
