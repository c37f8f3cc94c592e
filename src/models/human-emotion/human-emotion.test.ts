import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clipTensors, noLeak, setUp } from '../../node/test-fixtures';
import { createFaceDetector, type FaceDetector } from '../face-detector/face-detector';
import { EMOTION_LABELS } from '../../core/labels';
import type { Box } from '../model';
import { createHumanEmotion, type HumanEmotionModel } from './human-emotion';

describe('human-emotion (Human FER2013 net, Node WASM)', () => {
  let model: HumanEmotionModel;
  let detector: FaceDetector;
  let happy: { frame: tf.Tensor3D; box: Box }[];

  beforeAll(async () => {
    [model, detector] = await Promise.all([setUp(createHumanEmotion), setUp(createFaceDetector)]);
    const frames = await clipTensors('01-01-03_01.mp4', 2);
    happy = [];
    for (const frame of frames) {
      const [face] = await detector.run(frame, { scoreThreshold: 0.3 });
      if (face) happy.push({ frame, box: face.box });
      else frame.dispose();
    }
  });
  afterAll(() => {
    tf.dispose(happy.map((h) => h.frame));
    model.dispose();
    detector.dispose();
  });

  it('gives 7 probabilities summing to 1 per face, in a batch', async () => {
    const a = happy[0]!;
    const out = await model.run({ frame: a.frame, boxes: [a.box, { ...a.box, y: a.box.y + 3 }] });
    expect(out).toHaveLength(2);
    for (const o of out) {
      expect(o.probs).toHaveLength(7);
      expect(o.probs.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 4);
    }
  });

  it('gives a 256-d feature per face that follows the crop', async () => {
    const a = happy[0]!;
    const [same, again, moved] = [
      ...(await model.run({ frame: a.frame, boxes: [a.box, a.box] })),
      ...(await model.run({ frame: a.frame, boxes: [{ ...a.box, x: a.box.x + a.box.w / 2 }] })),
    ];
    expect(same!.feature).toHaveLength(256);
    expect(same!.feature.every(Number.isFinite)).toBe(true);
    expect(new Set(same!.feature).size).toBeGreaterThan(64);
    expect([...again!.feature]).toEqual([...same!.feature]);
    const diff = same!.feature.reduce((s, v, i) => s + Math.abs(v - moved!.feature[i]!), 0);
    expect(diff / same!.feature.reduce((s, v) => s + Math.abs(v), 0)).toBeGreaterThan(0.05);
  });

  it('calls a happy clip happiness', async () => {
    const mean = new Float64Array(7);
    const outs = await Promise.all(happy.map(({ frame, box }) => model.run({ frame, boxes: [box] })));
    outs.forEach(([o]) => o!.probs.forEach((p, i) => (mean[i]! += p / outs.length)));
    expect(EMOTION_LABELS[mean.indexOf(Math.max(...mean))]).toBe('happiness');
  });

  it('leaves no tensor behind', async () => {
    const a = happy[0]!;
    expect((await noLeak(() => model.run({ frame: a.frame, boxes: [a.box] }))).leaked).toBe(0);
  });
});
