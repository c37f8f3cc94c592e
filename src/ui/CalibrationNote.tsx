import { useAppStore } from './store-context';

/** One plain sentence under the answer: whether it is calibrated to the person, and why (not). */
export function CalibrationNote() {
  const note = useAppStore((s) => s.analysis.calibration);
  if (!note) return null;
  return (
    <p className="muted" data-testid="calibration-note" data-calibrated={note.calibrated}>
      {note.sentence}
    </p>
  );
}
