import { memo, useDeferredValue, useMemo } from 'react';
import { ROLLING_WINDOW_SEC } from '../app/frame-publisher';
import { namedAlternatives } from '../core/calibration/answer-confidence';
import { EMOTION_LABELS } from '../core/labels';
import type { ClipPrediction } from '../shared/analysis-report';
import type { AnswerHonesty, AnswerNote } from '../store/analysis-slice';
import { CalibrationNote } from './CalibrationNote';
import { kindOf } from './model-kind';
import { EMOTION_STYLE, pct } from './palette';
import { useAppStore } from './store-context';
import { BASELINE_KEYS, FRAME_AVERAGE, type PredictionKey } from '../shared/prediction-keys';

/** The headline when the report names no answer (no trained models): an ensemble, else the frame average. */
const HEADLINE_ORDER: readonly PredictionKey[] = ['audioVisual', 'average', FRAME_AVERAGE];

/**
 * All seven probabilities of the headline answer as labelled bars: for emolens's answer, after the
 * same calibration as the confidence the headline states (`answerProbs`), so the two agree; else as
 * the model gives them.
 */
function ProbabilityBars({ p, scaled }: { p: ClipPrediction; scaled: readonly number[] | null }) {
  const probs = scaled ?? p.probs;
  return (
    <div className="bars" data-testid="answer-bars" data-scaled={scaled !== null}>
      {EMOTION_LABELS.map((label, i) => (
        <div key={label} className={`bar-row${label === p.label ? ' bar-win' : ''}`}>
          <span className="bar-label">{label}</span>
          <span className="bar-track">
            <span className="bar" style={{ width: `${(probs[i] ?? 0) * 100}%` }} />
          </span>
          <span className="bar-value">{pct(probs[i] ?? 0)}</span>
        </div>
      ))}
    </div>
  );
}

/**
 * The answer in one line: one bold label when sure; the top two emotions, marked "uncertain", with
 * the reason when the confidence is under the threshold or the main face was seen too briefly.
 */
function HeadlineAnswer({ label, model, honesty }: { label: string; model: string; honesty: AnswerHonesty | null }) {
  if (!honesty?.uncertain || !honesty.uncertainty) {
    return (
      <p className="headline-answer" data-answer-model={model}>
        emolens thinks: <strong>{label}</strong>
        {honesty?.confidence != null && <span className="muted"> — {sureness(honesty.confidence)} ({pct(honesty.confidence)})</span>}
      </p>
    );
  }
  const named = namedAlternatives(honesty.uncertainty.topTwo).map((t) => `${t.label} ${pct(t.p)}`);
  return (
    <>
      <p className="headline-answer" data-testid="uncertain-answer" data-answer-model={model}>
        <span className="uncertain-tag">uncertain:</span> {named.join(' or ')}
      </p>
      <p className="muted">{honesty.uncertainty.reason}</p>
    </>
  );
}

/** How sure, in words, for a calibrated confidence. */
function sureness(confidence: number): string {
  return confidence >= 0.8 ? 'sure' : confidence >= 0.6 ? 'fairly sure' : 'not very sure';
}

/** One model's seven probabilities as a single stacked bar (colours match the timeline). */
function StackedBar({ p }: { p: ClipPrediction }) {
  return (
    <span className="stack" aria-hidden="true">
      {EMOTION_LABELS.map((label, i) => (
        <span key={label} title={`${label} ${pct(p.probs[i] ?? 0)}`} style={{ width: `${(p.probs[i] ?? 0) * 100}%`, background: EMOTION_STYLE[label].colour }} />
      ))}
    </span>
  );
}

/** The clip-level answer: emolens's own (headline) and every model's, compact, in one table. */
export function PredictionsPanel() {
  const predictions = useAppStore((s) => s.analysis.predictions);
  const warnings = useAppStore((s) => s.analysis.warnings);
  const phase = useAppStore((s) => s.video.phase);
  const live = useAppStore((s) => s.video.source === 'webcam');
  // Only the camera shows a rolling answer; a file's panel must not re-render with every vote.
  const rolling = useAppStore((s) => {
    const main = s.analysis.vote?.winnerId;
    return !live || main === null || main === undefined ? undefined : s.analysis.trackEmotions[main];
  });
  const mainId = useAppStore((s) => s.analysis.vote?.winnerId ?? null);
  const answer = useAppStore((s) => s.analysis.answer);
  // The camera's rolling answer has no clip-level confidence.
  const honesty = useAppStore((s) => (live ? null : s.analysis.honesty));
  // On the camera there is no end of clip: show the main track's emotion over the last seconds.
  const current = useMemo<Record<string, ClipPrediction>>(
    () => (live && rolling ? { [`main track #${mainId}, last ${ROLLING_WINDOW_SEC} s`]: rolling } : predictions),
    [live, rolling, mainId, predictions],
  );
  // The table (two dozen rows of bars) mounts at the end of a clip while it still plays: render it at
  // low priority, time-sliced, so the task that brought the predictions stays short.
  const shown = useDeferredValue(current, NONE);
  const empty = Object.keys(current).length === 0;
  return (
    <section className="panel" data-testid="predictions">
      <h2>Clip emotion</h2>
      {warnings.map((w) => (
        <p key={w} className="notice notice-info" data-testid="result-warning">
          {w}
        </p>
      ))}
      {empty && warnings.length === 0 && (
        <p className="muted">{phase === 'done' ? 'No prediction.' : 'Appears when the whole clip has been analysed.'}</p>
      )}
      <Predictions shown={shown} answer={answer} honesty={honesty} />
      <CalibrationNote />
    </section>
  );
}

