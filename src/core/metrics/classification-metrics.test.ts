import { describe, it, expect } from 'vitest';
import { accuracy, classificationReport, predictFromProbabilities, weightedF1 } from './classification-metrics';

describe('classification metrics', () => {
  // 7 paper classes; disgust (1) has no examples, like our data.
  //   anger (0): 3 examples, 2 right, 1 → fear
  //   fear (2): 2 examples, 1 right, 1 → anger
  //   happiness (3): 1 example, right
  //   neutrality (4): 2 examples, both → sadness
  //   surprise (6): 2 examples, right; sadness (5): 0 examples but predicted twice
  const yTrue = [0, 0, 0, 2, 2, 3, 4, 4, 6, 6];
  const yPred = [0, 0, 2, 2, 0, 3, 5, 5, 6, 6];

  it('computes accuracy by hand', () => {
    expect(accuracy(yTrue, yPred)).toBeCloseTo(6 / 10, 12);
    expect(() => accuracy([], [])).toThrow(TypeError);
  });

  it('reports absent classes and means over present classes only', () => {
    const r = classificationReport(yTrue, yPred);
    const disgust = r.perClass[1]!;
    expect(disgust).toMatchObject({ label: 'disgust', present: false, support: 0, accuracy: null, f1: null, precision: null });
    expect(r.perClass[5]).toMatchObject({ label: 'sadness', present: false, precision: 0 });
    // per-class accuracies of present classes: anger 2/3, fear 1/2, happiness 1, neutrality 0, surprise 1
    const accs = [2 / 3, 1 / 2, 1, 0, 1];
    const m = accs.reduce((s, x) => s + x, 0) / 5; // 0.633333…
    const sd = Math.sqrt(accs.reduce((s, x) => s + (x - m) ** 2, 0) / 5);
    expect(r.meanAcc).toBeCloseTo(m, 12);
    expect(r.meanAcc).toBeCloseTo(0.6333333333, 9);
    expect(r.stdAcc).toBeCloseTo(sd, 12);
    expect(r.stdAcc).toBeCloseTo(0.3711842, 6);
    expect(r.confusion.normalized[1]).toBeNull();
    expect(r.confusion.counts[4]![5]).toBe(2);
  });

  it('computes weighted F1 by hand (scikit-learn convention)', () => {
    // anger P=2/3 R=2/3 F=2/3 (n=3); fear P=1/2 R=1/2 F=1/2 (n=2); happiness F=1 (n=1);
    // neutrality never predicted → F=0 (n=2); surprise F=1 (n=2)
    const expected = (3 * (2 / 3) + 2 * 0.5 + 1 * 1 + 2 * 0 + 2 * 1) / 10; // 0.6
    expect(weightedF1(yTrue, yPred)).toBeCloseTo(expected, 12);
    expect(classificationReport(yTrue, yPred).weightedF1).toBeCloseTo(0.6, 12);
    expect(weightedF1([0, 1], [0, 1], 2)).toBe(1);
  });

  it('predicts the argmax of each probability row', () => {
    expect(predictFromProbabilities([[0.1, 0.9], [0.5, 0.5]])).toEqual([1, 0]);
  });
});
