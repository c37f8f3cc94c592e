import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../random';
import { groupByPerson, groupingPurity, meanSilhouette, summariseDistances } from './group-by-person';
import { packedDistances } from './average-linkage';

/** A unit-length random direction in `dim` dimensions, scaled to `length`. */
function randomVector(rng: Rng, dim: number, length: number): number[] {
  const v = Array.from({ length: dim }, () => rng.next() - 0.5);
  const norm = Math.hypot(...v);
  return v.map((x) => (x / norm) * length);
}

/**
 * Synthetic faces: `people` centres 1.0 apart on average, each clip its person's centre plus noise
 * of length `noise` (so two clips of one person are about noise·√2 apart).
 */
function synthetic(people: number, clipsEach: number, noise: number, seed = 7) {
  const rng = createRng(seed);
  const centres = Array.from({ length: people }, () => randomVector(rng, 128, 0.7));
  const embeddings: Float32Array[] = [];
  const who: string[] = [];
  // Interleaved, as a folder's files would be sorted by sentence rather than by person.
  for (let c = 0; c < clipsEach; c++) {
    for (let p = 0; p < people; p++) {
      const n = randomVector(rng, 128, noise);
      embeddings.push(Float32Array.from(centres[p]!, (x, i) => x + n[i]!));
      who.push(`p${p}`);
    }
  }
  return { embeddings, who };
}

/**
 * Look-alikes: `people` centres each `spread` from one common face (so about spread·√2 apart),
 * `clipsEach` clips per person (person by person) within `noise` of its centre.
 */
function lookAlikes(rng: Rng, people: number, spread: number, clipsEach: number, noise: number) {
  const base = randomVector(rng, 128, 0.7);
  const centres = Array.from({ length: people }, () => randomVector(rng, 128, spread).map((x, i) => x + base[i]!));
  const embeddings: number[][] = [];
  const who: string[] = [];
  centres.forEach((c, p) => {
    for (let k = 0; k < clipsEach; k++) {
      const n = randomVector(rng, 128, noise);
      embeddings.push(c.map((x, i) => x + n[i]!));
      who.push(`p${p}`);
    }
  });
  return { embeddings, who };
}

