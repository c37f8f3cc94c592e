/**
 * Fits one head on a set of training actors and predicts every other clip, for a path of L2
 * strengths at once (one scaling, Gram matrix and eigendecomposition per training set). The nested
 * protocol asks for the same training set many times (the inner fold that holds out actors a and b
 * is the same whichever of the two is the outer one), so results are memoised by (head, actors).
 */
import { NUM_EMOTIONS } from '../../core/labels';
import { fitColumnScaler, scaleRow, type ColumnScaler } from '../../core/learning/standardizer';
import { fitLogisticRegression, predictProba, rowSpan, type LinearClassifier } from '../../core/learning/logistic-regression';

/** The L2 strengths every head is tried with (λ in mean-loss + λ/2 ‖W‖², on standardised inputs). */
export const L2_PATH = Object.freeze([1e-3, 1e-2, 1e-1, 1]);

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

/** Fits `vectors`' rows of `train` (indices) for each λ in `l2s`. */
export function fitPath(vectors: readonly (Float64Array | null)[], labels: readonly number[], train: readonly number[], l2s: readonly number[]): FittedHead[] {
  const rows = train.filter((i) => vectors[i] !== null);
  const scaler = fitColumnScaler(rows.map((i) => vectors[i]!));
  const scaled = rows.map((i) => scaleRow(vectors[i]!, scaler));
  const span = rowSpan(scaled);
  const y = rows.map((i) => labels[i]!);
  return l2s.map((l2) => ({ scaler, l2, classifier: fitLogisticRegression(span, y, { l2, classes: NUM_EMOTIONS }) }));
}

/** Probabilities of one raw vector under a fitted head (the prior when the vector is missing). */
export function predictHead(head: FittedHead, vector: Float64Array | null, fallback: Float64Array): Float64Array {
  return vector ? predictProba(head.classifier, scaleRow(vector, head.scaler)) : fallback;
}

/** Memoised cross-fits of every head over actor sets. */
export class CrossFitter {
  readonly #cache = new Map<string, PathPrediction>();
  fits = 0;

  constructor(
    readonly clips: readonly ProtocolClip[],
    readonly vectors: ReadonlyMap<string, readonly (Float64Array | null)[]>,
    readonly l2s: readonly number[] = L2_PATH,
  ) {}

  /** Probabilities of every clip outside `trainActors` for `head`, per λ. */
  predictOutside(head: string, trainActors: readonly string[]): PathPrediction {
    const key = `${head}|${[...trainActors].sort().join(',')}`;
    const hit = this.#cache.get(key);
    if (hit) return hit;
    const vectors = this.vectors.get(head);
    if (!vectors) throw new TypeError(`no vectors for head ${head}`);
    const inTrain = new Set(trainActors);
    const train = this.clips.flatMap((c, i) => (inTrain.has(c.actor) ? [i] : []));
    const labels = this.clips.map((c) => c.label);
    const fitted = fitPath(vectors, labels, train, this.l2s);
    this.fits++;
    const fallback = prior(train.map((i) => labels[i]!));
    const byL2 = fitted.map((f) => this.clips.map((c, i) => (inTrain.has(c.actor) ? null : predictHead(f, vectors[i]!, fallback))));
    const out = { byL2 };
    this.#cache.set(key, out);
    return out;
  }
}
