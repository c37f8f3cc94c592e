/**
 * The main track's per-frame features as the app computes them (decode worker, analysis worker,
 * FaceVoting on the page), for the end-to-end check that training sees what the app sees
 * (e2e/features.spec.ts compares them with the Node feature cache's extraction of the same clips).
 */
import { voteOnClip } from '../pipeline/clip-analysis';
import type { AnalysisClient } from '../pipeline/worker/analysis-client';

/** One clip's main track as plain numbers. */
export interface MainTrackFeatures {
  file: string;
  tSec: number[];
  probs: number[][];
  faceFeature: number[][];
  ferProbs: number[][];
  ferFeature: number[][];
  contextFeature: number[][];
  landmarks: number[][];
  /** The general networks' probabilities where they ran (every 0.4 s; null elsewhere): on WASM they come from the general worker. */
  general: (number[] | null)[];
  /** The dense mouth measure (src/pipeline/mouth-trace.ts), all frames' traces in a row. */
  mouthTrace: { tSec: number[]; value: number[] };
}

/** Analyses `file` at `fps` like the app and returns its main track's features. */
export async function mainTrackFeatures(client: AnalysisClient, file: File, fps: number): Promise<MainTrackFeatures> {
  const { clip } = await client.analyzeVideo(file, { fps });
  const winner = voteOnClip(clip).winnerId;
  const records = winner === null ? [] : (clip.tracks.get(winner) ?? []);
  return {
    file: file.name,
    tSec: records.map((r) => r.tSec),
    probs: records.map((r) => [...r.probs]),
    faceFeature: records.map((r) => [...r.faceFeature]),
    ferProbs: records.map((r) => [...(r.ferProbs ?? [])]),
    ferFeature: records.map((r) => [...(r.ferFeature ?? [])]),
    contextFeature: records.map((r) => [...r.contextFeature]),
    landmarks: records.map((r) => [...(r.landmarks ?? [])]),
    general: records.map((r) => (r.baselineProbs?.general ? [...r.baselineProbs.general] : null)),
    mouthTrace: { tSec: records.flatMap((r) => r.mouthTrace?.tSec ?? []), value: records.flatMap((r) => r.mouthTrace?.value ?? []) },
  };
}
