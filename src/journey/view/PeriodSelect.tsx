import { PERIODS, type Period } from '../period.js';
import type { Words } from './props.js';

export function PeriodSelect({ t, period, onPeriod }: Words & { period: Period; onPeriod(period: string): void }) {
  return (
    <label class="period">
      {t.period}
      <select part="period" value={period} onChange={(e) => onPeriod(e.currentTarget.value)}>
        {PERIODS.map((p) => (
          <option key={p} value={p}>
            {t.periods[p]}
          </option>
        ))}
      </select>
    </label>
  );
}
