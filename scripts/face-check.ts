/**
 * npm run face-check -- [--person-free DIR] [--labelled] [--clips N] [--fps 5] [--out results.jsonl]
 *
 * Measures the face check (docs/honest-answers.md) in Node on WASM, with the app's perception
 * pipeline: on person-free footage (made with ffmpeg into DIR, default .cache/person-free) it runs
 * each video twice — the old way (every Tiny Face detection is a face, plain eq. 13) and the new
 * (verified faces, tracks with enough evidence) — and counts videos given a main face; on the 168
 * labelled clips (`--labelled`) it runs the new way and counts clips that keep their main face.
 * Prints one JSON line per video and a JSON summary.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { createTracker } from '../src/core/tracking/tracker';
import { faceVoting } from '../src/core/voting/face-voting';
import { clip as sharedClip, CLIPS_DIR } from '../src/node/test-fixtures';
import { initNodeBackend, packageWeightSource, readFramesWithFfmpeg } from '../src/node';
import { makePersonFree, PERSON_FREE_KINDS } from '../src/node/person-free-footage';
import { addFrame, createClipAnalysis, voteOnClip } from '../src/pipeline/clip-analysis';
import { createPerceptionState, perceiveFrame } from '../src/pipeline/perceive-frame';
import { loadPerceptionModels, type PerceptionModels } from '../src/pipeline/perception-models';
import { createStageTimer } from '../src/pipeline/stage-timer';
import { numberOption, parseArgs, runCli, stringOption } from './lib/cli-args';

interface VideoResult {
  file: string;
  kind: string;
  tuned?: boolean;
  check: boolean;
  sampledFrames: number;
  detections: number;
  rejected: number;
  verifyScores: number[];
  mainTrackId: number | null;
  mainFrames: number;
  verifyMsPerFace: number;
}

async function runVideo(models: PerceptionModels, path: string, fps: number, check: boolean): Promise<Omit<VideoResult, 'file' | 'kind'>> {
  const timer = createStageTimer();
  const tracker = createTracker();
  const perception = createPerceptionState(check ? {} : { faceVerifyThreshold: 0 });
  let clip: ReturnType<typeof createClipAnalysis> | undefined;
  let detections = 0;
  let rejected = 0;
  const verifyScores: number[] = [];
  for await (const f of readFramesWithFfmpeg(path, { fps, frames: 'app' })) {
    clip ??= createClipAnalysis(f.width, f.height);
    const tensor = tf.tensor3d(f.data, [f.height, f.width, 3], 'int32');
    try {
      const seen = await perceiveFrame(models, tensor, f.tSec, perception, timer);
      detections += seen.faces.length + (seen.rejected?.length ?? 0);
      rejected += seen.rejected?.length ?? 0;
      for (const r of [...seen.faces, ...(seen.rejected ?? [])]) if (r.verifyScore !== undefined) verifyScores.push(Math.round(r.verifyScore * 1000) / 1000);
      const { trackIds } = tracker.update(f.index, f.tSec, seen.detections);
      addFrame(clip, seen.faces.map((face) => ({ ...face, frameIndex: f.index, tSec: f.tSec })), trackIds, f.tSec);
    } finally {
      tensor.dispose();
    }
  }
  if (!clip) throw new Error(`${path}: no frame decoded`);
  // The old way: eq. 13 on every track, no evidence rule; the new: voteOnClip (evidence rule on).
  const tracks = [...clip.tracks].map(([id, records]) => ({ id, totals: records.totals }));
  const winner = check ? voteOnClip(clip).winnerId : faceVoting(tracks, { frameCount: clip.sampledFrames, width: clip.width, height: clip.height }).winnerId;
  const verify = timer.totals().faceVerify ?? 0;
  return {
    check,
    sampledFrames: clip.sampledFrames,
    detections,
    rejected,
    verifyScores,
    mainTrackId: winner,
    mainFrames: winner === null ? 0 : clip.tracks.get(winner)!.totals.appearances,
    verifyMsPerFace: detections ? verify / detections : 0,
  };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), ['labelled']);
  const fps = numberOption(args, 'fps') ?? 5;
  const out = stringOption(args, 'out');
  if (out) writeFileSync(out, '');
  const emit = (r: VideoResult) => {
    const line = JSON.stringify(r);
    console.log(line);
    if (out) appendFileSync(out, `${line}\n`);
  };
  await initNodeBackend();
  const models = await loadPerceptionModels(packageWeightSource());
  const results: VideoResult[] = [];
  try {
    const personFree = stringOption(args, 'person-free');
    if (personFree !== undefined || !args.options.has('labelled')) {
      const dir = resolve(personFree ?? '.cache/person-free');
      for (const kind of PERSON_FREE_KINDS) {
        const path = makePersonFree(kind, dir, sharedClip);
        for (const check of [false, true]) {
          const r = { file: `${kind.name}.mp4`, kind: kind.name, tuned: kind.tuned, ...(await runVideo(models, path, fps, check)) };
          results.push(r);
          emit(r);
        }
      }
    }
    if (args.options.has('labelled')) {
      const rows = readFileSync(join(CLIPS_DIR, '..', 'labels.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]!.trim());
      for (const file of rows.slice(0, numberOption(args, 'clips') ?? rows.length)) {
        const r = { file, kind: 'labelled', ...(await runVideo(models, sharedClip(file), fps, true)) };
        results.push(r);
        emit(r);
      }
    }
  } finally {
    models.dispose();
  }
  const pf = (check: boolean, tuned?: boolean) => results.filter((r) => r.kind !== 'labelled' && r.check === check && (tuned === undefined || r.tuned === tuned));
  const rate = (rs: VideoResult[]) => ({ videos: rs.length, withMainFace: rs.filter((r) => r.mainTrackId !== null).length });
  const labelled = results.filter((r) => r.kind === 'labelled');
  const faces = results.filter((r) => r.kind === 'labelled').flatMap((r) => r.verifyScores);
  console.log(
    JSON.stringify({
      personFree: { before: rate(pf(false)), after: rate(pf(true)), afterTuned: rate(pf(true, true)), afterHeldOut: rate(pf(true, false)) },
      labelled: { clips: labelled.length, withMainFace: labelled.filter((r) => r.mainTrackId !== null).length, facesRejected: labelled.reduce((s, r) => s + r.rejected, 0), faces: faces.length, minVerifyScore: faces.length ? Math.min(...faces) : null },
      falseFaceMaxVerifyScore: Math.max(0, ...pf(true).flatMap((r) => r.verifyScores)),
    }),
  );
  return 0;
}

runCli('face-check', main);
