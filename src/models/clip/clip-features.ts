/**
 * The per-frame inputs every temporal model reads from the main track of a clip, and the two ways
 * they are turned into a network input: a temporal-pyramid vector (§4.2) and a K-frame sequence (§4.1).
 * Pure TypeScript (no tfjs), shared by the browser predictor and the Node trainer.
 */
import { temporalPyramid } from '../../core/pyramid/temporal-pyramid';
import { EXPRESSION_GEOMETRY_DIM, expressionGeometry } from '../../core/face-geometry/expression-geometry';
import { LANDMARK_VALUES } from '../../core/face-geometry/landmarks';
import type { ClipRecord } from '../../shared/face-record';

/**
 * Which face model a temporal model reads (the paper runs its temporal models over several face
 * backbones): face-api's expression net (`probs`, `faceFeature`), Human's FER2013 net (`ferProbs`,
 * `ferFeature`), both side by side (probabilities, then features, face-api's first), or neither
 * (`none`: a pyramid of the face's expression geometry alone, PyramidSpec.geometry).
 */
export type FaceSource = 'face-api' | 'fer' | 'both' | 'none';

/** Probabilities and feature values per frame that `source` gives. */
export function faceDims(source: FaceSource = 'face-api'): { probs: number; feature: number } {
  if (source === 'none') return { probs: 0, feature: 0 };
  return source === 'both' ? { probs: 2 * PROB_DIM, feature: 2 * FACE_DIM } : { probs: PROB_DIM, feature: FACE_DIM };
}

/** Which blocks of the main track a pyramid vector reads (a Temporal-Pyramid model's input settings). */
export interface PyramidSpec {
  /** Pyramid levels (the paper's groups: [3], [4], [0, 1, 2, 3]). */
  readonly levels: readonly number[];
  /** Include the context block (CenterNet person features). */
  readonly context: boolean;
  /** Face model read (absent: face-api, as every model trained before the FER net was added). */
  readonly face?: FaceSource;
  /** false: segment means of the features only, without the probabilities' min/mean/max (absent: true). */
  readonly probs?: boolean;
  /** Append the face's expression geometry (src/core/face-geometry, from its landmarks) to the face features (absent: false). */
  readonly geometry?: boolean;
}

/** Face-emotion probabilities per frame. */
export const PROB_DIM = 7;
/** face-api FaceExpressionNet penultimate feature size. */
export const FACE_DIM = 256;
/** CenterNet backbone channels pooled over the person box. */
export const CONTEXT_DIM = 480;

const EMPTY = new Float32Array(0);

function concat(a: Float32Array, b: Float32Array): Float32Array {
  const out = new Float32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The probabilities and feature of `source` in one record (throws when the record lacks them). */
export function faceOf(r: ClipRecord, source: FaceSource = 'face-api'): { probs: Float32Array; feature: Float32Array } {
  if (source === 'none') return { probs: EMPTY, feature: EMPTY };
  if (source === 'face-api') return { probs: r.probs, feature: r.faceFeature };
  if (!r.ferProbs || !r.ferFeature) throw new TypeError('record: no FER probabilities/feature (ferProbs, ferFeature)');
  if (source === 'fer') return { probs: r.ferProbs, feature: r.ferFeature };
  return { probs: concat(r.probs, r.ferProbs), feature: concat(r.faceFeature, r.ferFeature) };
}

/** Throws a TypeError unless there is at least one record with the expected sizes (of `source`'s face block, and landmarks with `geometry`). */
export function checkRecords(records: readonly ClipRecord[], source: FaceSource = 'face-api', geometry = false): void {
  if (records.length === 0) throw new TypeError('records: need at least one frame of the main track');
  records.forEach((r, i) => {
    if (r.probs.length !== PROB_DIM || r.faceFeature.length !== FACE_DIM || r.contextFeature.length !== CONTEXT_DIM) {
      throw new TypeError(`records[${i}]: expected ${PROB_DIM} probs, ${FACE_DIM} face and ${CONTEXT_DIM} context values`);
    }
    if (geometry && r.landmarks?.length !== LANDMARK_VALUES) throw new TypeError(`records[${i}]: expected ${LANDMARK_VALUES} landmark values`);
    if ((source === 'fer' || source === 'both') && (r.ferProbs?.length !== PROB_DIM || r.ferFeature?.length !== FACE_DIM)) {
      throw new TypeError(`records[${i}]: expected ${PROB_DIM} FER probs and ${FACE_DIM} FER feature values`);
    }
  });
}

/** Length of the pyramid vector `spec` reads. */
export function pyramidLength(spec: PyramidSpec): number {
  const segments = spec.levels.reduce((s, l) => s + 2 ** l, 0);
  const face = faceDims(spec.face);
  const feature = face.feature + (spec.geometry ? EXPRESSION_GEOMETRY_DIM : 0);
  return segments * (feature + (spec.context ? CONTEXT_DIM : 0) + (spec.probs === false ? 0 : 3 * face.probs));
}

/** Eq. 28 pyramid vector of a track, reading the blocks `spec` names. */
export function pyramidInput(records: readonly ClipRecord[], spec: PyramidSpec): Float32Array {
  return temporalPyramid(
    records.map((r) => {
      const face = faceOf(r, spec.face);
      return {
        faceFeatures: spec.geometry ? concat(face.feature, expressionGeometry(landmarksOf(r))) : face.feature,
        contextFeatures: spec.context ? r.contextFeature : EMPTY,
        emotionProbs: spec.probs === false ? EMPTY : face.probs,
      };
    }),
    spec.levels,
  ).vector;
}

function landmarksOf(r: ClipRecord): Float32Array {
  if (!r.landmarks) throw new TypeError('record: no landmarks (a geometry pyramid reads them)');
  return r.landmarks;
}

/** Size of one frame of a sequence input: [probs, face feature(, context feature)] of `source`. */
export function frameInputLength(context: boolean, source: FaceSource = 'face-api'): number {
  const face = faceDims(source);
  return face.probs + face.feature + (context ? CONTEXT_DIM : 0);
}

/** The frames at `indices` as one flat K×D row-major block ([probs, face(, context)] per frame). */
export function sequenceInput(records: readonly ClipRecord[], indices: readonly number[], context: boolean, source: FaceSource = 'face-api'): Float32Array {
  const d = frameInputLength(context, source);
  const out = new Float32Array(indices.length * d);
  indices.forEach((t, k) => {
    const r = records[t]!;
    const face = faceOf(r, source);
    out.set(face.probs, k * d);
    out.set(face.feature, k * d + face.probs.length);
    if (context) out.set(r.contextFeature, k * d + face.probs.length + face.feature.length);
  });
  return out;
}
