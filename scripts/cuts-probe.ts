/**
 * Edited footage (docs/real-files.md, "Edited footage"): our clips cut together with ffmpeg —
 * alternating shots of two actors at the same framing, jump cuts of one actor to a closer shot, and
 * cross-fades from one actor to another —
 * through the analysis worker's per-frame loop (Node, tfjs WASM) and the page's joins across cuts.
 * Prints, per video and in all, the cuts found, the tracks before and after the joins, and whether
 * every track holds one person (alternating, cross-fades) or the one person is one track (jump cuts); then
 * the cuts the detector finds in each of our own (uncut) clips and in their re-made copies where
 * `npm run unfamiliar` has made them (face crops, 240p, grey, …), which should be none.
 *
 *   npx tsx scripts/cuts-probe.ts [--dir .cache/cuts] [--sentence 03]
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { createShotCutDetector, type ShotChange } from '../src/core/tracking/shot-cut';
import { MOUTH_TRACE } from '../src/core/speaker/speaker-constants';
import type { GrayFrame } from '../src/core/gray-image';
import { initNodeBackend, packageWeightSource, readFramesWithFfmpeg } from '../src/node';
import { alternatingShots, crossFade, jumpCuts, SHOT_SEC } from '../src/node/edited-footage';
import { analyseEdited, shotsOf } from '../src/node/edited-footage-run';
import { voteOnClip } from '../src/pipeline/clip-analysis';
import { loadPerceptionModels } from '../src/pipeline/perception-models';
import { parseArgs, stringOption } from './lib/cli-args';

const CLIPS = resolve('../shared/data/javanese/clips');
/** Actor pairs of the alternating videos: every actor twice, neighbours and far ones. */
const PAIRS = [[1, 2], [1, 3], [1, 4], [2, 3], [4, 6], [6, 7], [3, 5], [5, 7], [2, 6], [4, 7]] as const;
const ZOOMS = [1.3, 2] as const;
/** Fades: length (s, a video editor's usual ones) and kind. */
const FADES = [[0.5, 'mix'], [1, 'mix'], [1, 'black']] as const;

/** The cuts and changes of light the detector finds in `path` (seconds), each grey frame judged with the next known as in the app, and its milliseconds per second of video. */
async function detectorOn(path: string): Promise<{ cuts: number[]; lights: number[]; msPerSec: number }> {
  const grey: GrayFrame[] = [];
  for await (const f of readFramesWithFfmpeg(path, { fps: 5, frames: 'app', mouthFps: MOUTH_TRACE.fps })) grey.push(...(f.mouthFrames ?? []));
  const detector = createShotCutDetector();
  const start = performance.now();
  const changes = grey.map((g, i) => detector.push(g, grey[i + 1]));
  const msPerSec = (performance.now() - start) / Math.max(grey.at(-1)?.tSec ?? 0, 1e-3);
  const at = (change: ShotChange) => grey.filter((_, i) => changes[i] === change).map((g) => g.tSec);
  return { cuts: at('cut'), lights: at('light'), msPerSec };
}

