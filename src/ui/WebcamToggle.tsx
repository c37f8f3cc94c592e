import { CalibrateButton } from './CameraCalibration';
import { useAppStore, useController } from './store-context';

/** Starts or stops the live camera; while it runs, offers to calibrate to the person. */
export function WebcamToggle() {
  const controller = useController();
  const phase = useAppStore((s) => s.webcam.phase);
  const on = phase !== 'off';
  return (
    <>
      <button
        type="button"
        className="secondary"
        data-testid="webcam-toggle"
        data-state={phase}
        aria-pressed={on}
        onClick={() => (on ? controller.stopWebcam() : void controller.startWebcam())}
      >
        {phase === 'starting' ? 'Starting camera…' : on ? 'Stop camera' : 'Start camera'}
      </button>
      {phase === 'on' && <CalibrateButton />}
    </>
  );
}
