import type { Period } from '../period.js';
import type { Direction, Trend } from '../trend.js';
import type { Words } from './props.js';

export const ARROWS: Record<Direction, string> = { up: '↑', down: '↓', flat: '→' };

interface Props extends Words {
  trend: Trend | null;
  /** The measure's name, for the sentence read out: "Effort score up 0.4 compared with …". */
  what: string;
  digits: number;
  period: Period;
}

/** An arrow and the change, coloured; the arrow's shape and a hidden sentence carry it without colour. */
export function TrendMark({ t, f, trend, what, digits, period }: Props) {
  if (!trend || period === 'all') return null;
  const amount = f.fixed(Math.abs(trend.delta), digits);
  return (
    <span class={`trend ${trend.direction}`} part="trend">
      <span aria-hidden="true">
        {ARROWS[trend.direction]}
        {trend.direction === 'flat' ? '' : ` ${amount}`}
      </span>
      <span class="vh">{t.trend(what, trend.direction, amount, t.previous[period])}</span>
    </span>
  );
}
