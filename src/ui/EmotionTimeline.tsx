import { memo, useEffect, useMemo, useRef, useState, type PointerEvent, type RefObject } from 'react';
import { EMOTION_LABELS } from '../core/labels';
import type { TimelinePoint } from '../shared/track-view';
import { EMOTION_STYLE } from './palette';
import { nearestPointIndex, timeAtPx, timeLabel, timelineGeometry } from './timeline-geometry';

const HEIGHT = 220;

/**
 * The element's content width from a ResizeObserver; null until its first report. Reading
 * clientWidth on mount instead would force a layout of the whole freshly rendered page inside
 * the render task (measured: 56 ms, the run's longest task).
 */
function useWidth(ref: RefObject<HTMLElement | null>): number | null {
  const [width, setWidth] = useState<number | null>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      const w = Math.round(entry?.contentRect.width ?? 0);
      if (w > 0) setWidth(w);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/** A short sample of each emotion's line, with its name (colour and dashes, never colour alone). */
const Legend = memo(function Legend() {
  return (
    <ul className="timeline-legend">
      {EMOTION_LABELS.map((l) => (
        <li key={l}>
          <svg width="22" height="8" aria-hidden>
            <line x1="1" y1="4" x2="21" y2="4" stroke={EMOTION_STYLE[l].colour} strokeDasharray={EMOTION_STYLE[l].dash} strokeWidth="2" />
          </svg>
          {l}
        </li>
      ))}
    </ul>
  );
});

/**
 * The 7 emotion probabilities of one track over time, as plain SVG: one polyline per emotion
 * (colour and dash per emotion), decimated to the pixel width. Hovering shows the values at the
 * nearest analysed frame. Rendering it costs a millisecond or two, so it follows the analysis live
 * without a long main-thread task (see timeline-geometry.ts for why it is not recharts).
 */
export const EmotionTimeline = memo(function EmotionTimeline({ points }: { points: readonly TimelinePoint[] }) {
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  return (
    <div className="timeline" data-testid="emotion-timeline" data-points={points.length} ref={box}>
      {width === null ? <div style={{ height: HEIGHT }} /> : <Chart points={points} width={width} />}
      <Legend />
    </div>
  );
});

/** The SVG at a known width, with the hover read-out. */
function Chart({ points, width }: { points: readonly TimelinePoint[]; width: number }) {
  const geometry = useMemo(() => timelineGeometry(points, width, HEIGHT), [points, width]);
  const [hoverT, setHoverT] = useState<number | null>(null);
  const hovered = hoverT === null ? -1 : nearestPointIndex(points, hoverT);
  const { plot } = geometry;

  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    setHoverT(timeAtPx(geometry, e.clientX - rect.left));
  };

  const point = points[hovered];
  const hoverX = point ? plot.left + ((point.tSec - geometry.tMinSec) / (geometry.tMaxSec - geometry.tMinSec)) * (plot.right - plot.left) : 0;
  return (
    <>
      <svg
        className="timeline-chart"
        width={width}
        height={HEIGHT}
        role="img"
        aria-label="Emotion probabilities (0 to 1) of this track at each analysed frame, one line per emotion"
        onPointerMove={onPointerMove}
        onPointerLeave={() => setHoverT(null)}
      >
        <g className="timeline-grid">
          {geometry.yTicks.map((t) => (
            <line key={`y${t.label}`} x1={plot.left} x2={plot.right} y1={t.px} y2={t.px} />
          ))}
          {geometry.xTicks.map((t) => (
            <line key={`x${t.label}`} x1={t.px} x2={t.px} y1={plot.top} y2={plot.bottom} />
          ))}
        </g>
        <g className="timeline-axis">
          {geometry.yTicks.map((t) => (
            <text key={t.label} x={plot.left - 6} y={t.px} textAnchor="end" dominantBaseline="middle">
              {t.label}
            </text>
          ))}
          {geometry.xTicks.map((t) => (
            <text key={t.label} x={t.px} y={plot.bottom + 6} textAnchor="middle" dominantBaseline="hanging">
              {t.label}
            </text>
          ))}
        </g>
        {EMOTION_LABELS.map((l, i) => (
          <polyline
            key={l}
            className="timeline-line"
            data-emotion={l}
            points={geometry.lines[i]}
            stroke={EMOTION_STYLE[l].colour}
            strokeDasharray={EMOTION_STYLE[l].dash || undefined}
          />
        ))}
        {point && <line className="timeline-cursor" x1={hoverX} x2={hoverX} y1={plot.top} y2={plot.bottom} />}
      </svg>
      {point && (
        <div className="timeline-readout" data-testid="timeline-readout" style={{ left: Math.min(hoverX + 8, Math.max(0, width - 150)) }}>
          <strong>{timeLabel(point.tSec)}</strong>
          {EMOTION_LABELS.map((l, i) => ({ l, p: point.probs[i] ?? 0 }))
            .sort((a, b) => b.p - a.p)
            .map(({ l, p }) => (
              <span key={l}>
                <span className="swatch" style={{ background: EMOTION_STYLE[l].colour }} aria-hidden /> {l} {p.toFixed(2)}
              </span>
            ))}
        </div>
      )}
    </>
  );
}
