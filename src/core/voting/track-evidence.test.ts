import { describe, expect, it } from 'vitest';
import { faceVoting } from './face-voting';
import { DEFAULT_TRACK_EVIDENCE, hasEnoughEvidence } from './track-evidence';

const obs = (size: number, score: number) => ({ box: { x: 0, y: 0, w: size, h: size }, score });
const clip = { frameCount: 20, width: 320, height: 240 };

describe('track evidence', () => {
  it('keeps the one-frame colour-bar "face" from being the main track', () => {
    // The known failure: one frame of fifteen at score 0.97, the only track.
    const bars = { id: 1, observations: [obs(120, 0.97)] };
    expect(faceVoting([bars], { ...clip, frameCount: 15 }).winnerId).toBe(1);
    const out = faceVoting([bars], { ...clip, frameCount: 15 }, {}, DEFAULT_TRACK_EVIDENCE);
    expect(out.winnerId).toBeNull();
    expect(out.votes[0]!.enoughEvidence).toBe(false);
  });

  it('lets a thinner runner-up win when the best vote lacks evidence', () => {
    const flash = { id: 1, observations: [obs(200, 0.99), obs(200, 0.99)] }; // big, sure, 2 frames
    const face = { id: 2, observations: Array.from({ length: 12 }, () => obs(40, 0.8)) };
    expect(faceVoting([flash, face], clip).winnerId).toBe(1);
    expect(faceVoting([flash, face], clip, {}, DEFAULT_TRACK_EVIDENCE).winnerId).toBe(2);
  });

  it('applies each threshold', () => {
    const t = (appearances: number, wFreq: number, wProb: number) => ({ appearances, wFreq, wProb });
    expect(hasEnoughEvidence(t(3, 0.15, 0.6), 20)).toBe(true);
    expect(hasEnoughEvidence(t(2, 0.15, 0.6), 20)).toBe(false); // too few frames
    expect(hasEnoughEvidence(t(3, 0.05, 0.6), 60)).toBe(false); // too small a share
    expect(hasEnoughEvidence(t(3, 0.15, 0.35), 20)).toBe(false); // too unsure
    // A clip of two sampled frames needs the face in both, not three.
    expect(hasEnoughEvidence(t(2, 1, 0.9), 2)).toBe(true);
    expect(hasEnoughEvidence(t(1, 0.5, 0.9), 2)).toBe(false);
  });
});
