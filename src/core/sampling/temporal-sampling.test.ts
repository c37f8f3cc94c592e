import { describe, it, expect } from 'vitest';
import { evaluationSamplings, sampleIndices } from './temporal-sampling';
import { createRng } from '../random';

const isSorted = (xs: number[]) => xs.every((x, i) => i === 0 || xs[i - 1]! <= x);

describe('sampleIndices', () => {
  it('draws K distinct sorted indices when n ≥ K, reproducibly', () => {
    const s = sampleIndices(100, 32, createRng(1));
    expect(s).toHaveLength(32);
    expect(new Set(s).size).toBe(32);
    expect(isSorted(s)).toBe(true);
    expect(s.every((i) => i >= 0 && i < 100)).toBe(true);
    expect(sampleIndices(100, 32, createRng(1))).toEqual(s);
    expect(sampleIndices(5, 5, createRng(9))).toEqual([0, 1, 2, 3, 4]);
  });

  it('repeats frames in order when n < K', () => {
    expect(sampleIndices(1, 4, createRng(3))).toEqual([0, 0, 0, 0]);
    expect(sampleIndices(2, 4, createRng(3))).toEqual([0, 0, 1, 1]);
    const s = sampleIndices(3, 7, createRng(5));
    expect(s).toHaveLength(7);
    expect(isSorted(s)).toBe(true);
    const counts = [0, 1, 2].map((i) => s.filter((x) => x === i).length).sort();
    expect(counts).toEqual([2, 2, 3]);
  });

  it('rejects empty clips and bad K', () => {
    expect(() => sampleIndices(0, 32, createRng(1))).toThrow(TypeError);
    expect(() => sampleIndices(10, 0, createRng(1))).toThrow(TypeError);
  });

  it('gives `times` samplings for evaluation', () => {
    const runs = evaluationSamplings(50, 32, 5, createRng(2));
    expect(runs).toHaveLength(5);
    expect(runs.every((r) => r.length === 32 && isSorted(r))).toBe(true);
    expect(runs[0]).not.toEqual(runs[1]);
    expect(() => evaluationSamplings(50, 32, 0, createRng(2))).toThrow(TypeError);
  });
});
