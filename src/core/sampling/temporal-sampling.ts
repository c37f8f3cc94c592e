/** Random temporal sampling to a fixed length K (§4.1, eq. 18; K = 32 in the paper). */
import type { Rng } from '../random';

/** Paper (§4.1): sequences are sampled to K = 32 frames. */
export const DEFAULT_SAMPLE_LENGTH = 32;
/** Evaluation averages the model output over this many samplings (as in the brief for §6.4). */
export const DEFAULT_EVALUATION_SAMPLINGS = 5;

function checkCounts(n: number, k: number): void {
  if (!Number.isInteger(n) || n < 1) throw new TypeError(`sampleIndices: n must be a positive integer, got ${n}`);
  if (!Number.isInteger(k) || k < 1) throw new TypeError(`sampleIndices: K must be a positive integer, got ${k}`);
}

/**
 * K frame indices in time order. n ≥ K: K distinct indices drawn uniformly at random. n < K: every
 * frame repeated ⌊K/n⌋ times, plus one extra copy of K mod n frames drawn at random, kept in order
 * (e.g. n = 3, K = 7 → [0,0,0,1,1,2,2] or another arrangement of the one extra copy).
 */
export function sampleIndices(n: number, k: number, rng: Rng): number[] {
  checkCounts(n, k);
  const all = Array.from({ length: n }, (_, i) => i);
  if (n >= k) return rng.shuffle(all).slice(0, k).sort((a, b) => a - b);
  const copies = new Array<number>(n).fill(Math.floor(k / n));
  for (const i of rng.shuffle(all).slice(0, k % n)) copies[i]! += 1;
  return copies.flatMap((c, i) => new Array<number>(c).fill(i));
}

/** `times` independent samplings of K indices for evaluation (the outputs are then averaged). */
export function evaluationSamplings(n: number, k: number, times: number = DEFAULT_EVALUATION_SAMPLINGS, rng: Rng): number[][] {
  if (!Number.isInteger(times) || times < 1) throw new TypeError(`evaluationSamplings: times must be a positive integer, got ${times}`);
  return Array.from({ length: times }, () => sampleIndices(n, k, rng));
}
