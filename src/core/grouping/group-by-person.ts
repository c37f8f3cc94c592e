/**
 * Grouping clips by who is in them: agglomerative clustering (average linkage, average-linkage.ts)
 * of each clip's mean face embedding (the main track's 128-d face-api descriptors,
 * averaged over the clip), cut where the groups are best separated (mean silhouette), within
 * bounds. No labels and no file names: only faces. Each group then serves as its person's
 * calibration reference (docs/calibration.md).
 */
import { euclidean, type NumericVector } from '../vector';
import { averageLinkage, cutMerges, packedDistances, type Distances } from './average-linkage';

/** Settings of {@link groupByPerson} (measured in docs/calibration.md). */
export interface GroupingConfig {
  /** A fixed cut instead of the chosen one (for measuring): groups merge while their average distance is at most this. */
  threshold?: number;
  /** Groups this close always merge: the same person. */
  floor: number;
  /**
   * Groups farther apart than this never merge: two of our actors are 0.40 apart on average. A
   * person whose clips spread wider (another camera) is split: analysed uncalibrated, the safe
   * failure, where merging two people would calibrate each to the other.
   */
  ceiling: number;
  /** Where the search for the best-separated cut stops (above the ceiling, so a clear structure there still counts). */
  searchCeiling: number;
  /** Under this mean silhouette the folder shows no clear people (one person, or noise): the cut is the ceiling. */
  minSilhouette: number;
  /**
   * Each group of at least this many clips is grouped again on its own, as a folder of only those
   * clips would be (see groupByPerson); smaller groups are kept: the silhouette of two clips against
   * two is noise.
   */
  refineMinClips: number;
}

/** The settings the app uses (see GroupingConfig and docs/calibration.md). */
export const DEFAULT_GROUPING_CONFIG: Readonly<GroupingConfig> = Object.freeze({ floor: 0.3, ceiling: 0.375, searchCeiling: 0.6, minSilhouette: 0.3, refineMinClips: 5 });

/**
 * Mean silhouette of a labelling (Rousseeuw 1987) from a distance matrix: for each clip, how much
 * nearer its own group is than the nearest other one, in [−1, 1]; a clip alone in its group counts
 * 0. Null with one group or every clip alone (nothing to compare). Our own: ml-hclust has none, and
 * it is a dozen lines.
 */
export function meanSilhouette(distances: Distances, labels: readonly number[]): number | null {
  const n = labels.length;
  const dense = new Map<number, number>();
  const group = labels.map((l) => dense.get(l) ?? (dense.set(l, dense.size), dense.size - 1));
  const count = dense.size;
  if (count < 2 || count === n) return null;
  const sizes = new Float64Array(count);
  for (const g of group) sizes[g]!++;
  const sums = new Float64Array(count);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const own = group[i]!;
    if (sizes[own] === 1) continue;
    sums.fill(0);
    for (let j = 0; j < n; j++) if (j !== i) sums[group[j]!]! += distances.at(i, j);
    const a = sums[own]! / (sizes[own]! - 1);
    let b = Infinity;
    for (let g = 0; g < count; g++) if (g !== own) b = Math.min(b, sums[g]! / sizes[g]!);
    const scale = Math.max(a, b);
    total += scale > 0 ? (b - a) / scale : 0;
  }
  return total / n;
}

/**
 * The cut of a dendrogram: among cuts between consecutive merge heights within [`floor`,
 * `searchCeiling`], the one whose groups have the highest mean silhouette; the ceiling when that
 * silhouette is under `minSilhouette` (no clear people); never above the ceiling. `labelsAt(cut)`
 * gives each clip's group at a cut.
 */
export function silhouetteCut(
  heights: readonly number[],
  distances: Distances,
  labelsAt: (cut: number) => number[],
  config: Omit<GroupingConfig, 'threshold' | 'refineMinClips'>,
): number {
  const { floor, ceiling, searchCeiling, minSilhouette } = config;
  if (!(floor >= 0 && ceiling >= floor && searchCeiling >= ceiling)) {
    throw new TypeError(`silhouetteCut: need 0 ≤ floor ≤ ceiling ≤ searchCeiling, got ${floor}, ${ceiling}, ${searchCeiling}`);
  }
  const points = [floor, ...heights.filter((h) => h > floor && h < searchCeiling).sort((a, b) => a - b), searchCeiling];
  let best = { silhouette: -Infinity, cut: ceiling };
  for (let i = 1; i < points.length; i++) {
    const cut = (points[i - 1]! + points[i]!) / 2;
    const silhouette = meanSilhouette(distances, labelsAt(cut));
    if (silhouette !== null && silhouette > best.silhouette) best = { silhouette, cut };
  }
  return best.silhouette >= minSilhouette ? Math.min(best.cut, ceiling) : ceiling;
}

