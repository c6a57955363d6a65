import type { Emotion } from '../answer.js';

/** Words every Touchpoint element shares; one file per language implements it, so a missing key fails the build. */
export interface Words {
  /** Effort labels, index 0 = 1 = very difficult. */
  effort5: readonly [string, string, string, string, string];
  effort7: readonly [string, string, string, string, string, string, string];
  emotions: Readonly<Record<Emotion, string>>;
}
