/**
 * Grouping clips by who is in them: agglomerative clustering (ml-hclust's `agnes`, average
 * linkage) of each clip's mean face embedding (the main track's 128-d face-api descriptors,
 * averaged over the clip), cut at a Euclidean distance. No labels and no file names: only faces.
 * Each group then serves as its person's calibration reference (docs/calibration.md).
 */
import { agnes } from 'ml-hclust';
import { euclidean, type NumericVector } from '../vector';

/** Settings of {@link groupByPerson}. */
export interface GroupingConfig {
  /**
   * A fixed cut: two groups merge while the average Euclidean distance between their clips' mean
   * embeddings is at most this. Undefined: the cut is the middle of the largest gap between the
   * dendrogram's merge heights within [`floor`, `ceiling`], so it follows the footage rather than
   * one dataset's distances. On our 7 actors (168 clips, docs/calibration.md) every fixed cut from
   * 0.365 to 0.39 gives one pure group per actor.
   */
  threshold?: number;
  /** Groups this close always merge: the same person (our actors' clips are all within 0.365). */
  floor: number;
  /** Groups this far apart never merge: face-api's usual distance between different people. */
  ceiling: number;
}

/** The settings the app uses (see GroupingConfig and docs/calibration.md). */
export const DEFAULT_GROUPING_CONFIG: Readonly<GroupingConfig> = Object.freeze({ threshold: 0.375, floor: 0.3, ceiling: 0.6 });

/** A dendrogram node as ml-hclust gives it. */
interface TreeNode {
  height: number;
  children: TreeNode[];
}

/** Every merge height of a dendrogram. */
function mergeHeights(node: TreeNode): number[] {
  return node.children.length === 0 ? [] : [node.height, ...node.children.flatMap(mergeHeights)];
}

/**
 * The cut in the middle of the largest gap between consecutive merge heights, counting `floor` and
 * `ceiling` as heights and ignoring those outside them: merges under the floor always happen, over
 * the ceiling never.
 */
export function largestGapCut(heights: readonly number[], floor: number, ceiling: number): number {
  if (!(floor >= 0 && ceiling > floor)) throw new TypeError(`largestGapCut: need 0 ≤ floor < ceiling, got ${floor}, ${ceiling}`);
  const points = [floor, ...heights.filter((h) => h > floor && h < ceiling).sort((a, b) => a - b), ceiling];
  let best = 0;
  for (let i = 1; i < points.length; i++) if (points[i]! - points[i - 1]! > points[best + 1]! - points[best]!) best = i - 1;
  return (points[best]! + points[best + 1]!) / 2;
}

/**
 * Groups `embeddings` (one per clip; null for a clip without a face) into people. Returns the
 * groups as lists of clip indices: each list ascending, groups ordered by their first clip. A
 * clip without an embedding is in no group.
 */
export function groupByPerson(embeddings: readonly (NumericVector | null)[], config: Partial<GroupingConfig> = {}): number[][] {
  const { threshold, floor, ceiling } = { ...DEFAULT_GROUPING_CONFIG, ...config };
  if (threshold !== undefined && !(threshold >= 0)) throw new TypeError(`groupByPerson: threshold must be ≥ 0, got ${threshold}`);
  const present = embeddings.flatMap((e, i) => (e ? [i] : []));
  if (present.length === 0) return [];
  const dim = embeddings[present[0]!]!.length;
  for (const i of present) {
    if (embeddings[i]!.length !== dim) throw new TypeError(`groupByPerson: embedding ${i} has ${embeddings[i]!.length} values, expected ${dim}`);
  }
  if (present.length === 1) return [present];
  const tree = agnes(present.map((i) => embeddings[i]!), { method: 'average', distanceFunction: euclidean });
  const cut = threshold ?? largestGapCut(mergeHeights(tree as unknown as TreeNode), floor, ceiling);
  return tree
    .cut(cut)
    .map((cluster) => cluster.indices().map((k) => present[k]!).sort((a, b) => a - b))
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
