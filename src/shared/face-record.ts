/**
 * What perception yields per face, and the tracked frame the analysis worker posts to the page:
 * plain data (typed arrays, boxes, a transferable bitmap), no tfjs.
 */
import type { Box } from '../core/geometry';
import type { BaselineKey } from './prediction-keys';

/**
 * One face of one track in one sampled frame, with everything the temporal models need. The one
 * declaration of a face's fields: ClipRecord (what the clip models read) is picked from it.
 */
export interface FaceRecord {
  frameIndex: number;
  tSec: number;
  box: Box;
  /** Detection probability (the paper's p in w_prob). */
  score: number;
  /** 7 face emotion probabilities, paper label order. */
  probs: Float32Array;
  /** 256-d face feature (face emotion network penultimate layer). */
  faceFeature: Float32Array;
  /** Context feature (480-d) of the linked person box, or of the whole frame. */
  contextFeature: Float32Array;
  /** The second face model (Human's FER2013 net): 7 probabilities, paper order. */
  ferProbs?: Float32Array;
  /** Its 256-d feature (last residual block, averaged). */
  ferFeature?: Float32Array;
  /** The linked person box, or null when the whole frame served as context. */
  personBox: Box | null;
  /** Emotion probabilities of baseline networks (paper order), by prediction key. */
  baselineProbs?: Partial<Record<BaselineKey, Float32Array>>;
  /**
   * The tracker's 128-d face embedding, on the frames where it ran (at least once a second per
   * face, see PerceptionConfig.embeddingIntervalSec): who this is, for the tracker and the familiarity.
   */
  embedding?: Float32Array;
  /**
   * The same embedding averaged with the mirror image's (PerceptionConfig.mirrorEmbedding, folder
   * clips): what grouping clips by person reads where present.
   */
  groupingEmbedding?: Float32Array;
  /** The face verifier's score for this face (absent when the check is off). */
  verifyScore?: number;
  /** Mouth opening from the face's landmarks (src/core/speaker/mouth-opening.ts), for the speaker association. */
  mouthOpen?: number;
  /**
   * The mouth between the previous analysed frame and this one, at the decoder's mouth rate (files
   * only): src/pipeline/mouth-trace.ts. The speaker association reads these.
   */
  mouthTrace?: { tSec: number[]; value: number[] };
  /** The face's 68 landmarks: x0, y0, x1, y1, … relative to its square crop (src/models/face-landmarks); the face-geometry pyramids read them. */
  landmarks?: Float32Array;
}

/** The fields of a face record the clip models read (src/models/clip/clip-features.ts). */
export const CLIP_RECORD_FIELDS = Object.freeze(['probs', 'faceFeature', 'contextFeature', 'ferProbs', 'ferFeature', 'landmarks'] as const);

/**
 * One frame of a clip's main track as the clip models read it; `baselineProbs.general` where the
 * general networks ran on it (an ensemble may have `general` as a member, ensemble-config.ts).
 */
export type ClipRecord = Pick<FaceRecord, (typeof CLIP_RECORD_FIELDS)[number] | 'baselineProbs'>;

/** Only the clip-model fields of `record` (and its `general`): a reference may hold thousands of records, each copied to the worker. */
export function clipRecordOf(record: ClipRecord): ClipRecord {
  const out: Partial<Record<(typeof CLIP_RECORD_FIELDS)[number], Float32Array>> & Pick<ClipRecord, 'baselineProbs'> = {};
  for (const field of CLIP_RECORD_FIELDS) if (record[field] !== undefined) out[field] = record[field];
  const general = record.baselineProbs?.general;
  if (general) out.baselineProbs = { general };
  return out as ClipRecord;
}

/**
 * The clip-model fields of `records` (clipRecordOf) copied into one buffer, each field a view of it.
 * A record's arrays are views of its whole frame's download (ReadBatch: every face's outputs, the
 * HSV crops' pixels, the person detector's feature map on some frames), and a view keeps all of that
 * alive, copied whole when posted: a folder keeps each clip's main track until it ends, ~150 KiB a
 * clip as posted against ~60 copied here (docs/performance.md, "A folder's memory").
 */
export function compactClipRecords(records: readonly ClipRecord[]): ClipRecord[] {
  const picked = records.map(clipRecordOf);
  const arrays = picked.flatMap((r) => [...CLIP_RECORD_FIELDS.map((f) => r[f]), r.baselineProbs?.general]);
  const buffer = new Float32Array(arrays.reduce((n, a) => n + (a?.length ?? 0), 0));
  let at = 0;
  const copy = (a: Float32Array) => {
    buffer.set(a, at);
    at += a.length;
    return buffer.subarray(at - a.length, at);
  };
  return picked.map((r) => {
    const out: Record<string, unknown> = {};
    for (const field of CLIP_RECORD_FIELDS) if (r[field] !== undefined) out[field] = copy(r[field]);
    if (r.baselineProbs?.general) out.baselineProbs = { general: copy(r.baselineProbs.general) };
    return out as ClipRecord;
  });
}

/**
 * Only the records that carry every clip-model field. The camera gives the full nets to the main
 * face alone (`mainFaceOnlyNets`), so a track that became the main one holds short records from
 * before: its windows are read from its complete records.
 */
export function completeClipRecords<R extends ClipRecord>(records: readonly R[]): R[] {
  return records.filter((r) => CLIP_RECORD_FIELDS.every((field) => r[field] !== undefined));
}

/** What the clip models read of one clip: its main track's records, and its speech features (null or absent: no speech). */
export interface ClipInput {
  records: readonly ClipRecord[];
  speech?: Float32Array | null;
}

/** A camera picture as the page grabs it: a `VideoFrame` (no copy on the page) or, where there is no WebCodecs, an `ImageBitmap`. */
export type CameraPicture = ImageBitmap | VideoFrame;

/**
 * One perceived and tracked frame: what the analysis worker posts to the page. `faces[j]` belongs
 * to track `trackIds[j]`; boxes are in video pixels. `bitmap` is the analysed picture (owned by the
 * receiver, which closes it), or null where the page kept the picture itself: a camera VideoFrame
 * read on the CPU, whose bitmap would cost the worker 8-17 ms per picture only to be shown.
 */
export interface TrackedFrame {
  frameIndex: number;
  tSec: number;
  faces: FaceRecord[];
  trackIds: number[];
  persons: { box: Box; score: number }[];
  bitmap: ImageBitmap | null;
  /** The analysis worker's ms per stage on this frame ('decode' is its wait for the frame), for diagnostics. */
  stageMs?: Record<string, number>;
  /** True: the frame begins a new shot (a cut in edited footage: src/core/tracking/shot-cut.ts). */
  newShot?: boolean;
}
