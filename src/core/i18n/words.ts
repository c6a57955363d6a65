import type { Emotion } from '../answer.js';

/** Words every Touchpoint element shares; one file per language implements it, so a missing key fails the build. */
export interface Words {
  /** Effort labels on the 7-point scale, index 0 = 1 = very difficult. The 5-point scale uses 1, 2, 4, 6 and 7 of them (effortLabels). */
  effort7: readonly [string, string, string, string, string, string, string];
  emotions: Readonly<Record<Emotion, string>>;
}

/** The names of the points of an effort scale: on 5 points, the 7-point names without the two "somewhat"s. */
export const effortLabels = (words: Words, scale: 5 | 7): readonly string[] => (scale == 5 ? [0, 1, 3, 5, 6].map((i) => words.effort7[i]) : words.effort7);
