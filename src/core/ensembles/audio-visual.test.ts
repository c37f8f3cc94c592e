import { describe, expect, it } from 'vitest';
import { audioVisualProbabilities, chooseSpeechWeight } from './audio-visual';

const oneHot = (k: number, sure = 0.9) => Array.from({ length: 7 }, (_, j) => (j === k ? sure : (1 - sure) / 6));
const labels = [0, 2, 3, 4, 5, 6];

describe('audio-visual fusion', () => {
  it('mixes the two by the weight', () => {
    const [fused] = audioVisualProbabilities([oneHot(0)], [oneHot(1)], 0.25);
    expect(fused![0]).toBeCloseTo(0.75 * 0.9 + 0.25 * (0.1 / 6), 10);
    expect(fused![1]).toBeCloseTo(0.75 * (0.1 / 6) + 0.25 * 0.9, 10);
  });

  it('leans on the speech model where only it is right, and on the faces where only they are', () => {
    const right = labels.map((l) => oneHot(l));
    const wrong = labels.map((l) => oneHot((l + 1) % 7));
    const toSpeech = chooseSpeechWeight(wrong, right, labels);
    expect(toSpeech).toEqual({ weight: 1, accuracy: 1 });
    const toFaces = chooseSpeechWeight(right, wrong, labels);
    expect(toFaces).toEqual({ weight: 0, accuracy: 1 });
  });

  it('finds the mix when each is right on different clips, and refuses mismatched labels', () => {
    // Faces sure and right on the first half, mildly wrong on the rest; speech the other way round.
    const visual = labels.map((l, i) => (i < 3 ? oneHot(l, 0.9) : oneHot((l + 1) % 7, 0.4)));
    const speech = labels.map((l, i) => (i < 3 ? oneHot((l + 1) % 7, 0.4) : oneHot(l, 0.9)));
    const { weight, accuracy } = chooseSpeechWeight(visual, speech, labels);
    expect(accuracy).toBe(1);
    expect(weight).toBeGreaterThan(0);
    expect(weight).toBeLessThan(1);
    expect(() => chooseSpeechWeight(visual, speech, [0])).toThrow(TypeError);
  });
});
