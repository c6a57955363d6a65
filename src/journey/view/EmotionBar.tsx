import { EMOTIONS, type Emotion } from '../../core/answer.js';
import type { Words } from './props.js';

/**
 * The emotion mix as one bar, always in the same order, frustrated to delighted, as the legend.
 * Screen readers get the counts as its label; the table has them too.
 */
export function EmotionBar({ t, emotions }: Pick<Words, 't'> & { emotions: Record<Emotion, number> }) {
  const label = EMOTIONS.map((e) => `${t.emotions[e]} ${emotions[e]}`).join(', ');
  return (
    <span class="bar" part="emotion-bar" role="img" aria-label={`${t.emotionMix}: ${label}`}>
      {EMOTIONS.filter((e) => emotions[e] > 0).map((e) => (
        // A CSSOM property, which a strict Content-Security-Policy allows, unlike a style attribute.
        <span key={e} class={e} style={{ flexGrow: emotions[e] }} />
      ))}
    </span>
  );
}

export function Legend({ t }: Pick<Words, 't'>) {
  return (
    <ul class="legend" part="legend" aria-label={t.emotionMix}>
      {EMOTIONS.map((e) => (
        <li key={e}>
          <span class={`swatch ${e}`} aria-hidden="true" />
          {t.emotions[e]}
        </li>
      ))}
    </ul>
  );
}