/** Folders of uncut videos, where every cut found is a false one: our clips, and their re-made copies (`npm run unfamiliar`) where present. */
function uncutFolders(): string[] {
  const remade = resolve('.cache/unfamiliar');
  const kinds = existsSync(remade) ? readdirSync(remade).map((kind) => join(remade, kind, 'clips')).filter((dir) => existsSync(dir)) : [];
  return [CLIPS, ...kinds];
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), []);
  const dir = resolve(stringOption(args, 'dir') ?? '.cache/cuts');
  const sentence = stringOption(args, 'sentence') ?? '03';
  const name = (actor: number) => join(CLIPS, `0${actor}-${sentence}-03_01.mp4`);
  await initNodeBackend();
  const models = await loadPerceptionModels(packageWeightSource());
  const totals = { alternating: 0, alternatingPure: 0, alternatingOneEach: 0, jump: {} as Record<string, { videos: number; oneTrack: number }>, crossFade: {} as Record<string, { videos: number; found: number; pure: number }> };
  for (const [a, b] of PAIRS) {
    const path = await alternatingShots(dir, name(a), name(b));
    const { clip, tracksBeforeJoin } = await analyseEdited(models, path);
    const shots = [...clip.tracks.keys()].map((id) => shotsOf(clip, id));
    // Shots 0 and 2 are `a`, 1 and 3 are `b`: a pure track's shots share their parity.
    const pure = shots.every((s) => s.every((x) => x % 2 === s[0]! % 2));
    const oneEach = pure && shots.length === 2;
    totals.alternating++;
    if (pure) totals.alternatingPure++;
    if (oneEach) totals.alternatingOneEach++;
    console.log(`alternating ${a}-${b}: cuts at ${clip.shotStarts.map((t) => t.toFixed(1)).join(', ')}; tracks ${tracksBeforeJoin} → ${clip.tracks.size} (${shots.map((s) => `[${s}]`).join(' ')}) ${pure ? 'pure' : 'MIXED'}${oneEach ? ', one each' : ''}; winner #${voteOnClip(clip).winnerId}`);
  }
  for (const zoom of ZOOMS) {
    const row = (totals.jump[zoom] = { videos: 0, oneTrack: 0 });
    for (const actor of [1, 2, 3, 4, 5, 6, 7]) {
      const { clip, tracksBeforeJoin } = await analyseEdited(models, await jumpCuts(dir, name(actor), zoom));
      row.videos++;
      if (clip.tracks.size === 1) row.oneTrack++;
      console.log(`jump ${zoom}× actor ${actor}: cuts ${clip.shotStarts.length}; tracks ${tracksBeforeJoin} → ${clip.tracks.size}`);
    }
  }
  // Cross-fades from `a` to `b` (1 s of `a`, the fade, then `b`): no track may hold faces from both sides.
  for (const [sec, fade] of FADES) {
    const row = (totals.crossFade[`${sec} s ${fade}`] = { videos: 0, found: 0, pure: 0 });
    for (const [a, b] of PAIRS) {
      const { clip } = await analyseEdited(models, await crossFade(dir, name(a), name(b), sec, fade));
      const pure = [...clip.tracks.values()].every((r) => !(r[0]!.tSec < SHOT_SEC && r.at(-1)!.tSec > SHOT_SEC + sec));
      row.videos++;
      if (clip.shotStarts.length > 0) row.found++;
      if (pure) row.pure++;
      console.log(`fade ${sec} s ${fade} ${a}-${b}: changes of shot at ${clip.shotStarts.map((t) => t.toFixed(1)).join(', ') || 'none'}; tracks ${clip.tracks.size} ${pure ? 'pure' : 'MIXED'}`);
    }
  }
  // Uncut videos: every cut found there is a false one.
  const costs: number[] = [];
  const falseCuts: Record<string, { videos: number; withCuts: number; withLightChanges: number }> = {};
  for (const dir of uncutFolders()) {
    const kind = dir === CLIPS ? 'ours' : basename(dirname(dir));
    const row = (falseCuts[kind] = { videos: 0, withCuts: 0, withLightChanges: 0 });
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.mp4'))) {
      const { cuts, lights, msPerSec } = await detectorOn(join(dir, file));
      costs.push(msPerSec);
      row.videos++;
      if (lights.length > 0) {
        row.withLightChanges++;
        console.log(`${kind} ${file}: the light changes at ${lights.map((t) => t.toFixed(2)).join(', ')} (none expected)`);
      }
      if (cuts.length === 0) continue;
      row.withCuts++;
      console.log(`${kind} ${file}: cut at ${cuts.map((t) => t.toFixed(2)).join(', ')} (none expected)`);
    }
  }
  const msPerSec = costs.reduce((a, b) => a + b, 0) / costs.length;
  console.log(JSON.stringify({ ...totals, falseCuts, detectorMsPerVideoSecond: Number(msPerSec.toFixed(2)) }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
