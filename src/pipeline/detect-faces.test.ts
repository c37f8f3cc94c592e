/**
 * The detection plan's passes on a scripted detector: what Tiny Face did on e2e's speaker
 * composite (a held 147-px face in a 720×270 frame, a small face beside it found at 416 px on some
 * frames only, and the held face given 223 px at 224 px).
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { FaceDetectorOutput } from '../models';
import { createPerceptionState } from './perceive-frame';
import type { PerceptionModels } from './perception-models';
import { detectFaces } from './detect-faces';
import { createStageTimer } from './stage-timer';

const HELD_FULL = { box: { x: 108, y: 60, w: 147, h: 147 }, score: 0.98 };
const HELD_SMALL = { box: { x: 80, y: 40, w: 223, h: 223 }, score: 0.79 };
const SMALL_FACE = { box: { x: 494, y: 95, w: 86, h: 86 }, score: 0.55 };

/** A detector answering `respond(inputSize, frame number)`; `next()` moves to the next frame. */
function scripted(respond: (inputSize: number, frame: number) => FaceDetectorOutput) {
  let frame = 0;
  const calls: number[] = [];
  const run = async (_: tf.Tensor3D, config: { inputSize: number }) => {
    calls.push(config.inputSize);
    return respond(config.inputSize, frame);
  };
  return { models: { faceDetector: { run } } as unknown as PerceptionModels, calls, next: () => frame++ };
}

/** e2e's composite: the held face at both inputs, the small face at 416 on the frames `seen` says. */
const composite = (seen: (frame: number) => boolean) => (inputSize: number, frame: number) =>
  inputSize === 224 ? [HELD_SMALL] : seen(frame) ? [HELD_FULL, SMALL_FACE] : [HELD_FULL];

async function heldWidths(seen: (frame: number) => boolean, batchedReads: boolean) {
  const { models, next } = scripted(composite(seen));
  const state = createPerceptionState({}, batchedReads);
  const frame = tf.zeros([270, 720, 3], 'int32') as tf.Tensor3D;
  const widths: number[] = [];
  try {
    for (let i = 0; i < 15; i++) {
      const faces = await detectFaces(models, frame, i / 5, state, createStageTimer());
      widths.push(faces.find((f) => f.box.x < 360)!.box.w);
      next();
    }
  } finally {
    frame.dispose();
  }
  return { widths, state };
}

describe('detectFaces', () => {
  for (const batchedReads of [false, true]) {
    it(`keeps the full pass's box when the small pass sizes a face otherwise (${batchedReads ? 'batched, a GPU' : 'WASM'})`, async () => {
      // The small face is missed on every third frame: then every face found is large, and the small pass runs.
      const { widths, state } = await heldWidths((f) => f % 3 !== 2, batchedReads);
      expect(new Set(widths)).toEqual(new Set([147]));
      expect(state.smallPassDisagrees).toBe(true);
    });
  }

  it('uses the small pass while it agrees with the full one', async () => {
    const agreeing = { box: { x: 110, y: 62, w: 140, h: 140 }, score: 0.9 };
    const { models, calls, next } = scripted((inputSize) => [inputSize === 224 ? agreeing : HELD_FULL]);
    const state = createPerceptionState({}, false);
    const frame = tf.zeros([270, 720, 3], 'int32') as tf.Tensor3D;
    const widths: number[] = [];
    for (let i = 0; i < 10; i++) {
      widths.push((await detectFaces(models, frame, i / 5, state, createStageTimer()))[0]!.box.w);
      next();
    }
    frame.dispose();
    // The small pass's box from the first frame on; the full pass once a second besides.
    expect(new Set(widths)).toEqual(new Set([140]));
    expect(state.smallPassDisagrees).toBeUndefined();
    expect(calls.filter((c) => c === 416).length).toBeLessThanOrEqual(3);
  });
});
