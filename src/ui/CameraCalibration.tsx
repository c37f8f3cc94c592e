import { CALIBRATION_SEC } from '../app/camera-calibration';
import { useAppStore, useController } from './store-context';
import { GIVEN_MEMBERS } from '../shared/ensemble-config';

/** "Calibrate": while the camera runs, learns the person's neutral face (look neutral for a few seconds). */
export function CalibrateButton() {
  const controller = useController();
  const phase = useAppStore((s) => s.webcam.calibration.phase);
  return (
    <button
      type="button"
      className="secondary"
      data-testid="calibrate"
      data-state={phase}
      disabled={phase === 'collecting'}
      title={`Look at the camera with a neutral face for ${CALIBRATION_SEC} s; answers are then relative to your own face.`}
      onClick={() => controller.calibrateWebcam()}
    >
      {phase === 'collecting' ? 'Look neutral…' : phase === 'on' ? 'Calibrate again' : 'Calibrate'}
    </button>
  );
}

/** Over the camera picture: whether calibration is on, and its latest calibrated answer. */
export function CalibrationBadge() {
  const c = useAppStore((s) => s.webcam.calibration);
  const text =
    c.phase === 'off'
      ? 'Not calibrated'
      : c.phase === 'collecting'
        ? `Calibrating: look neutral for ${CALIBRATION_SEC} s…`
        : `Calibrated (${c.clips} reference clip${c.clips === 1 ? '' : 's'})${c.answer ? ` · ${c.answer.label}` : ''}`;
  // Off our footage the calibrated answer is the general networks' (calibratedAnswerKey; `general` or
  // `general-cal`, the untrained given members): say so on hover.
  const by = c.answer && GIVEN_MEMBERS.includes(c.answer.model) ? 'general-purpose expression networks, calibrated to you (this camera is unlike the footage emolens was trained on)' : 'emolens’s trained models, calibrated to you';
  return (
    <div className="stage-badge" data-testid="calibration-badge" data-phase={c.phase} data-clips={c.clips} data-answer={c.answer?.label ?? ''} data-answer-model={c.answer?.model ?? ''} title={c.answer ? `Answered by ${by}.` : undefined} role="status">
      {text}
      {c.message && <span className="small"> — {c.message}</span>}
    </div>
  );
}
