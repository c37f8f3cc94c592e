/**
 * Finding the turn of a picture stored turned without a rotation tag, on our clips turned by
 * ffmpeg (re-encoded: the pixels turned, no tag), with the real face networks (Node, WASM).
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { probeVideo } from '../node';
import { ffmpegFrames } from '../node/ffmpeg-frame-source';
import { clip, makeScaled } from '../node/test-fixtures';
import { usePerceptionModels } from '../node/test-models';
import { chooseTurn, FIND_TURN, findTurn, findTurnFps, lookSearches, turnFrame, turnInDoubt, turnsInPlay } from './find-turn';
import type { PerceptionModels } from './perception-models';

let models!: PerceptionModels;
usePerceptionModels((m) => (models = m));

/** findTurn on `path`, its frames spread over the file as the analysis worker takes them. */
async function turnOf(path: string, search = true) {
  const { durationSec } = await probeVideo(path);
  return findTurn(models, ffmpegFrames(path, findTurnFps(durationSec)!), { search });
}

describe('finding the turn of a picture stored turned without a tag', () => {
  it('takes a turn only when it shows a face on at least half of the frames and on more than upright', () => {
    // Each frame with a face scores 0.7 unless told: [frames with a face, score sum] by turn.
    const counts = (w0: number, w90: number, w270: number, w180 = 0, scores: Partial<Record<0 | 90 | 180 | 270, number>> = {}) => ({
      frames: 4,
      withFace: { 0: w0, 90: w90, 180: w180, 270: w270 },
      scores: { 0: 0.7 * w0, 90: 0.7 * w90, 180: 0.7 * w180, 270: 0.7 * w270, ...scores },
    });
    expect(chooseTurn(counts(0, 4, 0))).toBe(90);
    expect(chooseTurn(counts(0, 0, 2))).toBe(270);
    expect(chooseTurn(counts(0, 0, 0, 3))).toBe(180);
    expect(chooseTurn(counts(0, 1, 0))).toBe(0); // one frame of four: a chance detection
    expect(chooseTurn(counts(2, 4, 0))).toBe(90);
    expect(chooseTurn(counts(3, 3, 0))).toBe(0); // upright as good: upright
    // Sideways turned the wrong way is upside down, found as often but scoring lower.
    expect(chooseTurn(counts(0, 4, 4, 0, { 90: 2.04, 270: 2.66 }))).toBe(270);
    expect(chooseTurn(counts(0, 4, 4, 0, { 90: 2.61, 270: 2.01 }))).toBe(90);
    expect(chooseTurn({ frames: 0, withFace: { 0: 0, 90: 0, 180: 0, 270: 0 }, scores: { 0: 0, 90: 0, 180: 0, 270: 0 } })).toBe(0);
    // Faces found both ways (upside down, Tiny Face still finds some): a turn must clearly outscore upright.
    expect(chooseTurn(counts(4, 0, 0, 4, { 0: 2.0, 180: 2.1 }))).toBe(0);
    expect(chooseTurn(counts(4, 0, 0, 4, { 0: 2.0, 180: 2.5 }))).toBe(180);
  });

  it('looks again when the main face may be upright only turned: seen on few frames, or scored low by the face check', () => {
    const faces = (verify: (number | undefined)[]) => verify.map((v) => (v === undefined ? {} : { verifyScore: v }));
    // Upright faces of our clips score 0.81–0.95 with BlazeFace, upside down 0.60–0.82.
    expect(turnInDoubt(faces([0.9, 0.88, 0.93, 0.91]), 5)).toBe(false);
    expect(turnInDoubt(faces([0.7, 0.68, 0.75, 0.72]), 5)).toBe(true);
    // A sideways face found on a few frames of many.
    expect(turnInDoubt(faces([0.85, 0.86]), 19)).toBe(true);
    // Appearances beyond the records kept (a long track, thinned) count.
    expect(turnInDoubt(faces([0.9, 0.9]), 100, 90)).toBe(false);
    // Faces never checked count as sure; no frame or no face: nothing to doubt (a faceless run looks anyway).
    expect(turnInDoubt(faces([undefined, undefined, 0.9]), 3)).toBe(false);
    expect(turnInDoubt([], 10)).toBe(false);
    expect(turnInDoubt(faces([0.5]), 0)).toBe(false);
  });

  it('stops reading a turn once it could no longer be taken, and the look once no turn can, giving the turn that reading every frame gives', () => {
    const counts = (s0: number, s90: number, s270: number, s180: number, faces = 4) => ({
      withFace: { 0: faces, 90: faces, 270: faces, 180: faces },
      scores: { 0: s0, 90: s90, 270: s270, 180: s180 },
    });
    // Upright, clear after three frames: one frame more cannot lift a faceless turn past 1.1× upright.
    expect(turnsInPlay(counts(2.7, 0, 0, 0), 3)).toEqual([]);
    expect(turnsInPlay(counts(1.8, 0, 0, 0), 2)).toEqual([0, 90, 270, 180]); // 2 > 1.1 × 1.8: still open
    // Upside down (Tiny Face finds the inverted face upright too): only upright and 180° are left to read.
    expect(turnsInPlay(counts(1.8, 0, 0, 2.6), 3)).toEqual([0, 180]);
    // Sideways: the wrong quarter turn (the face upside down) falls behind the right one.
    expect(turnsInPlay(counts(0, 0.9, 2.6, 0), 3)).toEqual([0, 270]);
    // Nobody anywhere: every turn is read while one could still show a face on half of the frames.
    expect(turnsInPlay(counts(0, 0, 0, 0, 0), 2)).toEqual([0, 90, 270, 180]);
    expect(turnsInPlay(counts(0, 0, 0, 0, 0), 3)).toEqual([]);

    // Against reading every turn of every frame, on random looks: faces on half of the reads, or on few.
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const turns = [0, 90, 270, 180] as const;
    for (const faceless of [0.5, 0.85]) {
      for (let trial = 0; trial < 3000; trial++) {
        const look = Array.from({ length: FIND_TURN.frames }, () => Object.fromEntries(turns.map((t) => [t, random() < faceless ? 0 : 0.3 + 0.7 * random()])) as Record<0 | 90 | 180 | 270, number>);
        const answer = (pruned: boolean) => {
          const seen = { withFace: { 0: 0, 90: 0, 180: 0, 270: 0 }, scores: { 0: 0, 90: 0, 180: 0, 270: 0 } };
          let frames = 0;
          for (const frame of look) {
            const read = pruned ? turnsInPlay(seen, frames) : turns;
            if (read.length === 0) break;
            for (const t of read) if (frame[t] > 0) (seen.withFace[t]++, (seen.scores[t] += frame[t]));
            frames++;
          }
          return chooseTurn({ frames, ...seen });
        };
        expect(answer(true)).toBe(answer(false));
      }
    }
  });

  it("leaves the search for small faces out of the look when upright's main face is large, and only then", () => {
    // Large: a shorter side of at least 40 px at 224 px of the long side (our clips' faces: ~150 px of 360).
    expect(lookSearches(150, 360, 270)).toBe(false);
    expect(lookSearches(35, 360, 270)).toBe(true); // the main track's median face is small
    expect(lookSearches(150, 1920, 1080)).toBe(true); // 150 px of 1920 is a far face
    expect(lookSearches(null, 360, 270)).toBe(true); // no main face upright
  });

  it('keeps the search for small faces when upright shows no main face: a far face stored sideways is found only with it', async () => {
    // 02-01-05 shrunk into a 640×480 picture (its face ~55 px), stored turned 90° clockwise.
    const far = await makeScaled(clip('02-01-05_01.mp4'), 480, 640, 3, 'scale=160:-2,pad=640:480:(ow-iw)/2:(oh-ih)/2:color=gray,transpose=1');
    expect((await turnOf(far)).turn).toBe(270);
    expect((await turnOf(far, false)).turn).toBe(0);
  }, 120_000);

  it('spreads its frames over the first 30 s of a long file', () => {
    expect(findTurnFps(2)).toBe(2);
    expect(findTurnFps(600)).toBeCloseTo(4 / 30, 9);
    expect(findTurnFps(0)).toBeUndefined();
  });

  it('turns a frame clockwise', () => {
    // 2 rows × 3 columns, one channel.
    const frame = tf.tensor3d([1, 2, 3, 4, 5, 6], [2, 3, 1]);
    const rows = (turn: 0 | 90 | 180 | 270) => tf.tidy(() => turnFrame(frame, turn).squeeze([2]).arraySync());
    expect(rows(90)).toEqual([[4, 1], [5, 2], [6, 3]]);
    expect(rows(270)).toEqual([[3, 6], [2, 5], [1, 4]]);
    expect(rows(180)).toEqual([[6, 5, 4], [3, 2, 1]]);
    expect(rows(0)).toEqual([[1, 2, 3], [4, 5, 6]]);
    frame.dispose();
  });

  it('finds the turn that makes a sideways or upside-down clip upright, and none for an upright one, leaving no tensor behind', async () => {
    // An actor whose face upside down is also taken for one on every frame, turned the wrong way.
    const source = clip('05-04-06_01.mp4');
    // transpose=1 stores the picture turned 90° clockwise: 270° more make it upright.
    const [clockwise, counter, upsideDown] = await Promise.all([
      makeScaled(source, 270, 360, 3, 'transpose=1'),
      makeScaled(source, 270, 360, 3, 'transpose=2'),
      // This actor upside down is still found as a face upright (and so never looked at turned): another actor.
      makeScaled(clip('03-02-04_01.mp4'), 360, 270, 3, 'hflip,vflip'),
    ]);
    const before = tf.memory().numTensors;
    for (const [path, turn] of [[clockwise, 270], [counter, 90], [upsideDown, 180], [source, 0]] as const) {
      const found = await turnOf(path);
      expect(found).toMatchObject({ frames: FIND_TURN.frames, turn });
      // Faces on most frames once turned, scoring above every other turn.
      expect(found.withFace[turn]).toBeGreaterThanOrEqual(3);
      expect(Object.entries(found.scores).filter(([t, score]) => Number(t) !== turn && score >= found.scores[turn])).toEqual([]);
    }
    // Without the search for small faces (upright's face large): the same turn, the same score.
    const full = await turnOf(upsideDown);
    const quick = await turnOf(upsideDown, false);
    expect(quick.turn).toBe(180);
    expect(quick.scores[180]).toBeCloseTo(full.scores[180], 6);
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);
});
