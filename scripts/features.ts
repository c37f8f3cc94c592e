/**
 * npm run features -- [--fps 5] [--out .cache/features] [--clips N] [--augment 4] [--data DIR] [--shard i/n]
 *                     [--frames app|fps-filter] [--phase N] [--actors 01,02,…]
 *
 * Node (tfjs WASM): runs the browser's perception pipeline (perceiveFrame + tracker + FaceVoting)
 * over every clip in labels.csv and caches the main track's per-frame probabilities, face and
 * context features and the FER net's probabilities and features, plus `--augment` augmented copies
 * of the face crops (flip / ±15° / ±20%, both face nets re-run on the same boxes, context unaugmented),
 * and the speech features of the audio track (src/core/audio). Resumable: done clips are skipped;
 * cached clips from before the speech features get them added.
 * `--frames app` (default) samples the frames the app analyses (0, 6, 12, … of a 29.97 fps clip at
 * 5 fps; the shipped weights use it); `--frames fps-filter` uses ffmpeg's fps filter (2, 8, 14, …), as
 * caches made before 2026-11-25 22:30 UTC did. `--phase N` (with app frames) starts the app's grid N
 * source frames later (3, 9, 15, … for N = 3): extra training copies at another sampling phase
 * (`npm run train -- --extra-cache`). A cache folder holds one frame choice and phase only.
 * `--actors` keeps only those actors' clips.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { parseEmotionLabelOrThrow, EMOTION_LABELS } from '../src/core/labels';
import { createRng } from '../src/core/random';
import { createTracker } from '../src/core/tracking/tracker';
import { speechFeaturesOfAudio } from '../src/core/audio/speech-features';
import { initNodeBackend, packageWeightSource, readAudioWithFfmpeg, readFramesWithFfmpeg, type RawFrame } from '../src/node';
import { addFrame, createClipAnalysis, voteOnClip, type FaceRecord } from '../src/pipeline/clip-analysis';
import { createPerceptionState, perceiveFrame } from '../src/pipeline/perceive-frame';
import { loadPerceptionModels, type PerceptionModels } from '../src/pipeline/perception-models';
import { createStageTimer } from '../src/pipeline/stage-timer';
import { augmentedFaceEmotion, randomAugmentation } from '../src/training/augment-face';
import { isCached, patchCachedMeta, readCachedMeta, writeCachedClip, type CachedClip } from '../src/training/feature-cache';
import { parseArgs, numberOption, stringOption } from './lib/cli-args';

const DATA_DIR = resolve('../shared/data/javanese');

interface LabelRow {
  file: string;
  actor: string;
  sentence: string;
  label: number;
}

function readLabels(dataDir: string): LabelRow[] {
  const lines = readFileSync(join(dataDir, 'labels.csv'), 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => {
    const [file, actor, sentence, , label] = line.split(',').map((s) => s.trim()) as [string, string, string, string, string];
    return { file, actor, sentence, label: EMOTION_LABELS.indexOf(parseEmotionLabelOrThrow(label)) };
  });
}

function toTensor(f: RawFrame): tf.Tensor3D {
  return tf.tensor3d(f.data, [f.height, f.width, 3], 'int32');
}

type FrameChoice = NonNullable<CachedClip['meta']['frameChoice']>;

/** Throws unless a cached clip was sampled with `choice` and `phase` (a folder must not mix two). */
async function checkCachedFrames(out: string, file: string, choice: FrameChoice, phase: number): Promise<CachedClip['meta']> {
  const meta = await readCachedMeta(out, file);
  const cached = `${meta.frameChoice ?? 'fps-filter'} phase ${meta.phase ?? 0}`;
  if (cached !== `${choice} phase ${phase}`) throw new Error(`${out} holds clips sampled with --frames ${cached}, not ${choice} phase ${phase}: use another --out`);
  return meta;
}

/** Speech features of the clip's audio (null: no audio track, or no speech in it). */
async function clipSpeech(path: string): Promise<number[] | null> {
  const audio = await readAudioWithFfmpeg(path);
  const features = audio && speechFeaturesOfAudio(audio.channels, audio.sampleRate);
  return features ? [...features] : null;
}

