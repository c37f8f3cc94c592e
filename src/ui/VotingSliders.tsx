import type { FaceVotingConfig } from '../core/voting/face-voting';
import { useAppStore, useController } from './store-context';

const SLIDERS: { key: keyof FaceVotingConfig; label: string; hint: string }[] = [
  { key: 'cFreq', label: 'c_freq', hint: 'how often the face is on screen' },
  { key: 'cSize', label: 'c_size', hint: 'how big the face is' },
  { key: 'cProb', label: 'c_prob', hint: 'how sure the detector is' },
];

/** The three FaceVoting constants; moving one re-runs the vote from stored results at once. */
export function VotingSliders() {
  const config = useAppStore((s) => s.analysis.votingConfig);
  const controller = useController();
  return (
    <fieldset className="sliders" data-testid="voting-sliders">
      <legend>Voting weights</legend>
      {SLIDERS.map(({ key, label, hint }) => (
        <label key={key} className="slider">
          <span>
            {label} <span className="muted small">{hint}</span>
          </span>
          <input
            type="range"
            min={0}
            max={5}
            step={0.1}
            value={config[key]}
            data-testid={`slider-${key}`}
            onChange={(e) => controller.setVotingConfig({ [key]: Number(e.target.value) })}
          />
          <output>{config[key].toFixed(1)}</output>
        </label>
      ))}
    </fieldset>
  );
}
