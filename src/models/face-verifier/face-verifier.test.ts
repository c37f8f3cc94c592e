import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mouthOpening } from '../../core/speaker/mouth-opening';
import { DEFAULT_PERCEPTION_CONFIG } from '../../shared/perception-config';
import { makePersonFree, PERSON_FREE_KINDS } from '../../node/person-free-footage';
import { clip, clipTensors, frameToTensor, noLeak, readFrames, setUp } from '../../node/test-fixtures';
import { createFaceDetector, type FaceDetector } from '../face-detector/face-detector';
import { createFaceLandmarks, type FaceLandmarksModel } from '../face-landmarks/face-landmarks';
import type { Box } from '../model';
import { createFaceVerifier, type FaceVerifier } from './face-verifier';

describe('face-verifier (BlazeFace) and face-landmarks, Node WASM', () => {
  let verifier: FaceVerifier;
  let landmarks: FaceLandmarksModel;
  let detector: FaceDetector;
  let face: { frame: tf.Tensor3D; box: Box };
  let bars: { frame: tf.Tensor3D; box: Box };

  beforeAll(async () => {
    [verifier, landmarks, detector] = await Promise.all([setUp(createFaceVerifier), setUp(createFaceLandmarks), setUp(createFaceDetector)]);
    const [frame, ...rest] = await clipTensors('01-01-03_01.mp4', 1);
    tf.dispose(rest);
    const [found] = await detector.run(frame!, { inputSize: 320, scoreThreshold: 0.4 });
    face = { frame: frame!, box: found!.box };
    // The known false face: ffmpeg's testsrc at 640×360, about 2.9 s in (Tiny Face: 0.97).
    const kind = PERSON_FREE_KINDS.find((k) => k.name === 'testsrc-640x360')!;
    const video = makePersonFree(kind, mkdtempSync(join(tmpdir(), 'emolens-pf-')), clip);
    const frames = await readFrames(video, 10, 640);
    for (const raw of frames.filter((f) => f.tSec >= 2.7 && f.tSec <= 3.3)) {
      const t = frameToTensor(raw);
      const [fake] = await detector.run(t, { inputSize: 416, scoreThreshold: 0.4 });
      if (fake && !bars) bars = { frame: t, box: fake.box };
      else t.dispose();
    }
  }, 120_000);
  afterAll(() => {
    tf.dispose([face.frame, bars?.frame].filter((t): t is tf.Tensor3D => t !== undefined));
    for (const m of [verifier, landmarks, detector]) m.dispose();
  });

  it('confirms a real face and turns down the test pattern Tiny Face takes for one', async () => {
    expect(bars, 'Tiny Face no longer fires on testsrc: pick another false face').toBeDefined();
    const [real] = await verifier.run({ frame: face.frame, boxes: [face.box] });
    const [fake] = await verifier.run({ frame: bars.frame, boxes: [bars.box] });
    expect(real).toBeGreaterThan(DEFAULT_PERCEPTION_CONFIG.faceVerifyThreshold);
    expect(fake).toBeLessThan(DEFAULT_PERCEPTION_CONFIG.faceVerifyThreshold);
    // Several boxes in one call, in order.
    expect(await verifier.run({ frame: face.frame, boxes: [face.box, face.box] })).toEqual([real, real]);
  });

  it('gives 68 landmarks inside the crop with the mouth below the eyes, and a mouth opening', async () => {
    const [points] = await landmarks.run({ frame: face.frame, boxes: [face.box] });
    expect(points).toHaveLength(136);
    expect([...points!].every((v) => v > -0.2 && v < 1.2)).toBe(true);
    const eyeY = (points![2 * 36 + 1]! + points![2 * 45 + 1]!) / 2;
    const mouthY = (points![2 * 51 + 1]! + points![2 * 57 + 1]!) / 2;
    expect(mouthY).toBeGreaterThan(eyeY);
    // 01-01-03 is a laughing face: the mouth is open.
    expect(mouthOpening(points!)).toBeGreaterThan(0.05);
  });

  it('leaves no tensor behind', async () => {
    expect((await noLeak(() => verifier.run({ frame: face.frame, boxes: [face.box] }))).leaked).toBe(0);
    expect((await noLeak(() => landmarks.run({ frame: face.frame, boxes: [face.box] }))).leaked).toBe(0);
  });
});
