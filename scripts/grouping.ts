/**
 * npm run grouping -- [--data DIR] [--fps 5] [--cache FILE] [--threshold T] [--embedding-interval S] [--plain] [--cached]
 *
 * The cache defaults to .cache/grouping/embeddings-<fps>fps-every-<S>s[-mirror].json for our clips and to
 * .cache/grouping/<folder>-<hash of its path>/ (the same name) for another folder. `--plain` groups
 * by the plain embedding instead of its mirror average (a folder clip's grouping embedding).
 *
 * Measures grouping clips by person (docs/calibration.md) on a labelled dataset whose labels.csv
 * names each clip's actor. Node (tfjs WASM) runs the app's own per-frame loop (trackFrames: the
 * same perception, a folder clip's grouping embedding on every frame, the tracker's once a second unless `--embedding-interval` says otherwise,
 * and the same tracker) and FaceVoting on every clip, and keeps the main
 * track's mean face embedding (cached, resumable). Then it prints JSON: the distances within and
 * between actors, how well they separate actors on no particular scale (`separation`), the grouping at the app's cut (chosen per folder; `--threshold T`: a fixed cut instead) and at a sweep of thresholds,
 * the range of thresholds that put every actor in one pure group, and how often small folders
 * (2–3 actors × 4 or 8 clips, drawn at random) come out pure with that cut, how often they hold a
 * group of two people, and how many one-person folders stay one group. The actor column is read
 * only to score the grouping; the grouping itself sees embeddings only. `--cached` measures the
 * clips already in the cache and extracts none.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { groupByPerson, groupingPurity, summariseDistances } from '../src/core/grouping/group-by-person';
import { separation } from '../src/core/grouping/separation';
import { initNodeBackend, packageWeightSource, probeVideo } from '../src/node';
import { ffmpegFrames } from '../src/node/ffmpeg-frame-source';
import { trackFrames } from '../src/pipeline/analyze-video';
import { addFrame, createClipAnalysis, embeddedFaceSide, embeddingSpread, personEmbedding, voteOnClip } from '../src/pipeline/clip-analysis';
import { loadPerceptionModels, type PerceptionModels } from '../src/pipeline/perception-models';
import { createStageTimer } from '../src/pipeline/stage-timer';
import { DEFAULT_PERCEPTION_CONFIG, type PerceptionConfig } from '../src/shared/perception-config';
import { FOLDER_CLIP_PERCEPTION } from '../src/app/file-nets';
import { createRng } from '../src/core/random';
import { numberOption, parseArgs, stringOption } from './lib/cli-args';

/** One clip's cache entry: the main track's mean embedding and its face's size where embedded (video pixels); null without a face. */
interface CachedEmbedding {
  embedding: number[];
  faceSide: number | null;
  /** embeddingSpread of the main track (absent in entries written before 2026-12-04 22:00 UTC: re-extracted). */
  spread?: number;
}

/** The main track's mean embedding of one clip, as the app's page would have it; null without a face. */
async function clipEmbedding(models: PerceptionModels, path: string, fps: number, perception: Partial<PerceptionConfig>): Promise<CachedEmbedding | null> {
  const size = await probeVideo(path);
  const clip = createClipAnalysis(size.width, size.height);
  // The page's recording of each tracked frame (recordFrame without what is only drawn).
  await trackFrames(ffmpegFrames(path, fps), size, models, { perception }, createStageTimer(), (frame) => addFrame(clip, frame.faces, frame.trackIds, frame.tSec));
  const winner = voteOnClip(clip).winnerId;
  const records = winner === null ? null : clip.tracks.get(winner)!;
  const mean = records && personEmbedding(records);
  const field = perception.mirrorEmbedding ? 'groupingEmbedding' : 'embedding';
  return mean ? { embedding: [...mean], faceSide: embeddedFaceSide(records), spread: embeddingSpread(records, field)! } : null;
}

