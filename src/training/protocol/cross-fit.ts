/**
 * Fits one head on a set of training actors and predicts every other clip, for a path of L2
 * strengths at once. Each head's inputs are standardised once over every clip (column statistics,
 * no labels: the same statistics the shipped head folds in), so one Gram matrix of all clips serves
 * every training set: a fold only decomposes its sub-matrix and predicts from inner products,
 * never touching the 4 000–16 000 input values again. The nested protocol asks for the same
 * training set many times (the inner fold that holds out actors a and b is the same whichever of
 * the two is the outer one), so results are memoised by (head, actors).
 */
import { NUM_EMOTIONS } from '../../core/labels';
import { fitColumnScaler, scaleRow, type ColumnScaler } from '../../core/learning/standardizer';
import {
  fitInSpan,
  gramMatrix,
  predictProbaFromKernel,
  primalOf,
  rowSpan,
  type LinearClassifier,
} from '../../core/learning/logistic-regression';

/**
 * The L2 strengths every head is tried with (λ in mean-loss + λ/2 ‖W‖², on standardised inputs),
 * strongest first so each fit warm-starts the next. A first run with 1e-3 … 1 chose the top end
 * most often for the face pyramids, so the path reaches 10.
 */
export const L2_PATH = Object.freeze([10, 1, 1e-1, 1e-2]);

/** Solver tolerance of the heads: the largest gradient entry of the mean loss. */
export const HEAD_GRAD_TOL = 1e-4;

/** One clip as the protocol sees it. */
export interface ProtocolClip {
  file: string;
  actor: string;
  label: number;
}

/** Probabilities per clip (7 each, paper order); `null` rows are clips in the training set. */
export type ProbRows = (Float64Array | null)[];

/** What a fit gives: probabilities of the clips outside the training set, per λ of the path. */
export interface PathPrediction {
  byL2: ProbRows[];
}

/** A fitted head ready to ship: the scaler and the classifier over scaled inputs. */
export interface FittedHead {
  scaler: ColumnScaler;
  classifier: LinearClassifier;
  l2: number;
}

/** Uniform over the classes seen in training: the answer for a clip without this head's input. */
function prior(labels: readonly number[]): Float64Array {
  const present = [...new Set(labels)];
  const p = new Float64Array(NUM_EMOTIONS);
  for (const c of present) p[c] = 1 / present.length;
  return p;
}

/** One head's standardised inputs over every clip and their Gram matrix. */
interface HeadKernel {
  scaler: ColumnScaler;
  /** Clip index → row in `gram` (clips without the input have none). */
  rowOf: Map<number, number>;
  rows: Float64Array[];
  gram: Float64Array;
}

function headKernel(vectors: readonly (Float64Array | null)[], statsClips?: number): HeadKernel {
  const present = vectors.flatMap((v, i) => (v ? [i] : []));
  const scaler = fitColumnScaler(present.filter((i) => statsClips === undefined || i < statsClips).map((i) => vectors[i]!));
  const rows = present.map((i) => scaleRow(vectors[i]!, scaler));
  return { scaler, rowOf: new Map(present.map((i, k) => [i, k])), rows, gram: gramMatrix(rows) };
}

/** Sub-matrix of a square `gram` (side m) over `rows` × `cols`. */
function subGram(gram: Float64Array, m: number, rows: readonly number[], cols: readonly number[]): Float64Array {
  const out = new Float64Array(rows.length * cols.length);
  rows.forEach((r, a) => cols.forEach((c, b) => (out[a * cols.length + b] = gram[r * m + c]!)));
  return out;
}

/** Fits `vectors`' training clips `train` at each λ of `l2s` (the shipped heads: scaler over those clips). */
export function fitPath(vectors: readonly (Float64Array | null)[], labels: readonly number[], train: readonly number[], l2s: readonly number[]): FittedHead[] {
  const kernel = headKernel(train.map((i) => vectors[i]!));
  const idx = train.flatMap((i, k) => (vectors[i] ? [k] : []));
  const span = rowSpan(subGram(kernel.gram, kernel.rows.length, idx, idx), idx.length);
  const y = idx.map((k) => labels[train[k]!]!);
  const rows = idx.map((k) => kernel.rows[kernel.rowOf.get(k)!]!);
  return l2s.map((l2) => ({ scaler: kernel.scaler, l2, classifier: primalOf(rows, fitInSpan(span, y, { l2, classes: NUM_EMOTIONS, solver: { gradTol: HEAD_GRAD_TOL } })) }));
}

/** Memoised cross-fits of every head over actor sets. */
export class CrossFitter {
  readonly #cache = new Map<string, PathPrediction>();
  readonly #kernels = new Map<string, HeadKernel>();
  fits = 0;

  constructor(
    readonly clips: readonly ProtocolClip[],
    readonly vectors: ReadonlyMap<string, readonly (Float64Array | null)[]>,
    readonly l2s: readonly number[] = L2_PATH,
    /** Probabilities per clip of outputs that are given, not fitted (the untrained `general`): members and candidates like any head. */
    readonly given: ReadonlyMap<string, readonly (readonly number[])[]> = new Map(),
    /** Column statistics over the first this many clips only (the transfer check's other footage comes after ours and must not move them); default all. */
    readonly statsClips?: number,
  ) {}

  #kernel(head: string): HeadKernel {
    let k = this.#kernels.get(head);
    if (!k) {
      const vectors = this.vectors.get(head);
      if (!vectors) throw new TypeError(`no vectors for head ${head}`);
      k = headKernel(vectors, this.statsClips);
      this.#kernels.set(head, k);
    }
    return k;
  }

  /** Records a fit made elsewhere (another process ran that outer fold). */
  prime(head: string, trainActors: readonly string[], prediction: PathPrediction): void {
    this.#cache.set(`${head}|${[...trainActors].sort().join(',')}`, prediction);
  }

  /** Probabilities of every clip outside `trainActors` for `head`, per λ. */
  predictOutside(head: string, trainActors: readonly string[]): PathPrediction {
    const key = `${head}|${[...trainActors].sort().join(',')}`;
    const hit = this.#cache.get(key);
    if (hit) return hit;
    const kernel = this.#kernel(head);
    const m = kernel.rows.length;
    const inTrain = new Set(trainActors);
    const labels = this.clips.map((c) => c.label);
    const train = this.clips.flatMap((c, i) => (inTrain.has(c.actor) && kernel.rowOf.has(i) ? [i] : []));
    const trainRows = train.map((i) => kernel.rowOf.get(i)!);
    const span = rowSpan(subGram(kernel.gram, m, trainRows, trainRows), trainRows.length);
    const y = train.map((i) => labels[i]!);
    const fallback = prior(y);
    this.fits++;
    let warm: Float64Array | undefined;
    const byL2 = this.l2s.map((l2) => {
      const dual = fitInSpan(span, y, { l2, classes: NUM_EMOTIONS, solver: { gradTol: HEAD_GRAD_TOL } }, warm);
      warm = dual.solution;
      return this.clips.map((c, i) => {
        if (inTrain.has(c.actor)) return null;
        const row = kernel.rowOf.get(i);
        return row === undefined ? fallback : predictProbaFromKernel(dual, trainRows.map((t) => kernel.gram[row * m + t]!));
      });
    });
    const out = { byL2 };
    this.#cache.set(key, out);
    return out;
  }
}