const NONE: Record<string, ClipPrediction> = {};

/**
 * Rows shown at once beside the answer: the untrained per-frame models people know (and `general`,
 * what the overlay shows) and the speech model. The trained heads and fusions — thirty-odd rows a
 * demo audience need not read — open under "every other model".
 */
const FIRST_ROWS: ReadonlySet<string> = new Set([...BASELINE_KEYS, 'speech']);

/**
 * The table's head, and one row per model. The answer's row gives the fusion's own probability;
 * `rescaled` is the headline's confidence for it (after the answer's temperature, fitted on unseen
 * actors), said beside it: "fear 50 %" under "fairly sure (71 %)" read as a contradiction.
 */
function ModelRows({ entries, headline, rescaled = null }: { entries: [string, ClipPrediction][]; headline: string | undefined; rescaled?: number | null }) {
  return (
    <>
      <thead>
        <tr>
          <th>model</th>
          <th>kind</th>
          <th>label</th>
          <th>probabilities</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([model, p]) => (
          <tr key={model} className="prediction" data-model={model} data-label={p.label} data-probs={JSON.stringify(p.probs)} data-answer={model === headline}>
            <td>
              {model}
              {model === headline && <span title="emolens's answer"> ★</span>}
            </td>
            <td className="muted">{kindOf(model)}</td>
            <td>
              <strong>{p.label}</strong> {pct(Math.max(...p.probs))}
              {model === headline && rescaled !== null && pct(rescaled) !== pct(Math.max(...p.probs)) && (
                <span
                  className="muted"
                  data-testid="answer-rescaled"
                  title="The headline's confidence: this probability rescaled by a temperature fitted on actors the models never saw, so that it says how often answers this sure were right"
                >
                  {' '}
                  ({pct(rescaled)} rescaled)
                </span>
              )}
            </td>
            <td className="stack-cell">
              <StackedBar p={p} />
            </td>
          </tr>
        ))}
      </tbody>
    </>
  );
}

/** The headline answer with its bars, and every model in a table. */
const Predictions = memo(function Predictions({
  shown,
  answer,
  honesty,
}: {
  shown: Record<string, ClipPrediction>;
  answer: AnswerNote | null;
  honesty: AnswerHonesty | null;
}) {
  const entries = Object.entries(shown);
  const isAnswer = answer !== null && shown[answer.name] !== undefined;
  const headline = (isAnswer ? answer.name : HEADLINE_ORDER.find((m) => shown[m])) ?? entries[0]?.[0];
  const shownFirst = ([model]: [string, ClipPrediction]) => model === headline || FIRST_ROWS.has(model);
  // The answer's row first, then the others in the panel's order.
  const first = entries.filter(shownFirst).sort(([a], [b]) => Number(b === headline) - Number(a === headline));
  const rest = entries.filter((entry) => !shownFirst(entry));
  return (
    <>
      {headline && shown[headline] && (
        <div className="headline" data-testid="headline-prediction" data-uncertain={honesty?.uncertain ?? false} data-confidence={honesty?.confidence ?? ''}>
          <HeadlineAnswer label={shown[headline].label} model={headline} honesty={honesty} />
          <ProbabilityBars p={shown[headline]} scaled={isAnswer ? (honesty?.answerProbs ?? null) : null} />
          {isAnswer && (
            <p className="muted" data-testid="answer-why">
              {answer.why}
            </p>
          )}
        </div>
      )}
      {entries.length > 0 && (
        <table className="table models-table" data-testid="models-first">
          <caption className="muted">The answer, the untrained per-frame models and the speech model on the main track, as each gives its probabilities (colours: anger, disgust, fear, happiness, neutrality, sadness, surprise)</caption>
          <ModelRows entries={first} headline={headline} rescaled={isAnswer ? (honesty?.confidence ?? null) : null} />
        </table>
      )}
      {rest.length > 0 && (
        <details className="models-more" data-testid="models-more">
          <summary>Every other model ({rest.length}): the trained heads and their fusions</summary>
          <table className="table models-table">
            <ModelRows entries={rest} headline={headline} />
          </table>
        </details>
      )}
    </>
  );
});
