import { describe, it, expect } from 'vitest';
import { faceVoting, voteForTrack, votingTotals, DEFAULT_FACE_VOTING_CONFIG } from './face-voting';
import { createTracker } from '../tracking/tracker';
import { HSV_LENGTH } from '../tracking/constants';

const obs = (w: number, h: number, score: number) => ({ box: { x: 0, y: 0, w, h }, score });
const clip = { frameCount: 10, width: 100, height: 50 };

describe('faceVoting', () => {
  it('computes the three weights by hand', () => {
    const v = voteForTrack({ id: 7, observations: [obs(10, 10, 0.8), obs(20, 10, 0.6)] }, clip, { cFreq: 1, cSize: 2, cProb: 3 });
    expect(v.appearances).toBe(2);
    expect(v.wFreq).toBeCloseTo(0.2, 12);
    expect(v.wSize).toBeCloseTo(300 / (2 * 5000), 12); // 0.03
    expect(v.wProb).toBeCloseTo(0.7, 12);
    expect(v.total).toBeCloseTo(0.2 + 0.06 + 2.1, 12);
  });

  it('picks the frequent face by default and the big one when size dominates', () => {
    const frequent = { id: 1, observations: Array.from({ length: 8 }, () => obs(5, 5, 0.9)) };
    const big = { id: 2, observations: [obs(50, 50, 0.9), obs(50, 50, 0.9)] };
    const out = faceVoting([frequent, big], clip);
    expect(out.winnerId).toBe(1);
    expect(out.votes.map((v) => v.id)).toEqual([1, 2]);
    expect(out.config).toEqual(DEFAULT_FACE_VOTING_CONFIG);
    // re-run with other constants: size weight 10 → big: 0.2 + 10·0.5 + 0.9 beats 0.8 + 10·0.005 + 0.9
    expect(faceVoting([frequent, big], clip, { cSize: 10 }).winnerId).toBe(2);
  });

  it('returns no winner for a clip without faces and breaks ties by order', () => {
    expect(faceVoting([], clip)).toMatchObject({ winnerId: null, votes: [] });
    expect(faceVoting([{ id: 3, observations: [] }], clip).winnerId).toBeNull();
    const a = { id: 4, observations: [obs(1, 1, 0.5)] };
    const b = { id: 5, observations: [obs(1, 1, 0.5)] };
    expect(faceVoting([a, b], clip).winnerId).toBe(4);
    expect(() => faceVoting([a], { ...clip, frameCount: 0 })).toThrow(TypeError);
  });

  it('votes directly on tracker snapshots', () => {
    const person = (p: number, x: number, size: number) => {
      const hsv = new Float32Array(HSV_LENGTH);
      hsv[p] = 1;
      hsv[100 + p] = 1;
      const embedding = new Float32Array(4);
      embedding[p] = 1;
      return { box: { x, y: 10, w: size, h: size }, score: 0.9, hsv, embedding };
    };
    const tracker = createTracker();
    for (let f = 0; f < 6; f++) tracker.update(f, f / 25, f < 2 ? [person(0, 10, 10), person(1, 60, 30)] : [person(0, 10, 10)]);
    const out = faceVoting(tracker.tracks(), { frameCount: 6, width: 100, height: 50 });
    expect(out.votes.map((v) => v.appearances)).toEqual([6, 2]);
    expect(out.winnerId).toBe(1);
  });
});

describe('faceVoting on totals', () => {
  it('gives the same votes from exact sums as from the observations', () => {
    const observations = [obs(10, 12, 0.8), obs(20, 10, 0.6), obs(7, 9, 0.95)];
    const fromObservations = faceVoting([{ id: 1, observations }, { id: 2, observations: observations.slice(1) }], clip);
    const fromTotals = faceVoting(
      [
        { id: 1, totals: votingTotals(observations) },
        { id: 2, totals: { appearances: 2, sumArea: 200 + 63, sumScore: 0.6 + 0.95 } },
      ],
      clip,
    );
    expect(fromTotals).toEqual(fromObservations);
    expect(faceVoting([{ id: 3, totals: { appearances: 0, sumArea: 0, sumScore: 0 } }], clip).winnerId).toBeNull();
  });
});
