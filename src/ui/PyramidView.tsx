import { memo, useDeferredValue, type CSSProperties } from 'react';
import { EMOTION_LABELS } from '../core/labels';
import type { PyramidCell } from '../shared/track-view';
import { EMOTION_STYLE, pct } from './palette';
import { useAppStore } from './store-context';

const NO_ROWS: readonly PyramidCell[][] = [];
const SHORT: Record<string, string> = { anger: 'ang', disgust: 'dis', fear: 'fea', happiness: 'hap', neutrality: 'neu', sadness: 'sad', surprise: 'sur' };

/**
 * One segment: a bar per emotion for its mean over a grey band from min to max, and the top label.
 * Each emotion is a single element whose two gradients (styles.css, .pyr-col) draw bar and band
 * from three custom properties: new values restyle ~100 elements without a layout.
 */
function Cell({ cell }: { cell: PyramidCell }) {
  const title = EMOTION_LABELS.map((l, i) => `${l}: min ${pct(cell.min[i]!)} · mean ${pct(cell.mean[i]!)} · max ${pct(cell.max[i]!)}`).join('\n');
  return (
    <div className="pyr-cell" data-level={cell.level} data-segment={cell.index} data-mean={JSON.stringify(cell.mean)} title={`${cell.tStart.toFixed(1)}–${cell.tEnd.toFixed(1)} s, ${cell.frames} frames\n${title}`}>
      <div className="pyr-bars" aria-hidden>
        {EMOTION_LABELS.map((l, i) => (
          <span key={l} className="pyr-col" style={{ '--min': cell.min[i], '--max': cell.max[i], '--mean': cell.mean[i], '--colour': EMOTION_STYLE[l].colour } as CSSProperties} />
        ))}
      </div>
      <span className="pyr-top">{SHORT[cell.top]}</span>
    </div>
  );
}

/** Temporal-pyramid levels 0–3 (§4.2) of the shown track: rows of segments with min/mean/max per emotion. */
export function PyramidView() {
  // Low priority (time-sliced by React), like the track detail; the cells (~130 elements) mount one
  // pass after the panel, so a new pyramid never lengthens the task that delivered it.
  const view = useDeferredValue(useAppStore((s) => s.analysis.trackView), null);
  const pyramid = useDeferredValue(view?.pyramid, NO_ROWS);
  if (!view) return null;
  return (
    <section className="panel" data-testid="pyramid-view" data-track-id={view.trackId}>
      <h2>
        Temporal pyramid <span className="muted">track #{view.trackId} · levels 0–3</span>
      </h2>
      <p className="muted small">
        Each cell is one time segment: bars are the mean probability of each emotion ({EMOTION_LABELS.map((l) => SHORT[l]).join(', ')}), the
        grey band spans min to max; the label is the top mean.
      </p>
      <PyramidRows pyramid={pyramid ?? NO_ROWS} />
    </section>
  );
}

/** The rows of cells; memoised, so only a new pyramid (at most once a second while frames stream in) re-renders them. */
const PyramidRows = memo(function PyramidRows({ pyramid }: { pyramid: readonly PyramidCell[][] }) {
  return (
    <div className="pyramid">
      {pyramid.map((row, level) => (
        <div key={level} className="pyr-row" data-level={level}>
          <span className="pyr-level">L{level}</span>
          <div className="pyr-cells" style={{ gridTemplateColumns: `repeat(${row.length}, 1fr)` }}>
            {row.map((cell) => (
              <Cell key={cell.index} cell={cell} />
            ))}
          </div>
        </div>
      ))}
    </div>
  );
});
