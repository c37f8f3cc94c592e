/**
 * npm run features -- [--fps 5] [--out .cache/features] [--clips N] [--augment 4] [--data DIR] [--shard i/n]
 *                     [--frames app|fps-filter] [--phase N] [--actors 01,02,…]
 *
 * Node (tfjs WASM): runs the browser's perception pipeline (perceiveFrame + tracker + FaceVoting)
 * over every clip in labels.csv and caches the main track's per-frame probabilities, face and
 * context features and the FER net's probabilities and features, plus `--augment` augmented copies
 * of the face crops (flip / ±15° / ±20%, both face nets re-run on the same boxes, context unaugmented),
 * and the speech features of the audio track (src/core/audio). Resumable: done clips are skipped;
 * cached clips without speech features, or with an older version of them (meta.speechVersion), get
 * the current ones, and clips cached before the main track's mean embedding was kept get it (only
 * their .json changes).
 * `--frames app` (default) samples the frames the app analyses (0, 6, 12, … of a 29.97 fps clip at
 * 5 fps; the shipped weights use it); `--frames fps-filter` uses ffmpeg's fps filter (2, 8, 14, …), as
 * caches made before 2026-11-25 22:30 UTC did. `--phase N` (with app frames) starts the app's grid N
 * source frames later (3, 9, 15, … for N = 3): extra training copies at another sampling phase
 * (`npm run train -- --extra-cache`). A cache folder holds one frame choice and phase only.
 * `--actors` keeps only those actors' clips. Clips cached without landmarks, or with other perception
 * settings than the app's defaults (meta.perception), are extracted again.
 */
import { join, resolve } from 'node:path';
import { SPEECH_FEATURES_VERSION } from '../src/core/audio/speech-features';
import { initNodeBackend, packageWeightSource } from '../src/node';
import { loadPerceptionModels } from '../src/pipeline/perception-models';
import { clipSpeech, extractClip, type FrameChoice } from '../src/training/extract-clip';
import { isCached, patchCachedMeta, perceptionIsStale, readCachedMeta, speechIsStale, writeCachedClip, type CachedClip } from '../src/training/feature-cache';
import { parseArgs, numberOption, stringOption } from './lib/cli-args';
import { DATA_DIR, readLabels } from './lib/dataset-labels';

/** Throws unless a cached clip was sampled with `choice` and `phase` (a folder must not mix two). */
function checkCachedFrames(out: string, meta: CachedClip['meta'], choice: FrameChoice, phase: number): void {
  const cached = `${meta.frameChoice ?? 'fps-filter'} phase ${meta.phase ?? 0}`;
  if (cached !== `${choice} phase ${phase}`) throw new Error(`${out} holds clips sampled with --frames ${cached}, not ${choice} phase ${phase}: use another --out`);
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
  let refreshed = 0;
  let embedded = 0;
  try {
    for (const row of rows) {
      const path = join(dataDir, 'clips', row.file);
      const meta = isCached(out, row.file) ? await readCachedMeta(out, row.file) : null;
      // Clips cached before landmarks were stored (the .bin layout changes), or with other perception settings than the app's, are extracted again.
      if (meta && meta.landmarkDim !== undefined && !perceptionIsStale(meta)) {
        checkCachedFrames(out, meta, frameChoice, phase);
        // Caches made before the speech features, or with an older version of them, get the current ones (the .bin is unchanged).
        if (speechIsStale(meta)) {
          await patchCachedMeta(out, row.file, await clipSpeech(path));
          refreshed++;
        }
        // Caches made before the main track's mean embedding was kept get it (perception runs again; the .bin is unchanged).
        if (meta.embedding === undefined) {
          const clip = await extractClip(models, path, row, fps, 0, frameChoice, phase);
          await patchCachedMeta(out, row.file, { embedding: clip.meta.embedding ?? null });
          embedded++;
        }
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
  if (refreshed) process.stderr.write(`\n${refreshed} cached clips got speech features version ${SPEECH_FEATURES_VERSION}`);
  if (embedded) process.stderr.write(`\n${embedded} cached clips got their main track's mean embedding`);
  process.stderr.write(`\n${extracted} clips extracted in ${secs.toFixed(1)} s (${(secs / Math.max(1, extracted)).toFixed(2)} s/clip) → ${out}\n`);
}

main().catch((error: unknown) => {
  console.error(`features: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
