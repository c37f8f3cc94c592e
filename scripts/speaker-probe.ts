/**
 * npx tsx scripts/speaker-probe.ts [--clips N] [--every N --offset K] [--cache .cache/speaker-probe] [--dir <clips>] [--measure steadyMotion]
 *
 * Measures the dense mouth measure (issue 29, docs/speaker.md) on the labelled clips in Node: the
 * face detector and the landmarks on the app's analysed frames (5 fps; the largest face is the
 * clip's one person), the pixel measures on the grey frames at MOUTH_TRACE.fps between them. Each
 * clip's series and loudness are cached; then every measure's correlation with the clip's own voice
 * (a speaking face) and with other clips' voices (a moving mouth that is not the one heard: the
 * silent face's noise) is summarised, with the lag search the app uses. `--dir` reads other
 * clips named as ours (e.g. handheld copies, docs/speaker.md); `--measure` picks the measure the
 * rule's counts use (the app's by default).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loudnessEnvelope, type LoudnessEnvelope } from '../src/core/audio/loudness-envelope';
import { laggedCorrelation } from '../src/core/speaker/lagged-correlation';
import { associateSpeaker, DEFAULT_SPEAKER_CONFIG } from '../src/core/speaker/speaker-association';
import { MOUTH_TRACE } from '../src/core/speaker/speaker-constants';
import type { MouthPixels } from '../src/core/speaker/mouth-pixels';
import { quantile } from '../src/core/vector';
import { initNodeBackend, packageWeightSource, readAudioWithFfmpeg, readFramesWithFfmpeg } from '../src/node';
import { CLIPS_DIR } from '../src/node/test-fixtures';
import { createMouthTracer } from '../src/pipeline/mouth-trace';
import { loadPerceptionModels, type PerceptionModels } from '../src/pipeline/perception-models';
import { createPerceptionState, frameFromPixels } from '../src/pipeline/perceive-frame';
import { faceInputSize } from '../src/shared/perception-config';
import { COMPOSITE_PAIRS, lightSpeaker, makeSpeakerCases } from '../src/node/speaker-composites';
import { numberOption, parseArgs, runCli, stringOption } from './lib/cli-args';

const MEASURES: (keyof MouthPixels)[] = ['mean', 'centerMean', 'profileStd', 'motion', 'centerMotion', 'upperMotion', 'steadyMotion'];

interface ClipSeries {
  file: string;
  tSec: number[];
  values: Record<string, number[]>;
  /** Landmark mouth opening on the analysed frames (the 5 fps measure before issue 29). */
  open: { tSec: number[]; value: number[] };
  envelope: { hopSec: number; db: number[] };
  ms: number;
}

async function measureClip(models: PerceptionModels, dir: string, file: string, mouthFps: number): Promise<ClipSeries> {
  const started = performance.now();
  const config = createPerceptionState().config;
  const tracers = MEASURES.map((m) => createMouthTracer((p) => p[m]));
  const out: ClipSeries = { file, tSec: [], values: Object.fromEntries(MEASURES.map((m) => [m, []])), open: { tSec: [], value: [] }, envelope: { hopSec: 0, db: [] }, ms: 0 };
  const { mouthOpening } = await import('../src/core/speaker/mouth-opening');
  for await (const f of readFramesWithFfmpeg(join(dir, file), { fps: 5, frames: 'app', mouthFps })) {
    const frame = frameFromPixels(f);
    try {
      const found = await models.faceDetector.run(frame, { inputSize: faceInputSize(config, f.width, f.height), scoreThreshold: config.faceScoreThreshold });
      const largest = found.sort((a, b) => b.box.w * b.box.h - a.box.w * a.box.h)[0];
      const landmarks = largest ? (await models.faceLandmarks.run({ frame, boxes: [largest.box] }))[0] : undefined;
      const faces = largest && landmarks ? [{ trackId: 1, box: largest.box, landmarks }] : [];
      if (largest && landmarks) {
        out.open.tSec.push(f.tSec);
        out.open.value.push(mouthOpening(landmarks));
      }
      const traces = tracers.map((t) => t.trace(faces, f.tSec, f.mouthFrames!, f.width)[0]);
      if (traces[0]) {
        out.tSec.push(...traces[0].tSec);
        MEASURES.forEach((m, i) => out.values[m]!.push(...traces[i]!.value));
      }
    } finally {
      frame.dispose();
    }
  }
  const audio = await readAudioWithFfmpeg(join(dir, file));
  if (audio) {
    const env = loudnessEnvelope(audio.channels, audio.sampleRate);
    out.envelope = { hopSec: env.hopSec, db: [...env.db] };
  }
  out.ms = performance.now() - started;
  return out;
}

