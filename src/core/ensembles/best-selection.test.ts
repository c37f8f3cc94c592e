import { describe, it, expect } from 'vitest';
import { bestSelection, fusedAccuracy, type EnsembleModel } from './best-selection';

// Three classes, four clips with labels [0, 1, 2, 0].
const labels = [0, 1, 2, 0];
const oneHot = (c: number, p = 0.6): number[] => [0, 1, 2].map((i) => (i === c ? p : (1 - p) / 2));
// A: right on clips 0,1,2 (acc 0.75); B: right on 0,1,3 (0.75), confident where A is wrong;
// C: right on clip 2 only (0.25); D: right on 0,3 (0.5).
const A: EnsembleModel = { name: 'A', accuracy: 0.75, probabilities: [oneHot(0), oneHot(1), oneHot(2), oneHot(1)] };
const B: EnsembleModel = { name: 'B', accuracy: 0.75, probabilities: [oneHot(0), oneHot(1), oneHot(0), oneHot(0, 0.9)] };
const C: EnsembleModel = { name: 'C', accuracy: 0.25, probabilities: [oneHot(1), oneHot(2), oneHot(2, 0.9), oneHot(2)] };
const D: EnsembleModel = { name: 'D', accuracy: 0.5, probabilities: [oneHot(0), oneHot(2), oneHot(1), oneHot(0)] };

describe('bestSelection', () => {
  it('scores the average fusion by hand', () => {
    // A+B: clip 3 → A [.2,.6,.2] + B [.9,.05,.05] → class 0 ✓; clip 2 → A [.2,.2,.6] + B [.6,.2,.2] tie 0/2 → 0 ✗
    expect(fusedAccuracy([A.probabilities, B.probabilities], labels)).toBe(0.75);
    // A+B+C: clip 2 → [.85,.45,1.7] → 2 ✓; clip 3 → [1.3,.85,.85] → 0 ✓; clips 0, 1 stay right
    expect(fusedAccuracy([A.probabilities, B.probabilities, C.probabilities], labels)).toBe(1);
  });

  it('follows §5: sorted order, greedy from each first model, smallest best combination', () => {
    const out = bestSelection([C, D, A, B], labels);
    // Sorted: A, B (tie kept in input order), D, C.
    // From A nothing strictly raises 0.75 (a greedy trap). From B: +A 0.75 ✗, +D 0.75 ✗, +C 1 ✓; then
    // +A 1 ✗ (not strictly higher), +D 0.75 ✗. B+C: clip 0 ties 0/1 → 0 ✓, clip 1 ties 1/2 → 1 ✓,
    // clip 2 [.65,.25,1.1] → 2 ✓, clip 3 [1.1,.25,.65] → 0 ✓.
    // From D: +A 0.75 ✓, then nothing. From C: +A 0.75 ✓, +B 1 ✓, +D ✗.
    expect(out.combinations).toEqual([
      { members: ['A'], accuracy: 0.75 },
      { members: ['B', 'C'], accuracy: 1 },
      { members: ['D', 'A'], accuracy: 0.75 },
      { members: ['C', 'A', 'B'], accuracy: 1 },
    ]);
    expect(out.members).toEqual(['B', 'C']); // most accurate, then fewest models
    expect(out.accuracy).toBe(1);
    expect(out.trace).toHaveLength(14);
    for (const s of out.trace) expect(s.accepted).toBe(s.accuracyWith > s.accuracyBefore);
    expect(out.trace[5]).toEqual({ start: 'B', members: ['B'], candidate: 'C', accuracyBefore: 0.75, accuracyWith: 1, accepted: true });
  });

  it('respects T and validates input', () => {
    const out = bestSelection([A, B, C, D], labels, 1);
    expect(out.combinations.every((c) => c.members.length === 1)).toBe(true);
    expect(out.members).toEqual(['A']); // ties on 0.75 → the first found
    expect(out.trace).toEqual([]);
    expect(() => bestSelection([], labels)).toThrow(TypeError);
    expect(() => bestSelection([A, A], labels)).toThrow(/unique/);
  });
});
