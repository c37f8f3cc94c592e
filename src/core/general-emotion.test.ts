import { describe, expect, it } from 'vitest';
import { generalEmotion, noGeneralOpinion } from './general-emotion';

describe('generalEmotion', () => {
  it('averages the networks, drops disgust and renormalises', () => {
    const a = [0.1, 0.2, 0.1, 0.4, 0.1, 0.05, 0.05];
    const b = [0.3, 0.0, 0.1, 0.2, 0.3, 0.05, 0.05];
    const g = generalEmotion([a, b])!;
    expect(g[1]).toBe(0);
    expect(g.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6);
    // Mean without disgust: [0.2, 0, 0.1, 0.3, 0.2, 0.05, 0.05] over 0.9.
    expect(g[3]).toBeCloseTo(0.3 / 0.9, 6);
    expect(g[0]).toBeCloseTo(0.2 / 0.9, 6);
  });

  it('gives null for no network or a face that is all disgust, and rejects a wrong length', () => {
    expect(generalEmotion([])).toBeNull();
    expect(generalEmotion([[0, 1, 0, 0, 0, 0, 0]])).toBeNull();
    expect(() => generalEmotion([[1, 0]])).toThrow(TypeError);
  });

  it('has no opinion where the networks never ran: the six classes equally likely, disgust 0', () => {
    const p = noGeneralOpinion();
    expect(p[1]).toBe(0);
    expect(new Set([...p].filter((_, k) => k !== 1))).toEqual(new Set([Math.fround(1 / 6)]));
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });
});
