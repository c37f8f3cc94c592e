/**
 * npm run face-check -- [--person-free DIR] [--labelled [--light] [--every N --offset K]] [--clips N] [--fps 5] [--out results.jsonl]
 *
 * Measures the face check (docs/honest-answers.md) in Node on WASM, with the app's perception
 * pipeline: on person-free footage (made with ffmpeg into DIR, default .cache/person-free) it runs
 * each video twice — the old way (every Tiny Face detection is a face, plain eq. 13) and the new
 * (verified faces, tracks with enough evidence) — and counts videos given a main face; on the 168
 * labelled clips (`--labelled`) it runs the new way and counts clips that keep their main face.
 * `--light` (labelled clips only, for a busy machine): only the face detector, the verifier and the
 * landmarks run; each frame's largest verified face stands for the one person of the clip, and the
 * evidence rule decides on that pseudo-track (the full pipeline's result on single-person clips).
 * Prints one JSON line per video and a JSON summary.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createTracker } from '../src/core/tracking/tracker';
import { faceVoting } from '../src/core/voting/face-voting';
import { clip as sharedClip, CLIPS_DIR } from '../src/node/test-fixtures';
import { initNodeBackend, packageWeightSource, readAudioWithFfmpeg, readFramesWithFfmpeg } from '../src/node';
import { loudnessEnvelope } from '../src/core/audio/loudness-envelope';
import { associateSpeaker } from '../src/core/speaker/speaker-association';
import { mouthSeries } from '../src/pipeline/clip-speaker';
import { makePersonFree, PERSON_FREE_KINDS } from '../src/node/person-free-footage';
import { addFrame, createClipAnalysis, voteOnClip } from '../src/pipeline/clip-analysis';
import { createPerceptionState, frameFromPixels, perceiveFrame } from '../src/pipeline/perceive-frame';
import { loadPerceptionModels, type PerceptionModels } from '../src/pipeline/perception-models';
import { createStageTimer } from '../src/pipeline/stage-timer';
import { numberOption, parseArgs, runCli, stringOption } from './lib/cli-args';
import { hasEnoughEvidence } from '../src/core/voting/track-evidence';
import { MOUTH_TRACE } from '../src/core/speaker/speaker-constants';
import { createMouthTracer } from '../src/pipeline/mouth-trace';
import { faceInputSize } from '../src/shared/perception-config';

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
  /** Every track's speaker score and the speaking track (clips with sound). */
  speaker?: { trackId: number | null; score: number; scores: { trackId: number; score: number }[] };
}

async function runVideo(models: PerceptionModels, path: string, fps: number, check: boolean): Promise<Omit<VideoResult, 'file' | 'kind'>> {
  const timer = createStageTimer();
  const tracker = createTracker();
  const perception = createPerceptionState(check ? {} : { faceVerifyThreshold: 0 });
  let clip: ReturnType<typeof createClipAnalysis> | undefined;
  let detections = 0;
  let rejected = 0;
  const verifyScores: number[] = [];
  const mouths = createMouthTracer();
  for await (const f of readFramesWithFfmpeg(path, { fps, frames: 'app', mouthFps: MOUTH_TRACE.fps })) {
    clip ??= createClipAnalysis(f.width, f.height);
    const tensor = frameFromPixels(f);
    try {
      const seen = await perceiveFrame(models, tensor, f.tSec, perception, timer);
      detections += seen.faces.length + (seen.rejected?.length ?? 0);
      rejected += seen.rejected?.length ?? 0;
      for (const r of [...seen.faces, ...(seen.rejected ?? [])]) if (r.verifyScore !== undefined) verifyScores.push(Math.round(r.verifyScore * 1000) / 1000);
      const { trackIds } = tracker.update(f.index, f.tSec, seen.detections);
      // The mouth between analysed frames, as analyze-video.ts records it.
      const traces = mouths.trace(seen.faces.map((face, j) => ({ trackId: trackIds[j]!, box: face.box, landmarks: face.landmarks })), f.tSec, f.mouthFrames ?? [], f.width);
      addFrame(clip, seen.faces.map((face, j) => ({ ...face, frameIndex: f.index, tSec: f.tSec, ...(traces[j] && { mouthTrace: traces[j] }) })), trackIds, f.tSec);
    } finally {
      tensor.dispose();
    }
  }
  if (!clip) throw new Error(`${path}: no frame decoded`);
  // The old way: eq. 13 on every track, no evidence rule; the new: voteOnClip (evidence rule on).
  const tracks = [...clip.tracks].map(([id, records]) => ({ id, totals: records.totals }));
  const winner = check ? voteOnClip(clip).winnerId : faceVoting(tracks, { frameCount: clip.sampledFrames, width: clip.width, height: clip.height }).winnerId;
  const verify = timer.totals().faceVerify ?? 0;
  const audio = await readAudioWithFfmpeg(path);
  const speaker = audio ? associateSpeaker(mouthSeries(clip), loudnessEnvelope(audio.channels, audio.sampleRate)) : undefined;
  return {
    check,
    sampledFrames: clip.sampledFrames,
    detections,
    rejected,
    verifyScores,
    mainTrackId: winner,
    mainFrames: winner === null ? 0 : clip.tracks.get(winner)!.totals.appearances,
    verifyMsPerFace: detections ? verify / detections : 0,
    ...(speaker ? { speaker } : {}),
  };
}

