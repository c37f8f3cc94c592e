import { EMOTION_LABELS } from '../core/labels';
import { useAppStore, useController } from './store-context';

/** FaceVoting per track (the paper's w_freq, w_size, w_prob) and the clip-level predictions. */
export function ResultsPanel() {
  const { vote, predictions, warnings } = useAppStore((s) => s.analysis);
  const phase = useAppStore((s) => s.video.phase);
  const controller = useController();
  if (phase === 'idle' || phase === 'opening') return null;
  return (
    <section className="panel results">
      {warnings.map((w) => (
        <p key={w} className="notice notice-info" data-testid="result-warning">
          {w}
        </p>
      ))}
      <div data-testid="vote-inspector">
        <h2>FaceVoting</h2>
        {vote && vote.votes.length > 0 ? (
          <table className="table">
            <thead>
              <tr>
                <th>track</th>
                <th>frames</th>
                <th title="frequency weight">w_freq</th>
                <th title="size weight">w_size</th>
                <th title="detection probability weight">w_prob</th>
                <th>vote</th>
              </tr>
            </thead>
            <tbody>
              {vote.votes.map((v) => (
                <tr key={v.id} data-track-id={v.id} data-winner={v.id === vote.winnerId} className={v.id === vote.winnerId ? 'winner' : ''}>
                  <td>
                    #{v.id}
                    {v.id === vote.winnerId ? ' ★ main' : ''}
                  </td>
                  <td>{v.appearances}</td>
                  <td>{v.wFreq.toFixed(3)}</td>
                  <td>{v.wSize.toFixed(3)}</td>
                  <td>{v.wProb.toFixed(3)}</td>
                  <td>{v.total.toFixed(3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">No face tracked yet.</p>
        )}
      </div>
      <div data-testid="predictions">
        <h2>Clip emotion</h2>
        {Object.entries(predictions).map(([model, p]) => (
          <div key={model} className="prediction" data-model={model} data-label={p.label}>
            <strong>{model}</strong>: {p.label}
            <div className="bars">
              {EMOTION_LABELS.map((label, i) => (
                <div key={label} className="bar-row">
                  <span className="bar-label">{label}</span>
                  <span className="bar" style={{ width: `${(p.probs[i] ?? 0) * 100}%` }} />
                  <span className="bar-value">{((p.probs[i] ?? 0) * 100).toFixed(0)}%</span>
                </div>
              ))}
            </div>
          </div>
        ))}
      </div>
      {phase === 'done' && (
        <button type="button" className="primary" data-testid="export-json" onClick={() => controller.exportJson()}>
          Export JSON
        </button>
      )}
    </section>
  );
}
