import { memo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { EMOTION_LABELS } from '../core/labels';
import type { TimelinePoint } from '../app/track-views';
import { EMOTION_STYLE } from './palette';

/**
 * The 7 emotion probabilities of one track over time (one line each, colour and dash per emotion).
 * Memoised: the chart is the costliest render on the page, so it runs only when its points change.
 */
export const EmotionTimeline = memo(function EmotionTimeline({ points }: { points: readonly TimelinePoint[] }) {
  const data = points.map((p) => Object.fromEntries([['t', p.tSec], ...EMOTION_LABELS.map((l, i) => [l, p.probs[i] ?? 0])]));
  return (
    <div className="timeline" data-testid="emotion-timeline" data-points={points.length}>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={data} margin={{ top: 8, right: 12, bottom: 4, left: -16 }}>
          <CartesianGrid stroke="#e6e8eb" />
          <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} tickFormatter={(t: number) => `${Number(t.toFixed(2))}s`} allowDecimals fontSize={12} />
          <YAxis domain={[0, 1]} ticks={[0, 0.5, 1]} fontSize={12} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(2) : String(v))} labelFormatter={(t) => `${Number(t).toFixed(2)} s`} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {EMOTION_LABELS.map((l) => (
            <Line
              key={l}
              dataKey={l}
              stroke={EMOTION_STYLE[l].colour}
              strokeDasharray={EMOTION_STYLE[l].dash}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
});
