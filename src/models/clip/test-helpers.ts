/** Synthetic records and tiny model configs shared by the temporal model and training tests. */
import { createRng } from '../../core/random';
import { LANDMARK_VALUES } from '../../core/face-geometry/landmarks';
import { CONTEXT_DIM, FACE_DIM, PROB_DIM } from './clip-features';
import type { SpatioTemporalConfig } from './spatio-temporal';
import type { TemporalPyramidConfig } from './temporal-pyramid';
import type { ClipRecord } from '../../shared/face-record';

/** `n` random records (with both face models and landmarks); `shift` moves the face features (to make classes separable). */
export function syntheticRecords(n: number, seed: number, shift = 0): ClipRecord[] {
  const rng = createRng(seed);
  const randomProbs = () => {
    const probs = Float32Array.from({ length: PROB_DIM }, () => rng.next() + 0.01);
    const sum = probs.reduce((a, b) => a + b, 0);
    return probs.map((p) => p / sum);
  };
  return Array.from({ length: n }, () => ({
    probs: randomProbs(),
    faceFeature: Float32Array.from({ length: FACE_DIM }, (_, i) => rng.next() + (i < 8 ? shift : 0)),
    contextFeature: Float32Array.from({ length: CONTEXT_DIM }, () => rng.next()),
    ferProbs: randomProbs(),
    ferFeature: Float32Array.from({ length: FACE_DIM }, (_, i) => 2 * rng.next() + (i < 8 ? shift : 0)),
    landmarks: Float32Array.from({ length: LANDMARK_VALUES }, () => rng.next()),
  }));
}

/** A small Temporal-Pyramid variant. */
export const TINY_TP: TemporalPyramidConfig = { kind: 'temporal-pyramid', levels: [0, 1], context: true, hidden: 0, dropout: 0.2, l2: 1e-3 };

/** A small Spatio-Temporal variant (K = 8, S = 4, two 3D CNN blocks). */
export const TINY_ST: SpatioTemporalConfig = {
  kind: 'spatio-temporal', context: false, sampleLength: 8, mapSize: 4, lstmUnits: 8, filters: [4, 4], fcUnits: 8, dropout: 0.2, l2: 0, samplings: 3,
};
