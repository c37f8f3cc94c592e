/**
 * How familiar a clip is to the trained heads: the distance of one of its vectors (the main track's
 * mean context feature: the scene and framing; its mean face embedding: the person; the clip's
 * speech features: the voice, though not its language) from the training clips', in units of their spread per
 * dimension, over the largest distance any clip of a held-out actor had from the other actors'
 * clips. The heads were fitted to seven posed Javanese actors filmed one way; a video unlike them
 * is where they stop carrying. At most 1: as familiar as a new actor of our own set, for whom the
 * heads' figures hold.
 */

/** The training clips' centre and spread per dimension, and the distance counted familiar. */
export interface FamiliarityModel {
  mean: number[];
  scale: number[];
  /** The largest leave-one-actor-out distance, times the margin: scores are distances over this. */
  threshold: number;
}

/** A clip's familiarity: its distance over the threshold (familiar when ≤ 1). */
export interface Familiarity {
  score: number;
  familiar: boolean;
}

/**
 * A spread below this fraction of the median spread counts as this much: a dimension nearly
 * constant over our clips (a unit that never fires on them) would otherwise decide the distance.
 * Measured on our clips and the unfamiliar set (docs/results.md): at 0.1 one such dimension made
 * the held-out actors' largest distance 93 spreads and nothing was ever unfamiliar; at 1 the speech
 * features told English speech from ours in 42 of 42 clips with every actor held out familiar.
 */
const SCALE_FLOOR = 1;

/** Centre and spread (standard deviation, floored) per dimension of `vectors`. */
export function fitSpread(vectors: readonly ArrayLike<number>[]): { mean: number[]; scale: number[] } {
  if (vectors.length < 2) throw new TypeError('fitSpread: need at least two vectors');
  const d = vectors[0]!.length;
  const mean = new Array<number>(d).fill(0);
  const sq = new Array<number>(d).fill(0);
  for (const v of vectors) {
    if (v.length !== d) throw new TypeError(`fitSpread: vectors of ${d} and ${v.length} values`);
    for (let i = 0; i < d; i++) mean[i]! += v[i]! / vectors.length;
  }
  for (const v of vectors) for (let i = 0; i < d; i++) sq[i]! += (v[i]! - mean[i]!) ** 2 / (vectors.length - 1);
  const std = sq.map(Math.sqrt);
  const floor = SCALE_FLOOR * ([...std].sort((a, b) => a - b)[Math.floor(d / 2)] ?? 0) || 1e-6;
  return { mean, scale: std.map((s) => Math.max(s, floor)) };
}

/** Root-mean-square of `v`'s standardised distance from `spread`'s centre. */
export function spreadDistance(spread: { mean: readonly number[]; scale: readonly number[] }, v: ArrayLike<number>): number {
  if (v.length !== spread.mean.length) throw new TypeError(`spreadDistance: expected ${spread.mean.length} values, got ${v.length}`);
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += ((v[i]! - spread.mean[i]!) / spread.scale[i]!) ** 2;
  return Math.sqrt(sum / v.length);
}

/** Each vector's distance from the spread of the vectors of every other group (leave one group out). */
export function leaveOneGroupOutDistances(vectors: readonly ArrayLike<number>[], groups: readonly string[]): number[] {
  const spreads = new Map([...new Set(groups)].map((g) => [g, fitSpread(vectors.filter((_, i) => groups[i] !== g))]));
  return vectors.map((v, i) => spreadDistance(spreads.get(groups[i]!)!, v));
}

/**
 * Fits the familiarity model on the training clips' vectors and their actors: the spread of all of
 * them, and a threshold at `margin` times the largest distance a held-out actor's clip had from
 * the other actors' spread, so that every clip of every actor held out counts as familiar.
 */
export function fitFamiliarity(vectors: readonly ArrayLike<number>[], actors: readonly string[], margin = 1.1): FamiliarityModel {
  if (new Set(actors).size < 2) throw new TypeError('fitFamiliarity: need clips of at least two actors');
  const held = leaveOneGroupOutDistances(vectors, actors);
  return { ...fitSpread(vectors), threshold: margin * Math.max(...held) };
}

/** The familiarity of a clip's vector under `model`. */
export function familiarityOf(model: FamiliarityModel, v: ArrayLike<number>): Familiarity {
  const score = spreadDistance(model, v) / model.threshold;
  return { score: Math.round(score * 1000) / 1000, familiar: score <= 1 };
}

/** Throws a TypeError naming the field unless `value` is a FamiliarityModel. */
export function checkFamiliarityModel(value: unknown, field = 'familiarity'): FamiliarityModel {
  const v = value as Partial<FamiliarityModel> | null;
  const numbers = (a: unknown) => Array.isArray(a) && a.every((x) => Number.isFinite(x));
  if (!v || !numbers(v.mean) || !numbers(v.scale) || v.mean!.length !== v.scale!.length || !(v.threshold! > 0)) {
    throw new TypeError(`${field}: expected { mean, scale } of equal length and threshold > 0`);
  }
  return v as FamiliarityModel;
}