describe('groupByPerson', () => {
  it('finds each synthetic person as one pure group', () => {
    const { embeddings, who } = synthetic(4, 6, 0.15);
    const groups = groupByPerson(embeddings, { threshold: 0.5 });
    expect(groups).toHaveLength(4);
    expect(groupingPurity(groups, who)).toEqual({ groups: 4, split: [], mixed: [] });
    // Groups list clip indices ascending, ordered by their first clip: person p's clips are p, p+4, …
    expect(groups[1]).toEqual([1, 5, 9, 13, 17, 21]);
  });

  it('merges everyone above the largest distance and splits every clip below the smallest', () => {
    const { embeddings } = synthetic(3, 4, 0.15);
    expect(groupByPerson(embeddings, { threshold: 10 })).toEqual([Array.from({ length: 12 }, (_, i) => i)]);
    expect(groupByPerson(embeddings, { threshold: 0.01 })).toHaveLength(12);
  });

  it('leaves clips without a face out of every group', () => {
    const { embeddings } = synthetic(2, 3, 0.1);
    const withHoles = [null, ...embeddings.slice(0, 3), null, ...embeddings.slice(3)];
    const groups = groupByPerson(withHoles, { threshold: 0.5 });
    expect(groups.flat().sort((a, b) => a - b)).toEqual([1, 2, 3, 5, 6, 7]);
    expect(groups).toHaveLength(2);
    expect(groupByPerson([null, null])).toEqual([]);
    expect(groupByPerson([null, embeddings[0]!])).toEqual([[1]]);
  });

  it('computes the mean silhouette: clips alone count 0, one group or all alone give null', () => {
    // Points on a line at 0, 1 and 10: {0, 1} and {10}.
    const d = packedDistances([[0], [1], [10]]);
    // Clip 0: a = 1, b = 10 → 0.9; clip 1: a = 1, b = 9 → 8/9; clip 2 alone → 0.
    expect(meanSilhouette(d, [0, 0, 1])).toBeCloseTo((0.9 + 8 / 9) / 3, 9);
    expect(meanSilhouette(d, [0, 1, 1])).toBeLessThan(0); // 1 is nearer to 0 than to its own group's 10
    expect(meanSilhouette(d, [0, 0, 0])).toBeNull();
    expect(meanSilhouette(d, [0, 1, 2])).toBeNull();
  });

  it('cuts where the groups are best separated: people who look alike stay apart where the ceiling would merge them', () => {
    // Four look-alikes: centres 0.25 from a common face (about 0.35 apart, under the 0.375 ceiling), clips within ~0.1.
    const { embeddings, who } = lookAlikes(createRng(5), 4, 0.25, 5, 0.07);
    expect(groupingPurity(groupByPerson(embeddings), who)).toEqual({ groups: 4, split: [], mixed: [] });
    expect(groupingPurity(groupByPerson(embeddings, { threshold: 0.375 }), who).mixed.length).toBeGreaterThan(0);
  });

  it('keeps two look-alikes apart when strangers share their folder (each group grouped again on its own)', () => {
    // Two people whose centres are ~0.32 apart (under the 0.375 ceiling), four clips each, and two
    // strangers ~1.0 from them: beside the strangers the best-separated cut makes the look-alikes one group.
    const rng = createRng(3);
    const { embeddings, who } = lookAlikes(rng, 2, 0.22, 4, 0.1);
    for (const s of [0, 1]) {
      embeddings.push(randomVector(rng, 128, 0.7));
      who.push(`stranger${s}`);
    }
    expect(groupingPurity(groupByPerson(embeddings, { refineMinClips: Infinity }), who).mixed).toEqual([['p0', 'p1']]);
    expect(groupingPurity(groupByPerson(embeddings), who)).toEqual({ groups: 4, split: [], mixed: [] });
    // Alone, the look-alikes' folder is cut between them too: the group is what its own folder gives.
    expect(groupingPurity(groupByPerson(embeddings.slice(0, 8)), who.slice(0, 8))).toEqual({ groups: 2, split: [], mixed: [] });
  });

  it('keeps one person together and never merges clips farther apart than the ceiling', () => {
    const one = synthetic(1, 8, 0.15);
    expect(groupByPerson(one.embeddings)).toEqual([Array.from({ length: 8 }, (_, i) => i)]);
    // Six strangers (about 1.0 apart): each alone, however well "two groups" might separate them.
    const strangers = synthetic(6, 1, 0.01);
    expect(groupByPerson(strangers.embeddings)).toHaveLength(6);
    // Four people whose clips spread wider than the ceiling allows are split, never mixed.
    const wide = synthetic(4, 6, 0.35, 11);
    const purity = groupingPurity(groupByPerson(wide.embeddings), wide.who);
    expect(purity.mixed).toEqual([]);
    expect(purity.split.length).toBeGreaterThan(0);
  });

  it('rejects embeddings of different lengths and a negative threshold', () => {
    expect(() => groupByPerson([new Float32Array(128), new Float32Array(64)])).toThrow(/embedding 1 has 64/);
    expect(() => groupByPerson([new Float32Array(4)], { threshold: -1 })).toThrow(TypeError);
  });
});

describe('summariseDistances and groupingPurity', () => {
  it('bracket a threshold that separates the people', () => {
    const { embeddings, who } = synthetic(3, 5, 0.1);
    const s = summariseDistances(embeddings, who);
    expect(Object.keys(s.within)).toEqual(['p0', 'p1', 'p2']);
    expect(Object.keys(s.between)).toEqual(['p0|p1', 'p0|p2', 'p1|p2']);
    const largestWithin = Math.max(...Object.values(s.within).map((w) => w.max));
    const smallestBetween = Math.min(...Object.values(s.between).map((b) => b.min));
    expect(largestWithin).toBeLessThan(smallestBetween);
    // Any cut between the two is pure.
    const groups = groupByPerson(embeddings, { threshold: (largestWithin + smallestBetween) / 2 });
    expect(groupingPurity(groups, who)).toEqual({ groups: 3, split: [], mixed: [] });
  });

  it('names split people and mixed groups', () => {
    const who = ['a', 'a', 'b', 'b', 'c'];
    expect(groupingPurity([[0], [1, 2], [3], [4]], who)).toEqual({ groups: 4, split: ['a', 'b'], mixed: [['a', 'b']] });
  });
});
