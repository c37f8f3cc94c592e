/**
 * Average-linkage (UPGMA) agglomerative clustering by the nearest-neighbour chain: O(n²) time, the
 * distances packed in one typed array. Kept instead of ml-hclust's `agnes` because agnes rebuilds
 * its whole distance matrix at every merge (cubic: 1440 clips 7 s, 3000 clips 88 s and ~400 MB, a
 * CREMA-D-sized folder of 7442 ~20 min and more memory than a tab has); the merges are the same
 * (average linkage is reducible, so the chain finds exactly its pairs; group-by-person.test checks
 * the cuts against agnes).
 */
import { euclidean, type NumericVector } from '../vector';

/** Pairwise distances of `n` items: `at(i, j)` for i ≠ j. */
export interface Distances {
  readonly n: number;
  at(i: number, j: number): number;
}

/** Distances kept as the upper triangle of the n × n matrix, row by row (n(n−1)/2 values). */
export interface PackedDistances extends Distances {
  readonly packed: Float64Array;
}

/** Index of the pair {i, j}, i ≠ j, in a packed upper triangle of an n × n matrix. */
function packedIndex(n: number, i: number, j: number): number {
  const [lo, hi] = i < j ? [i, j] : [j, i];
  return lo * n - (lo * (lo + 1)) / 2 + (hi - lo - 1);
}

/** Euclidean distances between `vectors`, computed once into a packed triangle. */
export function packedDistances(vectors: readonly NumericVector[]): PackedDistances {
  const n = vectors.length;
  const packed = new Float64Array((n * (n - 1)) / 2);
  for (let i = 0, k = 0; i < n; i++) for (let j = i + 1; j < n; j++) packed[k++] = euclidean(vectors[i]!, vectors[j]!);
  return { n, packed, at: (i, j) => (i === j ? 0 : packed[packedIndex(n, i, j)]!) };
}

/** One merge of the dendrogram: the clusters holding items `a` and `b` joined at `height`. */
export interface Merge {
  a: number;
  b: number;
  height: number;
}

/** The n − 1 merges of average linkage over `distances`, lowest first. */
export function averageLinkage(distances: PackedDistances): Merge[] {
  const { n } = distances;
  // Working copy: cluster i's entries hold its average distance to every other live cluster.
  const d = distances.packed.slice();
  const dist = (i: number, j: number) => d[packedIndex(n, i, j)]!;
  const set = (i: number, j: number, v: number) => (d[packedIndex(n, i, j)] = v);
  const size = new Float64Array(n).fill(1);
  const alive = new Uint8Array(n).fill(1);
  const merges: Merge[] = [];
  const chain: number[] = [];
  for (let left = n; left > 1; ) {
    if (chain.length === 0) chain.push(alive.indexOf(1));
    const a = chain[chain.length - 1]!;
    const previous = chain.length > 1 ? chain[chain.length - 2]! : -1;
    // Nearest live cluster to a; on a tie the one it came from, so that the chain always ends.
    let b = previous;
    let best = previous >= 0 ? dist(a, previous) : Infinity;
    for (let k = 0; k < n; k++) {
      if (k === a || !alive[k]) continue;
      const v = dist(a, k);
      if (v < best) {
        best = v;
        b = k;
      }
    }
    if (b !== previous) {
      chain.push(b);
      continue;
    }
    // a and b are each other's nearest: merge b into a's slot (Lance–Williams for the average).
    chain.length -= 2;
    merges.push({ a, b, height: best });
    const [na, nb] = [size[a]!, size[b]!];
    for (let k = 0; k < n; k++) {
      if (k === a || k === b || !alive[k]) continue;
      set(a, k, (na * dist(a, k) + nb * dist(b, k)) / (na + nb));
    }
    size[a] = na + nb;
    alive[b] = 0;
    left--;
  }
  return merges.sort((x, y) => x.height - y.height);
}

/** The groups (item indices, ascending) of the tree cut at `height`: every merge at or below it made. */
export function cutMerges(n: number, merges: readonly Merge[], height: number): number[][] {
  const parent = Array.from({ length: n }, (_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (const m of merges) if (m.height <= height) parent[root(m.b)] = root(m.a);
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = root(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  }
  return [...groups.values()];
}