/** Our labelled clips: the folder `--data` defaults to. */
const DEFAULT_DATA = '../shared/data/javanese';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), ['cached', 'plain']);
  const dataDir = resolve(stringOption(args, 'data') ?? DEFAULT_DATA);
  const fps = numberOption(args, 'fps') ?? 5;
  // Undefined: the app's cut, chosen per folder (groupByPerson); a number: a fixed cut.
  const threshold = numberOption(args, 'threshold');
  const cachedOnly = args.options.has('cached');
  // How often the tracker's plain embedding runs: a folder clip's cadence in the app (a single file's) unless given.
  const embeddingIntervalSec = numberOption(args, 'embedding-interval');
  const perception: Partial<PerceptionConfig> = {
    ...FOLDER_CLIP_PERCEPTION,
    ...(embeddingIntervalSec !== undefined && { embeddingIntervalSec }),
    ...(args.options.has('plain') && { mirrorEmbedding: false }),
  };
  // The cache holds one folder's and one setting's embeddings: its default place and name say which
  // (another folder's in a sub-folder named after it). Entries are keyed by file name, so one shared
  // default let a re-made folder's clips, named like ours, overwrite our clips' embeddings.
  const cacheName = `embeddings-${fps}fps-every-${perception.embeddingIntervalSec ?? DEFAULT_PERCEPTION_CONFIG.embeddingIntervalSec}s${perception.mirrorEmbedding ? '-mirror' : ''}.json`;
  const folderKey = `${basename(dataDir)}-${createHash('sha1').update(dataDir).digest('hex').slice(0, 8)}`;
  const cachePath = resolve(stringOption(args, 'cache') ?? join('.cache/grouping', dataDir === resolve(DEFAULT_DATA) ? '' : folderKey, cacheName));
  let rows = readFileSync(join(dataDir, 'labels.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map((c) => c.trim()));
  const header = readFileSync(join(dataDir, 'labels.csv'), 'utf8').split('\n')[0]!.split(',').map((c) => c.trim());
  const [fileCol, actorCol] = [header.indexOf('file'), header.indexOf('actor')];
  if (fileCol < 0 || actorCol < 0) throw new Error(`${dataDir}/labels.csv needs the columns file and actor`);
  const cache: Record<string, CachedEmbedding | null> = existsSync(cachePath) ? JSON.parse(readFileSync(cachePath, 'utf8')) : {};
  // Entries without a spread (written before 2026-12-04 22:00 UTC) are extracted again.
  for (const [file, entry] of Object.entries(cache)) if (entry && entry.spread === undefined) delete cache[file];
  if (cachedOnly) rows = rows.filter((r) => r[fileCol]! in cache);
  const todo = rows.filter((r) => !(r[fileCol]! in cache));
  if (todo.length > 0) {
    await initNodeBackend();
    const models = await loadPerceptionModels(packageWeightSource());
    mkdirSync(dirname(cachePath), { recursive: true });
    const started = performance.now();
    try {
      for (const [k, r] of todo.entries()) {
        cache[r[fileCol]!] = await clipEmbedding(models, join(dataDir, 'clips', r[fileCol]!), fps, perception);
        writeFileSync(cachePath, JSON.stringify(cache));
        process.stderr.write(`\r${k + 1}/${todo.length} ${r[fileCol]} ${((performance.now() - started) / 1000).toFixed(0)} s\x1b[K`);
      }
    } finally {
      models.dispose();
    }
    process.stderr.write('\n');
  }
  const files = rows.map((r) => r[fileCol]!);
  const people = rows.map((r) => r[actorCol]!);
  const embeddings = files.map((f) => cache[f]?.embedding ?? null);
  const at = (t: number | undefined) => {
    const groups = groupByPerson(embeddings, { threshold: t });
    return { threshold: t, ...groupingPurity(groups, people), sizes: groups.map((g) => g.length) };
  };
  // Small folders (k people × n clips each, drawn at random, seeded): how often the grouping is pure.
  const rng = createRng(17);
  const actors = [...new Set(people)].sort();
  const smallFolders = [2, 3].flatMap((k) =>
    [4, 8].map((n) => {
      let pure = 0;
      let mixed = 0;
      for (let trial = 0; trial < 200; trial++) {
        const chosen = rng.shuffle(actors).slice(0, k);
        const picked = chosen.flatMap((a) => rng.shuffle(files.flatMap((_, i) => (people[i] === a && embeddings[i] ? [i] : []))).slice(0, n));
        const groups = groupByPerson(picked.map((i) => embeddings[i]!), { threshold });
        const p = groupingPurity(groups, picked.map((i) => people[i]!));
        if (p.split.length === 0 && p.mixed.length === 0) pure++;
        if (p.mixed.length > 0) mixed++;
      }
      // Mixed (a group of two people: each calibrated to the other) is the failure that matters; split only leaves clips uncalibrated.
      return { people: k, clipsEach: n, pureShare: pure / 200, mixedShare: mixed / 200 };
    }),
  );
  // A folder of one person's clips (the commoner case): kept whole?
  const onePerson = actors.filter((a) => groupByPerson(files.flatMap((_, i) => (people[i] === a && embeddings[i] ? [embeddings[i]] : [])), { threshold }).length === 1);
  const sweep = Array.from({ length: 40 }, (_, i) => Math.round((0.05 + i * 0.025) * 1000) / 1000).map(at);
  const pure = sweep.filter((s) => s.split.length === 0 && s.mixed.length === 0).map((s) => s.threshold);
  const summary = summariseDistances(embeddings, people);
  console.log(
    JSON.stringify(
      {
        clips: files.length,
        withoutFace: files.filter((_, i) => !embeddings[i]),
        distances: summary,
        largestWithin: Math.max(...Object.values(summary.within).map((w) => w.max)),
        // Scale-free: another embedding is compared by these before a cut is chosen for it.
        separation: separation(embeddings, people),
        smallestBetween: Math.min(...Object.values(summary.between).map((b) => b.min)),
        chosen: at(threshold),
        smallFolders,
        onePersonFoldersWhole: { whole: onePerson.length, of: actors.length },
        pureThresholds: pure.length > 0 ? { from: pure[0], to: pure[pure.length - 1], count: pure.length } : null,
        sweep: sweep.map(({ threshold: t, groups, split, mixed }) => ({ threshold: t, groups, split: split.length, mixed: mixed.length })),
      },
      null,
      2,
    ),
  );
}

main().catch((error: unknown) => {
  console.error(`grouping: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
