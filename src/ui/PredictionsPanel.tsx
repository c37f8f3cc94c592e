import { EMOTION_LABELS } from '../core/labels';
import { ROLLING_WINDOW_SEC } from '../app/frame-publisher';
import { pct } from './palette';
import { useAppStore } from './store-context';

/** The clip-level answer of every model in the report (frame average, temporal models, ensembles). */
export function PredictionsPanel() {
  const predictions = useAppStore((s) => s.analysis.predictions);
  const warnings = useAppStore((s) => s.analysis.warnings);
  const phase = useAppStore((s) => s.video.phase);
  const live = useAppStore((s) => s.video.source === 'webcam');
  const rolling = useAppStore((s) => {
    const main = s.analysis.vote?.winnerId;
    return main === null || main === undefined ? undefined : s.analysis.trackEmotions[main];
  });
  const mainId = useAppStore((s) => s.analysis.vote?.winnerId ?? null);
  // On the camera there is no end of clip: show the main track's emotion over the last seconds.
  const shown = live && rolling ? { [`main track #${mainId}, last ${ROLLING_WINDOW_SEC} s`]: rolling } : predictions;
  return (
    <section className="panel" data-testid="predictions">
      <h2>Clip emotion</h2>
      {warnings.map((w) => (
        <p key={w} className="notice notice-info" data-testid="result-warning">
          {w}
        </p>
      ))}
      {Object.keys(shown).length === 0 && warnings.length === 0 && (
        <p className="muted">{phase === 'done' ? 'No prediction.' : 'Appears when the whole clip has been analysed.'}</p>
      )}
      <div className="predictions">
        {Object.entries(shown).map(([model, p]) => (
          <div key={model} className="prediction" data-model={model} data-label={p.label} data-probs={JSON.stringify(p.probs)}>
            <p className="prediction-head">
              <span className="muted">{model}</span> <strong>{p.label}</strong>
            </p>
            <div className="bars">
              {EMOTION_LABELS.map((label, i) => (
                <div key={label} className={`bar-row${label === p.label ? ' bar-win' : ''}`}>
                  <span className="bar-label">{label}</span>
                  <span className="bar-track">
                    <span className="bar" style={{ width: `${(p.probs[i] ?? 0) * 100}%` }} />
                  </span>
                  <span className="bar-value">{pct(p.probs[i] ?? 0)}</span>
                </div>
              ))}
            </div>
          </div>
        ))}
      </div>
    </section>
  );
}
