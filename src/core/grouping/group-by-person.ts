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
   * Two groups merge while the average Euclidean distance between their clips' mean embeddings is
   * at most this. Measured on our 7 actors (168 clips, docs/calibration.md): every threshold from
   * 0.365 to 0.39 gives one pure group per actor; 0.375 is the middle.
   */
  threshold: number;
}

/** The threshold the app uses (see GroupingConfig.threshold and docs/calibration.md). */
export const DEFAULT_GROUPING_CONFIG: Readonly<GroupingConfig> = Object.freeze({ threshold: 0.375 });

/**
 * Groups `embeddings` (one per clip; null for a clip without a face) into people. Returns the
 * groups as lists of clip indices: each list ascending, groups ordered by their first clip. A
 * clip without an embedding is in no group.
 */
export function groupByPerson(embeddings: readonly (NumericVector | null)[], config: Partial<GroupingConfig> = {}): number[][] {
  const { threshold } = { ...DEFAULT_GROUPING_CONFIG, ...config };
  if (!(threshold >= 0)) throw new TypeError(`groupByPerson: threshold must be ≥ 0, got ${threshold}`);
  const present = embeddings.flatMap((e, i) => (e ? [i] : []));
  if (present.length === 0) return [];
  const dim = embeddings[present[0]!]!.length;
  for (const i of present) {
    if (embeddings[i]!.length !== dim) throw new TypeError(`groupByPerson: embedding ${i} has ${embeddings[i]!.length} values, expected ${dim}`);
  }
  if (present.length === 1) return [present];
  const tree = agnes(present.map((i) => embeddings[i]!), { method: 'average', distanceFunction: euclidean });
  return tree
    .cut(threshold)
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
