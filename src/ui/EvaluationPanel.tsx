import { lazy, Suspense, useState } from 'react';
import { clipsInCell, neverAnsweredNote } from '../shared/evaluate-folder';
import { EMOTION_LABELS } from '../core/labels';
import { ConfusionMatrix } from './ConfusionMatrix';
import { PersonGroups } from './PersonGroups';
import { pct } from './palette';
import { FolderRunTitle } from './FolderRunTitle';
import { FolderClipButton } from './FolderClipButton';
import { useAppStore } from './store-context';

/** recharts is only needed here, so a single clip's page never loads or parses it. */
const EvaluationChart = lazy(() => import('./EvaluationChart').then((m) => ({ default: m.EvaluationChart })));

/** A labelled folder's evaluation: progress, one confusion matrix per model with metrics, failures. */
export function EvaluationPanel() {
  const ev = useAppStore((s) => s.evaluation);
  const [chosen, setChosen] = useState<string | null>(null);
  const [cell, setCell] = useState<[number, number] | null>(null);
  const [view, setView] = useState<'alone' | 'calibrated'>('alone');
  if (ev.phase === 'idle') return null;
  const calibrated = view === 'calibrated' ? ev.report?.calibrated : undefined;
  const byModel = calibrated ? calibrated.models : (ev.report?.models ?? {});
  const models = Object.keys(byModel);
  // Opens on emolens's answer (the report's ensemble), not on whichever model comes first.
  const answer = (calibrated ? calibrated.ensemble : ev.report?.ensemble)?.name;
  const model = chosen !== null && models.includes(chosen) ? chosen : answer && models.includes(answer) ? answer : (models[0] ?? null);
  const metrics = model ? byModel[model] : undefined;
  const neverAnswered = neverAnsweredNote(ev.outcomes.map((o) => o.label));
  const cellClips = model && cell ? clipsInCell(calibrated ? ev.calibratedOutcomes : ev.outcomes, model, cell[0], cell[1]) : [];
  return (
    <section className="panel" data-testid="evaluation" data-phase={ev.phase} data-done={ev.done} data-total={ev.total}>
      <div className="panel-head">
        <FolderRunTitle title="Folder evaluation" />
        {ev.report?.calibrated && (
          <label className="muted">
            Clips{' '}
            <select data-testid="calibration-view" value={view} onChange={(e) => setView(e.target.value as typeof view)}>
              <option value="alone">each alone</option>
              <option value="calibrated">calibrated per person</option>
            </select>
          </label>
        )}
        {models.length > 0 && (
          <label className="muted">
            Model{' '}
            <select data-testid="model-select" value={model ?? ''} onChange={(e) => setChosen(e.target.value)}>
              {models.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
          </label>
        )}
      </div>
      <progress max={Math.max(1, ev.total)} value={ev.done} aria-label="clips evaluated" />
      {ev.phase === 'canceled' && (
        <p className="notice notice-info" data-testid="evaluation-canceled" role="status">
          Evaluation canceled after {ev.done} of {ev.total} clips. The matrices and metrics cover those {ev.done} clips only.
        </p>
      )}
      {ev.labelsFrom === 'folders' && (
        <p className="muted small" data-testid="labels-from" data-source="folders">
          No labels file: each clip is labelled by the folder it is in (happiness/clip.mp4)
          {ev.labelsDatasets.length > 0 && `, or by its file name as ${ev.labelsDatasets.join(' and ')} name their clips`}.
        </p>
      )}
      {neverAnswered && (
        <p className="notice notice-info" data-testid="never-answered" role="status">
          {neverAnswered}
        </p>
      )}
      {ev.labelErrors.length > 0 && (
        <details className="notice notice-info" data-testid="label-errors" open>
          <summary>
            {ev.labelsFrom === 'folders'
              ? `${ev.labelErrors.length} clip(s) left out: neither their folders nor their names give one of the seven emotions`
              : `${ev.labelErrors.length} line(s) of ${ev.labelsFrom} skipped`}
          </summary>
          <ul>
            {ev.labelErrors.map((e) => (
              <li key={e.message}>{e.message}</li>
            ))}
          </ul>
        </details>
      )}
      {ev.report?.calibrated && <PersonGroups groups={ev.report.calibrated.groups} clips={ev.report.clips} />}
      <div data-testid="confusion-matrix" data-model={model ?? ''} data-clips={ev.done} data-view={calibrated ? 'calibrated' : 'alone'}>
        {metrics ? (
          <div className="eval-grid">
            <div className="table-wrap">
              <ConfusionMatrix counts={metrics.confusion} active={cell} onCell={(t, p) => setCell([t, p])} />
              <UnansweredNote count={metrics.unanswered.reduce((a, b) => a + b, 0)} />
            </div>
            <dl className="metrics" data-testid="evaluation-metrics">
              <dt>accuracy</dt>
              <dd data-testid="metric-accuracy">{pct(metrics.accuracy)}</dd>
              <dt>weighted F1</dt>
              <dd data-testid="metric-weighted-f1">{metrics.weightedF1.toFixed(3)}</dd>
              <dt>MeanAcc ± Std</dt>
              <dd>
                {pct(metrics.meanAcc)} ± {pct(metrics.stdAcc)}
              </dd>
            </dl>
          </div>
        ) : (
          <p className="muted">The matrix fills in as clips finish.</p>
        )}
      </div>
      {ev.phase === 'running' ? (
        // Drawn once the run stops: mounting recharts costs a 50–100 ms task, and the next clip would be playing.
        models.length > 0 && <p className="muted" data-testid="evaluation-chart-pending">The per-model chart appears when the folder is done.</p>
      ) : (
        <Suspense fallback={null}>
          <EvaluationChart report={ev.report} />
        </Suspense>
      )}
      {cell && model && (
        <div data-testid="cell-clips">
          <h3>
            Labelled {EMOTION_LABELS[cell[0]]}, predicted {EMOTION_LABELS[cell[1]]} ({model}{calibrated ? ', calibrated' : ''})
          </h3>
          <ul>
            {cellClips.map((f) => (
              <li key={f}>
                <FolderClipButton file={f} />
              </li>
            ))}
          </ul>
        </div>
      )}
      {(ev.report?.failures.length ?? 0) > 0 && (
        <div data-testid="evaluation-failures">
          <h3>Clips that failed (counted as wrong)</h3>
          <ul>
            {ev.report!.failures.map((f) => (
              <li key={f.file}>
                <strong>{f.file}</strong>: {f.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** Clips the model gave no answer for: counted wrong in the metrics, in no column of the matrix (nothing was predicted). */
function UnansweredNote({ count }: { count: number }) {
  if (count === 0) return null;
  return (
    <p className="muted" data-testid="unanswered-clips" data-count={count}>
      {count === 1 ? '1 clip' : `${count} clips`} without an answer from this model (failed or not analysed): counted as wrong, in no column.
    </p>
  );
}
