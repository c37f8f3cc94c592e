/**
 * Node-only: one clip's cached features, made with the app's own per-frame loop (perception,
 * tracking with the app's embedding cadence, FaceVoting) on ffmpeg-decoded frames sampled as the app
 * samples them: the main track's probabilities and features of both face nets and its context, the
 * augmented copies of its face crops, and the clip's speech features.
 */
import { createRng } from '../core/random';
import { createTracker } from '../core/tracking/tracker';
import { SPEECH_FEATURES_VERSION } from '../core/audio/speech-features';
import { readFramesWithFfmpeg, speechFeaturesOfFile, type RawFrame } from '../node';
import { addFrame, createClipAnalysis, meanEmbedding, voteOnClip, type FaceRecord } from '../pipeline/clip-analysis';
import { createPerceptionState, frameFromPixels, perceiveFrame } from '../pipeline/perceive-frame';
import type { PerceptionModels } from '../pipeline/perception-models';
import { createStageTimer } from '../pipeline/stage-timer';
import { createPictureFollower } from '../pipeline/picture-follower';
import { grayFromRgbEvery } from '../core/gray-image';
import { augmentedFaceEmotion, randomAugmentation } from './augment-face';
import { LANDMARK_VALUES } from '../core/face-geometry/landmarks';
import type { CachedClip } from './feature-cache';
import { meanVector } from '../core/vector';

/** The clip's identity in labels.csv. */
export interface LabelRow {
  file: string;
  actor: string;
  sentence: string;
  label: number;
}

/** Which source frames a cache samples. */
export type FrameChoice = NonNullable<CachedClip['meta']['frameChoice']>;

/** Speech features of the clip's audio (null: no audio track, or no speech in it) and their version. */
export async function clipSpeech(path: string): Promise<Pick<CachedClip['meta'], 'speech' | 'speechVersion'>> {
  const features = await speechFeaturesOfFile(path);
  return { speech: features ? [...features] : null, speechVersion: SPEECH_FEATURES_VERSION };
}

/** `v` rounded to 6 decimals (JSON stays short); null stays null. */
function roundAll(v: ArrayLike<number> | null): number[] | null {
  return v ? Array.from(v, (x) => Math.round(x * 1e6) / 1e6) : null;
}

/** The main track's `general` probabilities, averaged over the frames where the general networks ran; null for none. */
function generalOfTrack(track: readonly FaceRecord[]): CachedClip['meta']['general'] {
  const ran = track.flatMap((r) => (r.baselineProbs?.general ? [r.baselineProbs.general] : []));
  return ran.length === 0 ? null : { frames: ran.length, probs: roundAll(meanVector(ran))! };
}

export async function extractClip(models: PerceptionModels, path: string, row: LabelRow, fps: number, augment: number, frameChoice: FrameChoice, phase: number): Promise<CachedClip> {
  const started = performance.now();
  const timer = createStageTimer();
  const tracker = createTracker();
  // Same per-clip perception state as the app (face input size, person-detection cadence).
  const perception = createPerceptionState();
  // The picture inside bars, as the app's worker finds it (there on its grey frames; here every second pixel of this frame's own).
  const followPicture = createPictureFollower();
  const frames: RawFrame[] = [];
  let clip: ReturnType<typeof createClipAnalysis> | undefined;
  for await (const f of readFramesWithFfmpeg(path, { fps, frames: frameChoice, phase })) {
    clip ??= createClipAnalysis(f.width, f.height);
    frames.push(f);
    const tensor = frameFromPixels(f);
    perception.picture = followPicture(grayFromRgbEvery(f.data, f.width, f.height, 3, 2), f.width);
    try {
      // The app embeds faces only when they must be told apart (analyze-video.ts): the same here.
      const seen = await perceiveFrame(models, tensor, f.tSec, perception, timer, tracker.recentTrackBoxes(f.tSec, perception.config.embeddingIntervalSec));
      const { trackIds } = tracker.update(f.index, f.tSec, seen.detections);
      addFrame(clip, seen.faces.map((face) => ({ ...face, frameIndex: f.index, tSec: f.tSec })), trackIds);
    } finally {
      tensor.dispose();
    }
  }
  const winner = clip ? voteOnClip(clip).winnerId : null;
  const track: FaceRecord[] = winner === null ? [] : clip!.tracks.get(winner)!;
  const rng = createRng(Number.parseInt(row.file.replace(/\D/g, ''), 10) >>> 0);
  const augmentations = Array.from({ length: augment }, () => randomAugmentation(rng));
  const augmentedRecords = augmentations.map(() => [] as CachedClip['records']);
  for (const rec of track) {
    const tensor = frameFromPixels(frames[rec.frameIndex]!);
    try {
      for (const [a, aug] of augmentations.entries()) {
        const { faceApi, fer } = await augmentedFaceEmotion(models, tensor, rec.box, aug);
        augmentedRecords[a]!.push({
          probs: faceApi.probs,
          faceFeature: faceApi.feature,
          contextFeature: rec.contextFeature,
          ferProbs: fer.probs,
          ferFeature: fer.feature,
        });
      }
    } finally {
      tensor.dispose();
    }
  }
  const records = track.map((r) => ({
    probs: r.probs,
    faceFeature: r.faceFeature,
    contextFeature: r.contextFeature,
    ferProbs: r.ferProbs!,
    ferFeature: r.ferFeature!,
    landmarks: r.landmarks!,
  }));
  return {
    meta: {
      file: row.file,
      actor: row.actor,
      sentence: row.sentence,
      label: row.label,
      fps,
      frames: track.length,
      tSec: track.map((r) => r.tSec),
      probDim: 7,
      faceDim: records[0]?.faceFeature.length ?? 256,
      contextDim: records[0]?.contextFeature.length ?? 480,
      ferDim: records[0]?.ferFeature.length ?? 256,
      landmarkDim: LANDMARK_VALUES,
      augmented: augment,
      augmentations,
      frameChoice,
      phase,
      perception: { ...perception.config },
      seconds: (performance.now() - started) / 1000,
      general: generalOfTrack(track),
      embedding: winner === null ? null : roundAll(meanEmbedding(clip!.tracks.get(winner)!)),
      ...(await clipSpeech(path)),
    },
    records,
    augmentedRecords,
  };
}

