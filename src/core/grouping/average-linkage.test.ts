import { agnes } from 'ml-hclust';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { euclidean } from '../vector';
import { averageLinkage, cutMerges, packedDistances } from './average-linkage';

/** `people` clusters of `per` points in 16-d, centres ~`spread` apart, points ~`noise` around them. */
function points(seed: number, people: number, per: number, spread: number, noise: number): number[][] {
  const rng = createRng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(rng.next() || 1e-12)) * Math.cos(2 * Math.PI * rng.next());
  const out: number[][] = [];
  for (let p = 0; p < people; p++) {
    const centre = Array.from({ length: 16 }, () => gauss() * spread);
    for (let k = 0; k < per; k++) out.push(centre.map((x) => x + gauss() * noise));
  }
  return out;
}

const asSets = (groups: number[][]) => groups.map((g) => [...g].sort((a, b) => a - b).join(',')).sort();

describe('average linkage by the nearest-neighbour chain', () => {
  it("gives ml-hclust agnes's merge heights and cuts, on clustered and on scattered points", () => {
    for (const [seed, people, per, noise] of [[1, 5, 8, 0.05], [2, 3, 15, 0.2], [3, 1, 40, 0.3]] as const) {
      const data = points(seed, people, per, 0.3, noise);
      const merges = averageLinkage(packedDistances(data));
      const tree = agnes(data, { method: 'average', distanceFunction: euclidean });
      const heights: number[] = [];
      const walk = (c: { height: number; children: unknown[] }) => {
        if (c.children.length) heights.push(c.height);
        c.children.forEach((k) => walk(k as typeof c));
      };
      walk(tree as unknown as { height: number; children: unknown[] });
      expect(merges.map((m) => m.height)).toHaveLength(data.length - 1);
      heights.sort((a, b) => a - b).forEach((h, i) => expect(merges[i]!.height, `seed ${seed}, merge ${i}`).toBeCloseTo(h, 10));
      for (const cut of [0.05, 0.1, 0.2, 0.3, 0.5, 1]) {
        expect(asSets(cutMerges(data.length, merges, cut)), `seed ${seed}, cut ${cut}`).toEqual(asSets(tree.cut(cut).map((c) => c.indices())));
      }
    }
  });

  it('merges the nearest pair first and joins everything at the top', () => {
    const merges = averageLinkage(packedDistances([[0], [1], [10], [10.5]]));
    expect(merges.map((m) => m.height)).toEqual([0.5, 1, 9.75]);
    expect(asSets(cutMerges(4, merges, 1))).toEqual(['0,1', '2,3']);
    expect(asSets(cutMerges(4, merges, 100))).toEqual(['0,1,2,3']);
    expect(asSets(cutMerges(4, merges, 0))).toEqual(['0', '1', '2', '3']);
  });
});
