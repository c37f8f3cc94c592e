/**
 * Plain views of one track for the UI (per-frame emotion timeline, temporal-pyramid rows,
 * rolling emotion), computed from FaceRecords. Pure functions: no DOM, no tfjs.
 */
import { EMOTION_LABELS } from '../core/labels';
import { temporalPyramid } from '../core/pyramid/temporal-pyramid';
import { argmax } from '../core/vector';
import type { FaceRecord } from '../pipeline/clip-analysis';
import type { PyramidCell, TimelinePoint } from '../shared/track-view';

/** Levels the view shows (the paper's levels 0–3). */
export const PYRAMID_VIEW_LEVELS = [0, 1, 2, 3] as const;

const r3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * What a person is shown frame by frame: the `general` model's probabilities (the general-purpose
 * networks, untrained by us) on the records where they ran; the face-api net's where they never
 * ran on the track (`?nets=face`, or older records).
 */
export function shownRecords(records: readonly FaceRecord[]): { records: readonly FaceRecord[]; probsOf: (r: FaceRecord) => ArrayLike<number> } {
  const general = records.filter((r) => r.baselineProbs?.general);
  return general.length > 0 ? { records: general, probsOf: (r) => r.baselineProbs!.general! } : { records, probsOf: (r) => r.probs };
}

/** The shown per-frame probabilities of a track (see shownRecords), at most `maxPoints` evenly picked (the last kept). */
export function trackTimeline(all: readonly FaceRecord[], maxPoints = 300): TimelinePoint[] {
  const { records, probsOf } = shownRecords(all);
  const point = (r: FaceRecord): TimelinePoint => ({ tSec: r3(r.tSec), probs: Array.from(probsOf(r), r3) });
  const step = Math.max(1, Math.ceil(records.length / maxPoints));
  const out: TimelinePoint[] = [];
  for (let i = 0; i < records.length; i += step) out.push(point(records[i]!));
  const last = records.at(-1);
  if (last && out.at(-1)?.tSec !== last.tSec) out.push(point(last));
  return out;
}

/** Temporal-pyramid levels 0–3 over a track's emotion probabilities (§4.2), as rows of cells. */
export function pyramidCells(records: readonly FaceRecord[]): PyramidCell[][] {
  if (records.length === 0) return [];
  const empty = new Float32Array(0);
  const { vector, layout } = temporalPyramid(
    records.map((r) => ({ faceFeatures: empty, contextFeatures: empty, emotionProbs: r.probs })),
    PYRAMID_VIEW_LEVELS,
  );
  const p = layout.probDim;
  const rows: PyramidCell[][] = PYRAMID_VIEW_LEVELS.map(() => []);
  for (const seg of layout.segments) {
    const mean = Array.from(vector.subarray(seg.probMeanOffset, seg.probMeanOffset + p), r3);
    rows[PYRAMID_VIEW_LEVELS.indexOf(seg.level as 0)]!.push({
      level: seg.level,
      index: seg.index,
      frames: seg.end - seg.start,
      tStart: r3(records[seg.start]!.tSec),
      tEnd: r3(records[seg.end - 1]!.tSec),
      min: Array.from(vector.subarray(seg.probMinOffset, seg.probMinOffset + p), r3),
      mean,
      max: Array.from(vector.subarray(seg.probMaxOffset, seg.probMaxOffset + p), r3),
      top: EMOTION_LABELS[argmax(mean)]!,
    });
  }
  return rows;
}

/** Mean shown probabilities (see shownRecords) of the records in the last `windowSec` before `nowSec` (the rolling emotion). */
export function rollingProbs(all: readonly FaceRecord[], nowSec: number, windowSec: number): number[] | null {
  const { records, probsOf } = shownRecords(all.filter((r) => r.tSec > nowSec - windowSec));
  if (records.length === 0) return null;
  const sum = new Array<number>(EMOTION_LABELS.length).fill(0);
  for (const r of records) {
    const p = probsOf(r);
    for (let i = 0; i < sum.length; i++) sum[i]! += p[i]! / records.length;
  }
  return sum.map(r3);
}
