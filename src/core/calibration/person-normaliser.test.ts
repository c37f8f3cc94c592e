import { describe, expect, it } from 'vitest';
import { normaliseRow, personStats, pooledWithinSpread } from './person-normaliser';

describe('person normaliser', () => {
  const rows = [
    [1, 10, 5],
    [3, 30, 5],
  ];

  it('centres on the reference mean when the model is not scaled', () => {
    const stats = personStats(rows);
    expect([...stats.mean]).toEqual([2, 20, 5]);
    expect(stats.spread).toBeNull();
    expect([...normaliseRow([4, 20, 6], stats)]).toEqual([2, 0, 1]);
  });

  it("divides by the person's spread shrunk towards the pooled one by the prior's weight", () => {
    // Own variances 1, 100, 0 over n = 2; pooled spreads 2, 2, 0; prior 2 → σ² = (2·v + 2·p²) / 4.
    const stats = personStats(rows, { pooled: [2, 2, 0], prior: 2 });
    expect(stats.spread![0]).toBeCloseTo(Math.sqrt((2 * 1 + 2 * 4) / 4));
    expect(stats.spread![1]).toBeCloseTo(Math.sqrt((2 * 100 + 2 * 4) / 4));
    // A column with no spread in the person nor the pool carries nothing: 0, not a division by zero.
    const out = normaliseRow([4, 30, 9], stats);
    expect(out[0]).toBeCloseTo(2 / Math.sqrt(2.5));
    expect(out[2]).toBe(0);
  });

  it('a one-clip reference (no own spread) is scaled by the pooled spread, shrunk', () => {
    const stats = personStats([[1, 1]], { pooled: [3, 4], prior: 4 });
    expect(stats.spread![0]).toBeCloseTo(3 * Math.sqrt(4 / 5));
    expect(stats.spread![1]).toBeCloseTo(4 * Math.sqrt(4 / 5));
  });

  it('the same person louder or quieter gives the same calibrated vectors', () => {
    const person = [[1, 2], [2, 5], [4, 1], [3, 3]];
    const louder = person.map((r) => r.map((v) => 10 + 3 * v));
    const scale = { pooled: [0, 0], prior: 0 };
    const a = person.map((r) => [...normaliseRow(r, personStats(person, scale))]);
    const b = louder.map((r) => [...normaliseRow(r, personStats(louder, scale))]);
    b.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(a[i]![j]!)));
  });

  it('pools the within-person variance of several people, not the spread between them', () => {
    const a = [[0], [2]]; // variance 1
    const b = [[100], [106]]; // variance 9
    expect(pooledWithinSpread([a, b])[0]).toBeCloseTo(Math.sqrt(5));
    expect(() => personStats([])).toThrow(TypeError);
    expect(() => personStats([[1, 2]], { pooled: [1], prior: 1 })).toThrow(TypeError);
  });
});