const envelopeOf = (c: ClipSeries): LoudnessEnvelope => ({ hopSec: c.envelope.hopSec, db: Float32Array.from(c.envelope.db) });

function summary(values: number[]) {
  const q = (p: number) => Math.round(quantile(values, p) * 1000) / 1000;
  return { n: values.length, p05: q(0.05), p10: q(0.1), p50: q(0.5), p90: q(0.9), p95: q(0.95), p99: q(0.99), max: q(1) };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const cache = stringOption(args, 'cache') ?? '.cache/speaker-probe';
  const every = numberOption(args, 'every') ?? 1;
  const offset = Number(stringOption(args, 'offset') ?? 0);
  const limit = numberOption(args, 'clips') ?? Infinity;
  const mouthFps = numberOption(args, 'mouth-fps') ?? MOUTH_TRACE.fps;
  const dir = stringOption(args, 'dir') ?? CLIPS_DIR;
  const measure = (stringOption(args, 'measure') ?? MOUTH_TRACE.measure) as keyof MouthPixels;
  if (args.options.has('composites')) return composites(numberOption(args, 'pairs') ?? 3, cache);
  mkdirSync(cache, { recursive: true });
  const files = readdirSync(dir).filter((f) => f.endsWith('.mp4')).sort().filter((_, i) => i % every === offset).slice(0, limit);
  let models: PerceptionModels | undefined;
  const clips: ClipSeries[] = [];
  for (const file of files) {
    const path = join(cache, `${file}.json`);
    if (!existsSync(path)) {
      if (!models) {
        await initNodeBackend();
        models = await loadPerceptionModels(packageWeightSource());
      }
      writeFileSync(path, JSON.stringify(await measureClip(models, dir, file, mouthFps)));
      console.error(`${file} measured`);
    }
    clips.push(JSON.parse(readFileSync(path, 'utf8')) as ClipSeries);
  }
  const config = DEFAULT_SPEAKER_CONFIG;
  const report: Record<string, unknown> = { clips: clips.length, mouthFps, msPerClip: summary(clips.map((c) => c.ms)) };
  // Every pixel measure with the shipped search: the clip's own voice, and other clips' voices.
  const pairsOf = (i: number) => [1, 2, 3, 4, 5, 6, 7, 8].map((k) => clips[(i + k * 5) % clips.length]!).filter((o) => o.file.slice(0, 2) !== clips[i]!.file.slice(0, 2));
  for (const m of MEASURES) {
    const own = clips.map((c) => laggedCorrelation(c.tSec, c.values[m]!, envelopeOf(c), config.search).score);
    const other = clips.flatMap((c, i) => pairsOf(i).map((o) => laggedCorrelation(o.tSec, o.values[m]!, envelopeOf(c), config.search).score));
    report[m] = { own: summary(own), silentFaceNoise: summary(other) };
  }
  // The shipped rule on single faces: its own voice (a labelled clip keeps its speaker?) and another's (dubbed: nobody?).
  const series = (c: ClipSeries) => ({ trackId: 1, tSec: c.tSec, mouth: c.values[measure]! });
  const own = clips.map((c) => associateSpeaker([series(c)], envelopeOf(c), config));
  const dubbed = clips.flatMap((c, i) => pairsOf(i).map((o) => associateSpeaker([series(o)], envelopeOf(c), config)));
  const both = clips.flatMap((c, i) => pairsOf(i).map((o) => associateSpeaker([series(c), { ...series(o), trackId: 2 }], envelopeOf(c), config)));
  const share = (n: number, of: number) => `${n} of ${of} (${((100 * n) / of).toFixed(1)} %)`;
  report.rule = {
    config: { minScore: config.minScore, minMargin: config.minMargin, measure },
    labelledKeepSpeaker: share(own.filter((r) => r.trackId === 1).length, own.length),
    labelledLost: own.flatMap((r, i) => (r.trackId === 1 ? [] : [`${clips[i]!.file} ${r.score.toFixed(2)}`])),
    dubbedCredited: share(dubbed.filter((r) => r.trackId !== null).length, dubbed.length),
    bothMoving: { right: share(both.filter((r) => r.trackId === 1).length, both.length), wrong: share(both.filter((r) => r.trackId === 2).length, both.length) },
  };
  // The trade-off the threshold sets (docs/speaker.md).
  report.sweep = [0.2, 0.3, 0.4, 0.5, 0.6].map((minScore) => {
    const c = { ...config, minScore };
    const keep = clips.filter((x) => associateSpeaker([series(x)], envelopeOf(x), c).trackId === 1).length;
    const wrong = clips.flatMap((x, i) => pairsOf(i).map((o) => associateSpeaker([series(o)], envelopeOf(x), c).trackId)).filter((t) => t !== null).length;
    return `minScore ${minScore}: labelled keep ${share(keep, clips.length)}, dubbed credited ${share(wrong, dubbed.length)}`;
  });
  report.marginSweep = [0, 0.1, 0.2, 0.3].map((minMargin) => {
    const c = { ...config, minMargin };
    const out = clips.flatMap((x, i) => pairsOf(i).map((o) => associateSpeaker([series(x), { ...series(o), trackId: 2 }], envelopeOf(x), c).trackId));
    return `minMargin ${minMargin}: both moving right ${share(out.filter((t) => t === 1).length, out.length)}, wrong ${share(out.filter((t) => t === 2).length, out.length)}`;
  });
  console.log(JSON.stringify(report, null, 1));
  return 0;
}