async function extractClip(models: PerceptionModels, path: string, row: LabelRow, fps: number, augment: number, frameChoice: FrameChoice, phase: number): Promise<CachedClip> {
  const started = performance.now();
  const timer = createStageTimer();
  const tracker = createTracker();
  // Same per-clip perception state as the app (face input size, person-detection cadence).
  const perception = createPerceptionState();
  const frames: RawFrame[] = [];
  let clip: ReturnType<typeof createClipAnalysis> | undefined;
  for await (const f of readFramesWithFfmpeg(path, { fps, frames: frameChoice, phase })) {
    clip ??= createClipAnalysis(f.width, f.height);
    frames.push(f);
    const tensor = toTensor(f);
    try {
      // The app embeds faces only when they must be told apart (analyze-video.ts): the same here.
      const seen = await perceiveFrame(models, tensor, f.tSec, perception, timer, tracker.recentTrackCount(f.tSec, perception.config.embeddingIntervalSec));
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
    const tensor = toTensor(frames[rec.frameIndex]!);
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
      augmented: augment,
      augmentations,
      frameChoice,
      phase,
      seconds: (performance.now() - started) / 1000,
      speech: await clipSpeech(path),
    },
    records,
    augmentedRecords,
  };
}

function bar(done: number, total: number, extra: string): string {
  const width = 30;
  const full = Math.round((done / total) * width);
  return `\r[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${done}/${total} ${extra}\x1b[K`;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const fps = numberOption(args, 'fps') ?? 5;
  const out = resolve(stringOption(args, 'out') ?? '.cache/features');
  const dataDir = resolve(stringOption(args, 'data') ?? DATA_DIR);
  const augment = args.options.get('augment') === '0' ? 0 : (numberOption(args, 'augment') ?? 4);
  const frameChoice = stringOption(args, 'frames') ?? 'app';
  if (frameChoice !== 'fps-filter' && frameChoice !== 'app') throw new Error(`--frames must be fps-filter or app, got "${frameChoice}"`);
  const phase = numberOption(args, 'phase') ?? 0;
  let rows = readLabels(dataDir);
  const actors = stringOption(args, 'actors')?.split(',');
  if (actors) rows = rows.filter((r) => actors.includes(r.actor));
  const limit = numberOption(args, 'clips');
  if (limit) rows = rows.slice(0, limit);
  const shard = stringOption(args, 'shard');
  if (shard) {
    const [i, n] = shard.split('/').map(Number) as [number, number];
    if (!(n >= 1 && i >= 0 && i < n)) throw new Error(`--shard must be i/n with 0 ≤ i < n, got "${shard}"`);
    rows = rows.filter((_, k) => k % n === i);
  }
  await initNodeBackend();
  const models = await loadPerceptionModels(packageWeightSource());
  const started = performance.now();
  let done = 0;
  let extracted = 0;
  try {
    for (const row of rows) {
      const path = join(dataDir, 'clips', row.file);
      if (isCached(out, row.file)) {
        // Caches made before the speech features get them added (the .bin is unchanged).
        const meta = await checkCachedFrames(out, row.file, frameChoice, phase);
        if (meta.speech === undefined) await patchCachedMeta(out, row.file, { speech: await clipSpeech(path) });
      } else {
        const clip = await extractClip(models, path, row, fps, augment, frameChoice, phase);
        await writeCachedClip(out, clip);
        extracted++;
      }
      done++;
      const secs = (performance.now() - started) / 1000;
      const eta = extracted ? ((rows.length - done) * secs) / extracted : 0;
      process.stderr.write(bar(done, rows.length, `${row.file} ${secs.toFixed(0)} s, eta ${eta.toFixed(0)} s`));
    }
  } finally {
    models.dispose();
  }
  const secs = (performance.now() - started) / 1000;
  process.stderr.write(`\n${extracted} clips extracted in ${secs.toFixed(1)} s (${(secs / Math.max(1, extracted)).toFixed(2)} s/clip) → ${out}\n`);
}

main().catch((error: unknown) => {
  console.error(`features: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
