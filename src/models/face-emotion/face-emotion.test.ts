import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clipTensors, noLeak, setUp } from '../../node/test-fixtures';
import { createFaceDetector, type FaceDetector } from '../face-detector/face-detector';
import { EMOTION_LABELS } from '../../core/labels';
import type { Box } from '../model';
import { createFaceEmotion, type FaceEmotionModel } from './face-emotion';

describe('face-emotion (FaceExpressionNet, Node WASM)', () => {
  let model: FaceEmotionModel;
  let detector: FaceDetector;
  let happy: { frame: tf.Tensor3D; box: Box }[];

  beforeAll(async () => {
    [model, detector] = await Promise.all([setUp(createFaceEmotion), setUp(createFaceDetector)]);
    // A happy clip (emotion code 03), second half.
    const frames = await clipTensors('01-01-03_01.mp4', 2);
    happy = [];
    for (const frame of frames.slice(Math.floor(frames.length / 2))) {
      const [face] = await detector.run(frame, { scoreThreshold: 0.3 });
      if (face) happy.push({ frame, box: face.box });
      else frame.dispose();
    }
    tf.dispose(frames.slice(0, Math.floor(frames.length / 2)));
  });
  afterAll(() => {
    tf.dispose(happy.map((h) => h.frame));
    model.dispose();
    detector.dispose();
  });

  it('gives 7 probabilities summing to 1 and a 256-d feature per face', async () => {
    expect(happy.length).toBeGreaterThanOrEqual(2);
    const [out] = await model.run({ frame: happy[0]!.frame, boxes: [happy[0]!.box] });
    expect(out!.probs).toHaveLength(7);
    expect(out!.feature).toHaveLength(256);
    expect(out!.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(out!.probs.every((p) => p >= 0 && p <= 1)).toBe(true);
  });

  it("reproduces its probabilities from the feature through the net's final dense layer", async () => {
    const outs = await model.run({ frame: happy[0]!.frame, boxes: [happy[0]!.box] });
    const [again] = await model.classifyFeatures(outs.map((o) => o.feature));
    for (let i = 0; i < 7; i++) expect(again![i]).toBeCloseTo(outs[0]!.probs[i]!, 5);
  });

  it('calls a happy clip happiness (the class it is reliable on)', async () => {
    const mean = new Float64Array(7);
    for (const { frame, box } of happy) {
      const [o] = await model.run({ frame, boxes: [box] });
      o!.probs.forEach((p, i) => (mean[i]! += p / happy.length));
    }
    const top = mean.indexOf(Math.max(...mean));
    expect(EMOTION_LABELS[top]).toBe('happiness');
  });

  it('averages a crop with its mirror: the mirrored frame gives the same feature, unmirrored it does not', async () => {
    const { frame, box } = happy[0]!;
    const flipped = tf.tidy(() => tf.squeeze(tf.image.flipLeftRight(tf.expandDims(tf.cast(frame, 'float32'), 0) as tf.Tensor4D), [0]) as tf.Tensor3D);
    const mirroredBox = { ...box, x: frame.shape[1] - box.x - box.w };
    try {
      const [a] = await model.run({ frame, boxes: [box] });
      const [b] = await model.run({ frame: flipped, boxes: [mirroredBox] });
      const [c] = await model.run({ frame, boxes: [box] }, { mirror: false });
      const [d] = await model.run({ frame: flipped, boxes: [mirroredBox] }, { mirror: false });
      const diff = (x: Float32Array, y: Float32Array) => Math.max(...x.map((v, i) => Math.abs(v - y[i]!)));
      expect(diff(a!.feature, b!.feature)).toBeLessThan(1e-3);
      expect(diff(c!.feature, d!.feature)).toBeGreaterThan(1e-2);
    } finally {
      flipped.dispose();
    }
  });

  it('batches boxes: a batch of 2 gives the same answers as two single calls', async () => {
    const a = happy[0]!;
    const shifted = { ...a.box, x: a.box.x + 4 };
    const batch = await model.run({ frame: a.frame, boxes: [a.box, shifted] });
    const one = await model.run({ frame: a.frame, boxes: [shifted] });
    expect(batch).toHaveLength(2);
    for (let i = 0; i < 7; i++) expect(batch[1]!.probs[i]).toBeCloseTo(one[0]!.probs[i]!, 4);
    expect(await model.run({ frame: a.frame, boxes: [] })).toEqual([]);
  });

  it('leaves no tensor behind', async () => {
    const a = happy[0]!;
    const { leaked } = await noLeak(() => model.run({ frame: a.frame, boxes: [a.box, a.box] }, { padding: 0.1 }));
    expect(leaked).toBe(0);
    const f = (await model.run({ frame: a.frame, boxes: [a.box] }))[0]!.feature;
    expect((await noLeak(() => model.classifyFeatures([f]))).leaked).toBe(0);
  });
});
