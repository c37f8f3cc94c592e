/**
 * A face cut by the frame's edge (a vlogger too close to the camera: the chin out of the picture),
 * made from our clips with ffmpeg at test time, through the analysis worker's per-frame loop in
 * Node. The embeddings of a part of a face moved 0.3–0.7 between frames, so the tracker's 0.6
 * embedding gate split one person into two tracks (docs/real-files.md, "A face cut by the frame's
 * edge"); tracking now leaves those embeddings out.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PerceptionModels } from '../pipeline/perception-models';
import { analyseEdited } from './edited-footage-run';
import { clip, perceptionAndScratch } from './test-fixtures';
import { makeUnfamiliar, UNFAMILIAR_KINDS } from './unfamiliar-footage';

describe('a face cut by the bottom of the picture', () => {
  let models: PerceptionModels;
  let dir: string;
  beforeAll(async () => {
    ({ models, dir } = await perceptionAndScratch('too-close'));
  }, 120_000);

  // Two of the three clips of sentence 03 that were two tracks (5 + 9 and 5 + 9 frames).
  it.each(['07-03-06_01.mp4', '03-03-03_01.mp4'])('%s filmed too close is one track, its box at the edge', { timeout: 60_000 }, async (name) => {
    const kind = UNFAMILIAR_KINDS.find((k) => k.name === 'too-close')!;
    const path = join(makeUnfamiliar(kind, [[name]], 'file', dir, clip), 'clips', name);
    const { clip: analysed } = await analyseEdited(models, path);
    expect(analysed.tracks.size).toBe(1);
    const records = [...analysed.tracks.values()][0]!;
    expect(records.length).toBeGreaterThanOrEqual(12);
    // The case under test: the face reaches the bottom of the 180-row picture.
    expect(records.filter((r) => r.box.y + r.box.h >= 179).length).toBeGreaterThan(records.length / 2);
  });
});
