import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { answerConfidence, DEFAULT_CONFIDENCE, MIN_ALTERNATIVE_SHARE, MIN_CONFIDENT_TRACK_SEC, namedAlternatives } from './answer-confidence';
import { applyTemperature, expectedCalibrationError, fitTemperature, negativeLogLikelihood } from './temperature';

/**
 * Predictions from a known model: random logits z give the true class probabilities softmax(z), the
 * label is drawn from them (so softmax(z) is calibrated by construction), and the classifier reports
 * softmax(z × sharpen): over-confident by the factor `sharpen`, which temperature scaling should find.
 */
function overconfident(n: number, sharpen: number, seed = 7) {
  const rng = createRng(seed);
  const softmax = (z: number[]) => {
    const exp = z.map((l) => Math.exp(l));
    const sum = exp.reduce((s, e) => s + e, 0);
    return exp.map((e) => e / sum);
  };
  const probs: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const z = Array.from({ length: 7 }, () => 3 * rng.next());
    const truth = softmax(z);
    let u = rng.next();
    let label = 0;
    while (label < 6 && u >= truth[label]!) u -= truth[label++]!;
    probs.push(softmax(z.map((l) => l * sharpen)));
    labels.push(label);
  }
  return { probs, labels };
}

describe('temperature scaling', () => {
  it('applies a temperature: 1 is the identity, >1 softens, <1 sharpens, order kept', () => {
    const p = [0.7, 0.2, 0.1];
    applyTemperature(p, 1).forEach((v, i) => expect(v).toBeCloseTo(p[i]!, 12));
    const soft = applyTemperature(p, 2);
    expect(soft[0]).toBeLessThan(0.7);
    expect(soft.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(applyTemperature(p, 0.5)[0]).toBeGreaterThan(0.7);
    expect(() => applyTemperature(p, 0)).toThrow(TypeError);
  });

  it('recovers the over-confidence factor of a known model and lowers NLL and ECE', () => {
    const { probs, labels } = overconfident(3000, 3);
    const t = fitTemperature(probs, labels);
    expect(t).toBeGreaterThan(2.6);
    expect(t).toBeLessThan(3.4);
    const scaled = probs.map((p) => applyTemperature(p, t));
    expect(negativeLogLikelihood(probs, labels, t)).toBeLessThan(negativeLogLikelihood(probs, labels));
    const before = expectedCalibrationError(probs, labels);
    const after = expectedCalibrationError(scaled, labels);
    expect(before).toBeGreaterThan(0.15);
    expect(after).toBeLessThan(0.05);
  });

  it('computes ECE by hand', () => {
    // Two predictions at 0.9 (one right), two at 0.6 (both right): bins 9 and 6.
    const probs = [[0.9, 0.1], [0.9, 0.1], [0.6, 0.4], [0.6, 0.4]];
    expect(expectedCalibrationError(probs, [0, 1, 0, 0])).toBeCloseTo(0.5 * 0.4 + 0.5 * 0.4, 12);
    expect(() => expectedCalibrationError(probs, [0])).toThrow(TypeError);
  });
});

describe('answerConfidence', () => {
  it('gives the scaled probabilities, whose largest is the confidence', () => {
    const c = answerConfidence([0.05, 0, 0.05, 0.6, 0.1, 0.1, 0.1], 4, { temperature: 0.5, threshold: 0.5 });
    expect(c.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(Math.max(...c.probs)).toBe(c.confidence);
    expect(c.confidence).toBeGreaterThan(0.6); // a temperature under 1 sharpens
    expect(c.probs[1]).toBeLessThan(1e-12); // disgust stays (all but) absent
  });

  const sure = [0.02, 0.02, 0.02, 0.8, 0.1, 0.02, 0.02];
  const torn = [0.02, 0.02, 0.02, 0.4, 0.36, 0.16, 0.02];
  it('states a sure answer and calls a torn one uncertain with its top two', () => {
    expect(answerConfidence(sure, 4)).toMatchObject({ uncertain: false, reason: null });
    expect(answerConfidence(sure, 4).confidence).toBeCloseTo(0.8, 9);
    const out = answerConfidence(torn, 4);
    expect(out.uncertain).toBe(true);
    expect(out.topTwo.map((t) => t.label)).toEqual(['happiness', 'neutrality']);
    expect(out.reason).toContain('40 %');
  });
  it('never reads a confidence just under the threshold as the threshold', () => {
    const just = [0.05, 0, 0.05, 0.396, 0.3, 0.154, 0.05];
    expect(answerConfidence(just, 4, { temperature: 1, threshold: 0.4 }).reason).toBe("The answer's confidence (39.6 %) is under 40 %.");
    expect(answerConfidence(torn, 4, { temperature: 1, threshold: 0.45 }).reason).toBe("The answer's confidence (40 %) is under 45 %.");
  });
  it('says a face seen in one frame was seen in one frame, and names a runner-up only when it holds a real share', () => {
    const one = answerConfidence(sure, 0);
    expect(one.reason).toMatch(/single analysed frame/);
    expect(answerConfidence(sure, 0.4).reason).toMatch(/only 0\.4 s/);
    expect(namedAlternatives([{ label: 'happiness', p: 0.99 }, { label: 'surprise', p: MIN_ALTERNATIVE_SHARE / 2 }]).map((t) => t.label)).toEqual(['happiness']);
    expect(namedAlternatives(answerConfidence(torn, 4).topTwo)).toHaveLength(2);
  });

  it('calls a short main track uncertain, and a temperature lowers the confidence', () => {
    expect(answerConfidence(sure, MIN_CONFIDENT_TRACK_SEC - 0.1)).toMatchObject({ uncertain: true });
    expect(answerConfidence(sure, 4, { ...DEFAULT_CONFIDENCE, temperature: 4 }).uncertain).toBe(true);
  });
});