/** `--light`: detector + verifier + landmarks; the largest verified face per frame is the clip's one track. */
async function runLight(models: PerceptionModels, path: string, fps: number): Promise<Omit<VideoResult, 'file' | 'kind'>> {
  const config = createPerceptionState().config;
  const verifyScores: number[] = [];
  const series = { trackId: 1, tSec: [] as number[], mouth: [] as number[] };
  const mouths = createMouthTracer();
  let frames = 0;
  /** Frames with the face (the evidence rule's appearances). */
  let seen = 0;
  let detections = 0;
  let rejected = 0;
  let sumScore = 0;
  let verifyMs = 0;
  for await (const f of readFramesWithFfmpeg(path, { fps, frames: 'app', mouthFps: MOUTH_TRACE.fps })) {
    frames++;
    const frame = frameFromPixels(f);
    try {
      const found = await models.faceDetector.run(frame, { inputSize: faceInputSize(config, f.width, f.height), scoreThreshold: config.faceScoreThreshold });
      const started = performance.now();
      const scores = await models.faceVerifier.run({ frame, boxes: found.map((d) => d.box) });
      verifyMs += performance.now() - started;
      detections += found.length;
      scores.forEach((v) => verifyScores.push(Math.round(v * 1000) / 1000));
      const kept = found.filter((_, i) => scores[i]! >= config.faceVerifyThreshold);
      rejected += found.length - kept.length;
      const largest = kept.sort((a, b) => b.box.w * b.box.h - a.box.w * a.box.h)[0];
      if (largest) {
        sumScore += largest.score;
        seen++;
        const [points] = await models.faceLandmarks.run({ frame, boxes: [largest.box] });
        const [trace] = mouths.trace([{ trackId: 1, box: largest.box, landmarks: points! }], f.tSec, f.mouthFrames ?? [], f.width);
        series.tSec.push(...trace!.tSec);
        series.mouth.push(...trace!.value);
      }
    } finally {
      frame.dispose();
    }
  }
  const m = seen;
  const enough = m > 0 && hasEnoughEvidence({ appearances: m, wFreq: m / frames, wProb: sumScore / m }, frames);
  const audio = await readAudioWithFfmpeg(path);
  const speaker = audio ? associateSpeaker([series], loudnessEnvelope(audio.channels, audio.sampleRate)) : undefined;
  return {
    check: true,
    sampledFrames: frames,
    detections,
    rejected,
    verifyScores,
    mainTrackId: enough ? 1 : null,
    mainFrames: enough ? m : 0,
    verifyMsPerFace: detections ? verifyMs / detections : 0,
    ...(speaker ? { speaker } : {}),
  };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), ['labelled', 'light']);
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
      // `--every N --offset K`: clips K, K + N, … (a spread over all actors when time is short).
      const every = numberOption(args, 'every') ?? 1;
      const offset = Number(stringOption(args, 'offset') ?? 0);
      const chosen = rows.filter((_, k) => k % every === offset % every);
      for (const file of chosen.slice(0, numberOption(args, 'clips') ?? chosen.length)) {
        const run = args.options.has('light') ? runLight(models, sharedClip(file), fps) : runVideo(models, sharedClip(file), fps, true);
        const r = { file, kind: 'labelled', ...(await run) };
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
      labelled: { clips: labelled.length, withMainFace: labelled.filter((r) => r.mainTrackId !== null).length, mainIsSpeaker: labelled.filter((r) => r.speaker?.trackId === r.mainTrackId).length, facesRejected: labelled.reduce((s, r) => s + r.rejected, 0), faces: faces.length, minVerifyScore: faces.length ? Math.min(...faces) : null },
      falseFaceMaxVerifyScore: Math.max(0, ...pf(true).flatMap((r) => r.verifyScores)),
    }),
  );
  return 0;
}

runCli('face-check', main);