/** `--composites`: the speaker test set for the first `pairs` pairs, each case's answer and every track's score. */
async function composites(pairs: number, cache: string): Promise<number> {
  await initNodeBackend();
  const models = await loadPerceptionModels(packageWeightSource());
  const rows: { name: string; kind: string; expected: string | null; credited: string | null; verdict: string; score: number }[] = [];
  // The voices of the labelled clips (from the probe's cache), to measure silent faces against many.
  const voices = existsSync(cache) ? readdirSync(cache).map((f) => envelopeOf(JSON.parse(readFileSync(join(cache, f), 'utf8')) as ClipSeries)) : [];
  const silentNoise: number[] = [];
  for (const [i, [a, b]] of COMPOSITE_PAIRS.slice(0, pairs).entries()) {
    for (const c of await makeSpeakerCases('.cache/speaker-composites', `p${i}`, join(CLIPS_DIR, a), join(CLIPS_DIR, b))) {
      const found = await lightSpeaker(models, c.path);
      const verdict = found.credited === c.speaker ? (c.speaker ? 'right' : 'nobody (right)') : found.credited === null ? 'nobody' : 'WRONG';
      const row = { name: c.name, kind: c.kind, expected: c.speaker, credited: found.credited, verdict, score: found.result.score, tracks: found.tracks.map((t) => ({ ...t, score: found.result.scores.find((s) => s.trackId === t.trackId)?.score })) };
      console.log(JSON.stringify(row));
      rows.push(row);
      // A held face (the still person of 'still-other'): its score against every voice, the mouth-moving gate aside.
      if (c.kind === 'still-other') {
        for (const t of found.tracks.filter((t) => t.side !== c.speaker)) {
          const s = found.series.find((x) => x.trackId === t.trackId)!;
          for (const v of voices) silentNoise.push(laggedCorrelation(s.tSec, s.mouth, v, DEFAULT_SPEAKER_CONFIG.search).score);
        }
      }
    }
  }
  const oneSpeaks = rows.filter((r) => r.expected !== null);
  const count = (f: (r: (typeof rows)[number]) => boolean, of = rows) => `${of.filter(f).length} of ${of.length}`;
  console.log(JSON.stringify({
    cases: rows.length,
    wrong: count((r) => r.verdict === 'WRONG'),
    oneFaceSpeaks: { right: count((r) => r.verdict === 'right', oneSpeaks), nobody: count((r) => r.verdict === 'nobody', oneSpeaks), wrong: count((r) => r.verdict === 'WRONG', oneSpeaks) },
    byKind: Object.fromEntries(['still-other', 'both-moving', 'dubbed'].map((k) => [k, Object.fromEntries(['right', 'nobody', 'nobody (right)', 'WRONG'].map((v) => [v, rows.filter((r) => r.kind === k && r.verdict === v).length]))])),
    silentFaceNoise: silentNoise.length ? summary(silentNoise) : null,
  }));
  return 0;
}

runCli('speaker-probe', main);
