/**
 * Cuts in edited footage on real pictures: composites of our clips made with ffmpeg at test time
 * (into the OS temp folder), through the analysis worker's per-frame loop and the page's joins.
 * Measured over ten pairs, fourteen jump cuts, thirty fades and captioned copies in docs/real-files.md, "Edited footage".
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { voteOnClip } from '../pipeline/clip-analysis';
import type { PerceptionModels } from '../pipeline/perception-models';
import { alternatingShots, captioned, crossFade, jumpCuts, letterboxed, lightStep, pictureInPicture } from './edited-footage';
import { analyseEdited, shotsOf } from './edited-footage-run';
import { clip, perceptionAndScratch } from './test-fixtures';

describe('edited footage: cuts between shots', () => {
  let models: PerceptionModels;
  let dir: string;
  beforeAll(async () => {
    ({ models, dir } = await perceptionAndScratch('cuts'));
  }, 120_000);

  it('alternating shots of two people at the same framing: one track each, never both in one', { timeout: 120_000 }, async () => {
    // Actors 01 and 04 were one track before cuts were seen (docs/real-files.md).
    const { clip: analysed, joins, tracksBeforeJoin } = await analyseEdited(models, await alternatingShots(dir, clip('01-03-03_01.mp4'), clip('04-03-03_01.mp4')));
    expect(analysed.shotStarts).toHaveLength(3);
    expect(tracksBeforeJoin).toBe(4);
    expect(joins.size).toBe(2);
    const shots = [...analysed.tracks.keys()].map((id) => shotsOf(analysed, id));
    expect(shots.sort()).toEqual([
      [0, 2],
      [1, 3],
    ]);
    expect(voteOnClip(analysed).winnerId).not.toBeNull();
  });

  it('jump cuts of one person to a 2× closer shot and back: one track, gone on across each cut by the zoom', { timeout: 120_000 }, async () => {
    // Before, each cut broke the track and the embedding could not join a 2× change of scale: three tracks.
    const { clip: analysed, tracksBeforeJoin } = await analyseEdited(models, await jumpCuts(dir, clip('03-03-03_01.mp4'), 2));
    expect(analysed.shotStarts.length).toBeGreaterThanOrEqual(2);
    expect({ tracksBeforeJoin, tracks: analysed.tracks.size }).toEqual({ tracksBeforeJoin: 1, tracks: 1 });
  });

  it('a half-second cross-fade from one person to another: two tracks, neither with faces from both sides of it', { timeout: 120_000 }, async () => {
    // Actors 01 and 04 were one track across the fade before gradual changes were seen (docs/real-files.md).
    const { clip: analysed } = await analyseEdited(models, await crossFade(dir, clip('01-03-03_01.mp4'), clip('04-03-03_01.mp4'), 0.5));
    expect(analysed.shotStarts).toHaveLength(1);
    expect(analysed.tracks.size).toBe(2);
    // The fade runs from 1 s to 1.5 s: no track has a face before it and one after it.
    for (const records of analysed.tracks.values()) expect(records[0]!.tSec < 1 && records.at(-1)!.tSec > 1.5).toBe(false);
  });

  it('a letterboxed film cutting between two look-alike people: the cuts are measured inside the black bars, one track each', { timeout: 120_000 }, async () => {
    // Actors 02 and 03 look alike: with the bars' black in every measure their cuts fell under the floors, and one track held both.
    const alternating = await alternatingShots(dir, clip('02-03-03_01.mp4'), clip('03-03-03_01.mp4'));
    const { clip: analysed } = await analyseEdited(models, await letterboxed(dir, alternating));
    expect(analysed.shotStarts.length).toBeGreaterThanOrEqual(2);
    for (const id of analysed.tracks.keys()) {
      const shots = shotsOf(analysed, id);
      // A track keeps to one person's shots (0 and 2, or 1 and 3).
      expect(new Set(shots.map((s) => s % 2)).size, `track ${id}: shots ${shots.join(', ')}`).toBe(1);
    }
  });

  it('a subtitle box that comes and goes is no change of shot: one track', { timeout: 60_000 }, async () => {
    const { clip: analysed } = await analyseEdited(models, await captioned(dir, clip('04-02-01_01.mp4')));
    expect(analysed.shotStarts).toEqual([]);
    expect(analysed.tracks.size).toBe(1);
  });

  it('a lamp switched off or on mid-clip is no change of shot: one track across it', { timeout: 60_000 }, async () => {
    // Both were cuts (re-joined by the embedding, the page saying the video changes shot); unannounced
    // to the tracker, the colour gate split the face in two.
    const { clip: analysed, tracksBeforeJoin } = await analyseEdited(models, await lightStep(dir, clip('02-04-05_01.mp4'), -0.15));
    expect({ cuts: analysed.shotStarts, tracks: tracksBeforeJoin }).toEqual({ cuts: [], tracks: 1 });
    const records = [...analysed.tracks.values()][0]!;
    expect(records[0]!.tSec).toBeLessThan(1.5);
    expect(records.at(-1)!.tSec).toBeGreaterThan(3);
    // Switched on, read as a camera's pictures are (each alone, no grey frames between them): one track as well.
    const camera = await analyseEdited(models, await lightStep(dir, clip('02-04-05_01.mp4'), 0.15), { asCamera: true });
    expect(camera.tracksBeforeJoin).toBe(1);
  });

  it('a face in a window over footage that cuts (picture in picture) is one track across the cuts', { timeout: 60_000 }, async () => {
    const { clip: analysed, tracksBeforeJoin } = await analyseEdited(models, await pictureInPicture(dir, clip('01-01-03_01.mp4')));
    // Every background change is a cut for the picture (3 in 3.8 s)…
    expect(analysed.shotStarts.length).toBeGreaterThanOrEqual(2);
    // …but not for the face in its unchanged window: one track, carried, not re-joined after each cut.
    expect(tracksBeforeJoin).toBe(1);
    expect(analysed.tracks.size).toBe(1);
    const records = [...analysed.tracks.values()][0]!;
    expect(records[0]!.tSec).toBeLessThan(analysed.shotStarts[0]!);
    expect(records.at(-1)!.tSec).toBeGreaterThan(analysed.shotStarts.at(-1)!);
  });

  it('our own uncut clip has no cut and its one track', { timeout: 60_000 }, async () => {
    const { clip: analysed, joins } = await analyseEdited(models, clip('03-02-01_01.mp4'));
    // This clip has a black frame in it (a fade): no shot of its own.
    expect(analysed.shotStarts).toEqual([]);
    expect(joins.size).toBe(0);
    expect(analysed.tracks.size).toBe(1);
  });
});