/**
 * Groups `embeddings` (one per clip; null for a clip without a usable face) into people. Returns the
 * groups as lists of clip indices: each list ascending, groups ordered by their first clip. A
 * clip without an embedding is in no group.
 *
 * A group is kept only if a folder of its clips alone would be left whole: the silhouette prefers
 * coarse groups when some clips are far from the rest (two look-alikes are "one group" beside
 * strangers), so every group of `refineMinClips` or more, when the folder split into several, is
 * grouped again on its own. Measured in docs/calibration.md.
 */
export function groupByPerson(embeddings: readonly (NumericVector | null)[], config: Partial<GroupingConfig> = {}): number[][] {
  const { threshold, ...bounds } = { ...DEFAULT_GROUPING_CONFIG, ...config };
  if (threshold !== undefined && !(threshold >= 0)) throw new TypeError(`groupByPerson: threshold must be ≥ 0, got ${threshold}`);
  const present = embeddings.flatMap((e, i) => (e ? [i] : []));
  if (present.length === 0) return [];
  const dim = embeddings[present[0]!]!.length;
  for (const i of present) {
    if (embeddings[i]!.length !== dim) throw new TypeError(`groupByPerson: embedding ${i} has ${embeddings[i]!.length} values, expected ${dim}`);
  }
  if (present.length === 1) return [present];
  const vectors = present.map((i) => embeddings[i]!);
  const distances = packedDistances(vectors);
  const merges = averageLinkage(distances);
  const clustersAt = (cut: number) => cutMerges(vectors.length, merges, cut);
  const labelsAt = (cut: number) => {
    const labels = new Array<number>(present.length);
    clustersAt(cut).forEach((members, g) => members.forEach((k) => (labels[k] = g)));
    return labels;
  };
  const cut = threshold ?? silhouetteCut(merges.map((m) => m.height), distances, labelsAt, bounds);
  const clusters = clustersAt(cut);
  const refined =
    threshold !== undefined || clusters.length < 2
      ? clusters
      : clusters.flatMap((members) =>
          members.length < bounds.refineMinClips ? [members] : groupByPerson(members.map((k) => vectors[k]!), config).map((g) => g.map((j) => members[j]!)),
        );
  return refined
    .map((members) => members.map((k) => present[k]!).sort((a, b) => a - b))
    .sort((a, b) => a[0]! - b[0]!);
}

/** Distances between clips of the same person and of different people, given known people (for measuring a threshold). */
export interface DistanceSummary {
  /** Per person: the largest distance between two of their clips, and the mean. */
  within: Record<string, { max: number; mean: number }>;
  /** Per pair of people: the smallest distance between a clip of one and a clip of the other, and the mean. */
  between: Record<string, { min: number; mean: number }>;
}

/**
 * Pairwise distances summarised by person: what a grouping threshold must separate. `people[i]`
 * names clip i's person (known only when measuring, never in the app); clips without an
 * embedding are skipped.
 */
export function summariseDistances(embeddings: readonly (NumericVector | null)[], people: readonly string[]): DistanceSummary {
  const pairs = new Map<string, number[]>();
  for (let i = 0; i < embeddings.length; i++) {
    for (let j = i + 1; j < embeddings.length; j++) {
      const a = embeddings[i];
      const b = embeddings[j];
      if (!a || !b) continue;
      const [p, q] = [people[i]!, people[j]!].sort();
      const key = p === q ? p! : `${p}|${q}`;
      let list = pairs.get(key);
      if (!list) pairs.set(key, (list = []));
      list.push(euclidean(a, b));
    }
  }
  const summary: DistanceSummary = { within: {}, between: {} };
  for (const [key, d] of [...pairs].sort(([a], [b]) => a.localeCompare(b))) {
    const mean = d.reduce((s, x) => s + x, 0) / d.length;
    if (key.includes('|')) summary.between[key] = { min: Math.min(...d), mean };
    else summary.within[key] = { max: Math.max(...d), mean };
  }
  return summary;
}

/** How a grouping matches known people: every person in one group, and no group holding two. */
export interface GroupingPurity {
  /** Number of groups. */
  groups: number;
  /** People whose clips landed in more than one group. */
  split: string[];
  /** Groups holding clips of more than one person (as lists of those people). */
  mixed: string[][];
}

/** Checks `groups` (clip indices) against the known `people[i]` of each clip. */
export function groupingPurity(groups: readonly (readonly number[])[], people: readonly string[]): GroupingPurity {
  const groupsOf = new Map<string, Set<number>>();
  const mixed: string[][] = [];
  groups.forEach((g, k) => {
    const inGroup = new Set(g.map((i) => people[i]!));
    for (const p of inGroup) {
      let set = groupsOf.get(p);
      if (!set) groupsOf.set(p, (set = new Set()));
      set.add(k);
    }
    if (inGroup.size > 1) mixed.push([...inGroup].sort());
  });
  const split = [...groupsOf].filter(([, s]) => s.size > 1).map(([p]) => p).sort();
  return { groups: groups.length, split, mixed };
}
