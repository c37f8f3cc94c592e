import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../random';
import { checkFamiliarityModel, familiarityOf, fitFamiliarity, fitSpread, leaveOneGroupOutDistances, spreadDistance } from './familiarity';

/** `n` points around `centre` with spread `sd` per dimension. */
function cloud(rng: Rng, centre: number[], sd: number, n: number): number[][] {
  const gauss = () => Math.sqrt(-2 * Math.log(rng.next() || 1e-12)) * Math.cos(2 * Math.PI * rng.next());
  return Array.from({ length: n }, () => centre.map((c) => c + sd * gauss()));
}

describe('familiarity', () => {
  it('measures distance in units of the spread, dimension by dimension, the spread floored at the median', () => {
    const spread = fitSpread([[0, 0, 0], [2, 20, 4], [4, 40, 8]]);
    expect(spread.mean).toEqual([2, 20, 4]);
    // Spreads 2, 20 and 4: the first counts as the median, 4 (a near-constant unit must not decide).
    expect(spread.scale).toEqual([4, 20, 4]);
    expect(spreadDistance(spread, [6, 0, 4])).toBeCloseTo(Math.sqrt(2 / 3), 6); // +1, −1 and 0 spreads
    expect(() => spreadDistance(spread, [1])).toThrow(TypeError);
  });

  it('counts every held-out actor familiar, and a clip from elsewhere not', () => {
    const rng = createRng(7);
    const actors = ['01', '02', '03', '04', '05'];
    const vectors: number[][] = [];
    const groups: string[] = [];
    for (const [k, a] of actors.entries()) {
      for (const v of cloud(rng, Array.from({ length: 16 }, (_, i) => (i === k ? 0.5 : 0)), 1, 24)) {
        vectors.push(v);
        groups.push(a);
      }
    }
    const model = fitFamiliarity(vectors, groups);
    const held = leaveOneGroupOutDistances(vectors, groups);
    expect(Math.max(...held) / model.threshold).toBeLessThan(1);
    expect(vectors.every((v) => familiarityOf(model, v).familiar)).toBe(true);
    // Footage shifted by three spreads in every dimension (another camera) is not familiar.
    const elsewhere = cloud(rng, new Array(16).fill(3), 1, 10);
    expect(elsewhere.every((v) => !familiarityOf(model, v).familiar)).toBe(true);
    expect(familiarityOf(model, elsewhere[0]!).score).toBeGreaterThan(1);
  });

  it('needs two actors, and checks a shipped model', () => {
    expect(() => fitFamiliarity([[0], [1]], ['a', 'a'])).toThrow(TypeError);
    expect(checkFamiliarityModel({ mean: [0], scale: [1], threshold: 2 })).toEqual({ mean: [0], scale: [1], threshold: 2 });
    expect(() => checkFamiliarityModel({ mean: [0], scale: [], threshold: 2 })).toThrow(TypeError);
    expect(() => checkFamiliarityModel({ mean: [0], scale: [1], threshold: 0 })).toThrow(TypeError);
  });
});
