/** Context temporal-pyramid features (§4.2, eqs. 26–28). */
import { assertSameLength, type NumericVector } from '../vector';

/** One frame's inputs to the pyramid: face features, context features, emotion probabilities. */
export interface PyramidFrame {
  readonly faceFeatures: NumericVector;
  readonly contextFeatures: NumericVector;
  readonly emotionProbs: NumericVector;
}

/** Level groups the paper evaluates (Table 5): level 3, level 4, and levels 0–3. */
export const PYRAMID_LEVEL_GROUPS = Object.freeze({
  level3: Object.freeze([3]),
  level4: Object.freeze([4]),
  levels0to3: Object.freeze([0, 1, 2, 3]),
});

/** Where one segment's block sits in the flat vector and which frames it covers. */
export interface PyramidSegment {
  readonly level: number;
  /** j in 0 … 2^level − 1. */
  readonly index: number;
  /** Frames [start, end) aggregated; for short sequences one reused frame (never empty). */
  readonly start: number;
  readonly end: number;
  /** Offset of the block in the flat vector; the sub-blocks follow at the offsets below. */
  readonly offset: number;
  readonly faceOffset: number;
  readonly contextOffset: number;
  readonly probMinOffset: number;
  readonly probMeanOffset: number;
  readonly probMaxOffset: number;
}

/** Layout of the flat vector, for drawing it. */
export interface PyramidLayout {
  readonly levels: readonly number[];
  readonly frameCount: number;
  readonly faceDim: number;
  readonly contextDim: number;
  readonly probDim: number;
  /** faceDim + contextDim + 3·probDim. */
  readonly blockSize: number;
  readonly segments: readonly PyramidSegment[];
  /** Total length of the vector. */
  readonly length: number;
}

/** The pyramid vector and its layout. */
export interface PyramidOutput {
  readonly vector: Float32Array;
  readonly layout: PyramidLayout;
}

/** Maximum supported level (2^8 = 256 segments); the paper uses 0–4. */
export const MAX_PYRAMID_LEVEL = 8;

/**
 * Frame range of segment j of 2^level over n frames: [⌊j·n/S⌋, ⌊(j+1)·n/S⌋), or, when that is empty
 * (n < S), the single frame containing the segment's centre time, ⌊(j + ½)·n/S⌋.
 */
export function segmentRange(n: number, level: number, j: number): [number, number] {
  const s = 2 ** level;
  const start = Math.floor((j * n) / s);
  const end = Math.floor(((j + 1) * n) / s);
  if (end > start) return [start, end];
  const f = Math.min(n - 1, Math.floor(((j + 0.5) * n) / s));
  return [f, f + 1];
}

/** Computes only the layout (segments and offsets) for n frames and the given dimensions. */
export function pyramidLayout(
  frameCount: number,
  levels: readonly number[],
  dims: { readonly faceDim: number; readonly contextDim: number; readonly probDim: number },
): PyramidLayout {
  if (!Number.isInteger(frameCount) || frameCount < 1) throw new TypeError('temporalPyramid: the frame sequence is empty');
  if (levels.length === 0) throw new TypeError('temporalPyramid: levels must not be empty');
  for (const l of levels) {
    if (!Number.isInteger(l) || l < 0 || l > MAX_PYRAMID_LEVEL) throw new TypeError(`temporalPyramid: level ${l} outside 0…${MAX_PYRAMID_LEVEL}`);
  }
  const { faceDim, contextDim, probDim } = dims;
  const blockSize = faceDim + contextDim + 3 * probDim;
  const segments: PyramidSegment[] = [];
  for (const level of levels) {
    for (let j = 0; j < 2 ** level; j++) {
      const [start, end] = segmentRange(frameCount, level, j);
      const offset = segments.length * blockSize;
      const probMinOffset = offset + faceDim + contextDim;
      segments.push({
        level, index: j, start, end, offset,
        faceOffset: offset,
        contextOffset: offset + faceDim,
        probMinOffset,
        probMeanOffset: probMinOffset + probDim,
        probMaxOffset: probMinOffset + 2 * probDim,
      });
    }
  }
  return { levels: levels.slice(), frameCount, faceDim, contextDim, probDim, blockSize, segments, length: segments.length * blockSize };
}

/**
 * Eq. 28: for each level in `levels` order, for each segment j = 0 … 2^level − 1, the block
 * [mean face features (F), mean context features (C), min probs (P), mean probs (P), max probs (P)],
 * blocks concatenated into one Float32Array of length Σ 2^level · (F + C + 3P).
 * Throws TypeError for an empty sequence or inconsistent dimensions.
 */
export function temporalPyramid(frames: readonly PyramidFrame[], levels: readonly number[]): PyramidOutput {
  const first = frames[0];
  if (first === undefined) throw new TypeError('temporalPyramid: the frame sequence is empty');
  const dims = { faceDim: first.faceFeatures.length, contextDim: first.contextFeatures.length, probDim: first.emotionProbs.length };
  assertSameLength(frames.map((f) => f.faceFeatures), dims.faceDim, 'faceFeatures');
  assertSameLength(frames.map((f) => f.contextFeatures), dims.contextDim, 'contextFeatures');
  assertSameLength(frames.map((f) => f.emotionProbs), dims.probDim, 'emotionProbs');
  const layout = pyramidLayout(frames.length, levels, dims);
  const vector = new Float32Array(layout.length);
  for (const seg of layout.segments) {
    const count = seg.end - seg.start;
    vector.fill(Infinity, seg.probMinOffset, seg.probMeanOffset);
    vector.fill(-Infinity, seg.probMaxOffset, seg.probMaxOffset + dims.probDim);
    for (let t = seg.start; t < seg.end; t++) {
      const f = frames[t]!;
      for (let i = 0; i < dims.faceDim; i++) vector[seg.faceOffset + i]! += f.faceFeatures[i]! / count;
      for (let i = 0; i < dims.contextDim; i++) vector[seg.contextOffset + i]! += f.contextFeatures[i]! / count;
      for (let i = 0; i < dims.probDim; i++) {
        const p = f.emotionProbs[i]!;
        vector[seg.probMinOffset + i] = Math.min(vector[seg.probMinOffset + i]!, p);
        vector[seg.probMeanOffset + i]! += p / count;
        vector[seg.probMaxOffset + i] = Math.max(vector[seg.probMaxOffset + i]!, p);
      }
    }
  }
  return { vector, layout };
}
