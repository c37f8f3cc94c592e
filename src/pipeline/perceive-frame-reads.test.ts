/**
 * Issue 30's rule, held on real frames in Node: with batched reads (what a GPU backend gets) a frame
 * is read back in at most two downloads whatever its number of faces — the detector's grid, then
 * every net's outputs together — with nothing read synchronously, and the answers are those of the
 * unbatched path (WASM's). Counts are the backend's reads, true on any backend.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { watchDeviceWork } from '../models/device-work';
import { initNodeBackend, packageWeightSource } from '../node';
import { clip, frameToTensor, makeWideShot, readFrames } from '../node/test-fixtures';
import { createPerceptionState, perceiveFrame, type PerceivedFrame } from './perceive-frame';
import { loadPerceptionModels, type PerceptionModels } from './perception-models';
import { createStageTimer } from './stage-timer';

let models: PerceptionModels;
/** Three frames (0.4 s apart, from 0.4 s) of each of four one-person clips. */
let clips: tf.Tensor3D[][];

beforeAll(async () => {
  await initNodeBackend();
  models = await loadPerceptionModels(packageWeightSource());
  // Clips whose face Tiny Face finds on each of these frames (from 0.4 s: some fade in).
  const names = ['01-01-03_01.mp4', '06-02-06_01.mp4', '07-04-01_01.mp4', '04-01-03_01.mp4'];
  clips = await Promise.all(names.map(async (n) => (await readFrames(clip(n), 2.5)).slice(1, 4).map(frameToTensor)));
}, 120_000);

afterAll(() => {
  clips?.flat().forEach((t) => t.dispose());
  models?.dispose();
});

/** Frame i with `faces` people: one clip, two side by side, or four in a 2×2 grid. */
function composite(faces: 1 | 2 | 4, i: number): tf.Tensor3D {
  const at = (c: number) => clips[c]![i]!;
  return tf.tidy(() => {
    if (faces === 1) return at(0).clone();
    const top = tf.concat([at(0), at(1)], 1);
    return (faces === 2 ? top : tf.concat([top, tf.concat([at(2), at(3)], 1)], 0)) as tf.Tensor3D;
  });
}

/** Runs three frames through one state; returns what each frame gave and the downloads it made. */
async function run(faces: 1 | 2 | 4, batchedReads: boolean) {
  const state = createPerceptionState({}, batchedReads);
  const timer = createStageTimer();
  const out: { seen: PerceivedFrame; readbacks: number; syncReadbacks: number }[] = [];
  for (let i = 0; i < 3; i++) {
    const frame = composite(faces, i);
    const watch = watchDeviceWork();
    try {
      const seen = await perceiveFrame(models, frame, i * 0.4, state, timer);
      out.push({ seen, ...watch.read() });
    } finally {
      watch.stop();
      frame.dispose();
    }
  }
  return out;
}

/** Runs `frames` (0.2 s apart) through one state, counting each frame's downloads and the detector's window passes. */
async function runFrames(frames: readonly tf.Tensor3D[], batchedReads: boolean) {
  const state = createPerceptionState({}, batchedReads);
  const detector = vi.spyOn(models.faceDetector, 'run');
  try {
    const out: { seen: PerceivedFrame; readbacks: number; windows: number }[] = [];
    for (const [i, frame] of frames.entries()) {
      detector.mockClear();
      const watch = watchDeviceWork();
      try {
        const seen = await perceiveFrame(models, frame, i * 0.2, state, createStageTimer());
        out.push({ seen, readbacks: watch.read().readbacks, windows: detector.mock.calls.filter(([, cfg]) => cfg?.region).length });
      } finally {
        watch.stop();
      }
    }
    return out;
  } finally {
    detector.mockRestore();
  }
}

describe('perceiveFrame reads', () => {
  it('reads a far person\'s window with the frame\'s other passes when batched, with the unbatched answers', async () => {
    // The bench's far-person camera: 02-04-05 at 192×144 on a grey 640×480 picture (face ~64 px).
    const raw = (await readFrames(await makeWideShot(clip('02-04-05_01.mp4'), 640, 480, 192 / 360, 1), 5)).slice(0, 4);
    const frames = raw.map(frameToTensor);
    try {
      const batched = await runFrames(frames, true);
      const plain = await runFrames(frames, false);
      for (const [i, b] of batched.entries()) {
        const p = plain[i]!;
        expect(b.seen.faces).toHaveLength(1);
        expect(b.seen.faces.map((f) => f.box)).toEqual(p.seen.faces.map((f) => f.box));
        expect(b.readbacks).toBeLessThanOrEqual(2);
        // After the first frame's whole-frame search found the face, both read it in a window.
        expect([b.windows, p.windows]).toEqual(i === 0 ? [0, 0] : [1, 1]);
      }
    } finally {
      tf.dispose(frames);
    }
  }, 120_000);


  for (const faces of [1, 2, 4] as const) {
    it(`reads a frame with ${faces} face(s) in two downloads when batched, with the unbatched answers`, async () => {
      const before = tf.memory().numTensors;
      const batched = await run(faces, true);
      const plain = await run(faces, false);
      expect(tf.memory().numTensors).toBe(before);
      for (const [i, b] of batched.entries()) {
        const p = plain[i]!;
        expect(b.seen.faces).toHaveLength(faces);
        expect(b.readbacks).toBeLessThanOrEqual(2);
        expect(b.syncReadbacks).toBe(0);
        // Unbatched (WASM): each detector pass (full, small, and on these HD frames the search) and
        // the verifier read on their own, the nets together.
        expect(p.readbacks).toBeGreaterThanOrEqual(2);
        expect(p.readbacks).toBeLessThanOrEqual(5);
        expect(b.seen.faces.map((f) => f.box)).toEqual(p.seen.faces.map((f) => f.box));
        b.seen.faces.forEach((f, j) => {
          const g = p.seen.faces[j]!;
          f.probs.forEach((v, k) => expect(v).toBeCloseTo(g.probs[k]!, 5));
          expect(f.contextFeature.length).toBe(g.contextFeature.length);
          expect(Boolean(f.baselineProbs?.general)).toBe(Boolean(g.baselineProbs?.general));
          f.baselineProbs?.general?.forEach((v, k) => expect(v).toBeCloseTo(g.baselineProbs!.general![k]!, 2));
          expect(b.seen.detections[j]!.embedding?.length).toBe(p.seen.detections[j]!.embedding?.length);
        });
      }
    }, 240_000);
  }
});
