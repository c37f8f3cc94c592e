import { describe, it, expect } from 'vitest';
import { hungarian } from './hungarian';
import { createRng, type Rng } from '../random';

/** Brute force: over all partial matchings on finite cells, most pairs first, then least cost. */
function bruteForce(cost: number[][]): { count: number; cost: number } {
  const rows = cost.length;
  const cols = rows === 0 ? 0 : cost[0]!.length;
  let best = { count: 0, cost: 0 };
  const usedCols = new Array<boolean>(cols).fill(false);
  const visit = (r: number, count: number, total: number): void => {
    if (r === rows) {
      if (count > best.count || (count === best.count && total < best.cost - 1e-9)) best = { count, cost: total };
      return;
    }
    visit(r + 1, count, total);
    for (let c = 0; c < cols; c++) {
      const v = cost[r]![c]!;
      if (usedCols[c] || v === Infinity) continue;
      usedCols[c] = true;
      visit(r + 1, count + 1, total + v);
      usedCols[c] = false;
    }
  };
  visit(0, 0, 0);
  return best;
}

function randomMatrix(rng: Rng, rows: number, cols: number, infRate: number): number[][] {
  return Array.from({ length: rows }, () =>
    Array.from({ length: cols }, () => (rng.next() < infRate ? Infinity : Math.round(rng.next() * 100) / 10)),
  );
}

describe('hungarian', () => {
  it('solves a hand-worked 3×3', () => {
    const result = hungarian([
      [4, 1, 3],
      [2, 0, 5],
      [3, 2, 2],
    ]);
    expect(result.cost).toBe(5); // 1 + 2 + 2
    expect(result.rowToCol).toEqual([1, 0, 2]);
    expect(result.pairs).toEqual([
      [0, 1],
      [1, 0],
      [2, 2],
    ]);
  });

  it('handles empty, all-infinite rows and columns', () => {
    expect(hungarian([]).pairs).toEqual([]);
    expect(hungarian([[], []]).rowToCol).toEqual([-1, -1]);
    const r = hungarian([
      [Infinity, Infinity, Infinity],
      [1, Infinity, 2],
    ]);
    expect(r.rowToCol).toEqual([-1, 0]);
    expect(r.colToRow).toEqual([1, -1, -1]);
    const allInf = hungarian([
      [Infinity, Infinity],
      [Infinity, Infinity],
    ]);
    expect(allInf.pairs).toEqual([]);
    expect(allInf.cost).toBe(0);
  });

  it('prefers more finite pairs over a cheaper single pair', () => {
    // Greedy on the 0 would leave row 1 unmatched; two pairs (cost 10 + 10) beat one.
    const r = hungarian([
      [0, 10],
      [10, Infinity],
    ]);
    expect(r.pairs).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });

  it('rejects NaN, -Infinity and ragged rows', () => {
    expect(() => hungarian([[NaN]])).toThrow(TypeError);
    expect(() => hungarian([[-Infinity]])).toThrow(TypeError);
    expect(() => hungarian([[1, 2], [3]])).toThrow(TypeError);
  });

  it('matches brute force on random matrices up to 7×7, rectangular, with Infinity', () => {
    const rng = createRng(2021);
    for (let trial = 0; trial < 600; trial++) {
      const rows = 1 + rng.int(7);
      const cols = 1 + rng.int(7);
      const infRate = [0, 0.3, 0.6, 0.9, 1][trial % 5]!;
      const m = randomMatrix(rng, rows, cols, infRate);
      const expected = bruteForce(m);
      const got = hungarian(m);
      expect(got.pairs.length).toBe(expected.count);
      expect(got.cost).toBeCloseTo(expected.cost, 9);
      for (const [r, c] of got.pairs) expect(m[r]![c]!).not.toBe(Infinity);
      expect(new Set(got.pairs.map(([, c]) => c)).size).toBe(got.pairs.length);
    }
  });
});
