import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERAL_MODELS_DIR } from '../../node/file-weight-source';
import { withExtraOutputs } from '../../node/onnx-outputs';
import { facesOfClipEnd, noLeak, setUp } from '../../node/test-fixtures';
import { EMOTION_LABELS } from '../../core/labels';
import { argmax } from '../../core/vector';
import { createFaceDetector } from '../face-detector/face-detector';
import { createFaceLandmarks } from '../face-landmarks/face-landmarks';
import { FACE_LANDMARKS_DEFAULTS } from '../face-landmarks/constants';
import { alignFacesOnDevice } from './align-on-device';
import type { Box } from '../model';
import { landmarksInFrame } from './align';
import { GENERAL_OPENCV_FER_FEATURE, GENERAL_OPENCV_FER_WEIGHTS } from './constants';
import { createGeneralOpencvFer, type GeneralOpencvFerModel } from './general-opencv-fer';

/** A face of a real frame: the frame, its box and its 68 landmarks in frame pixels. */
interface Face {
  frame: tf.Tensor3D;
  box: Box;
  landmarks: Float32Array;
  /** face-landmarks' own output: relative to the box's square crop with its padding. */
  relative: Float32Array;
}

const S = 112;

/** (x/255 − 0.5)/0.5 in float32, as NHWC for our net and NCHW for onnxruntime. */
function normalise(aligned: Float32Array, n: number): { nhwc: Float32Array; nchw: Float32Array } {
  const nhwc = Float32Array.from(aligned, (v) => (v / 255 - 0.5) / 0.5);
  const nchw = new Float32Array(nhwc.length);
  for (let b = 0; b < n; b++) {
    for (let p = 0; p < S * S; p++) for (let c = 0; c < 3; c++) nchw[b * 3 * S * S + c * S * S + p] = nhwc[(b * S * S + p) * 3 + c]!;
  }
  return { nhwc, nchw };
}

describe('general-opencv-fer (OpenCV zoo MobileFaceNet int8, Node WASM)', () => {
  let model: GeneralOpencvFerModel;
  let exact: GeneralOpencvFerModel;
  let happy: Face[];
  let session: ort.InferenceSession;

  beforeAll(async () => {
    const [m, e, detector, landmarker] = await Promise.all([
      setUp(createGeneralOpencvFer),
      setUp((source) => createGeneralOpencvFer(source, 'exact')),
      setUp(createFaceDetector),
      setUp(createFaceLandmarks),
    ]);
    model = m;
    exact = e;
    // A happy clip (emotion code 03), second half: the face is smiling there.
    happy = [];
    for (const { frame, box } of await facesOfClipEnd('01-01-03_01.mp4', 2, (f) => detector.run(f, { scoreThreshold: 0.3 }))) {
      const [rel] = await landmarker.run({ frame, boxes: [box] });
      happy.push({ frame, box, landmarks: landmarksInFrame(box, rel!, FACE_LANDMARKS_DEFAULTS.padding), relative: rel! });
    }
    detector.dispose();
    landmarker.dispose();
    ort.env.wasm.numThreads = 1;
    const bytes = new Uint8Array(await readFile(join(GENERAL_MODELS_DIR, GENERAL_OPENCV_FER_WEIGHTS.replace(/^general\//, ''))));
    session = await ort.InferenceSession.create(withExtraOutputs(bytes, [GENERAL_OPENCV_FER_FEATURE]));
  }, 60_000);
  afterAll(async () => {
    tf.dispose(happy.map((h) => h.frame));
    model.dispose();
    exact.dispose();
    await session.release();
  });

  /** Our outputs of `net` and onnxruntime's on each of two real aligned faces. */
  async function againstOnnxruntime(net: GeneralOpencvFerModel) {
    expect(happy.length).toBeGreaterThanOrEqual(2);
    const pairs = [];
    for (const face of [happy[0]!, happy[happy.length - 1]!]) {
      const alignedT = net.alignFaces({ frame: face.frame, boxes: [face.box], landmarks: [face.landmarks] });
      const aligned = (await alignedT.data()) as Float32Array;
      alignedT.dispose();
      const { nhwc, nchw } = normalise(aligned, 1);
      const [ours] = await net.runNormalized(nhwc, 1);
      const ref = await session.run({ data: new ort.Tensor('float32', nchw, [1, 3, S, S]) });
      pairs.push({ ours: ours!, logits: ref.label!.data as Float32Array, feature: ref[GENERAL_OPENCV_FER_FEATURE]!.data as Float32Array });
    }
    return pairs;
  }

  it('gives the same logits and feature as onnxruntime-web on the same aligned faces (exact arithmetic)', async () => {
    for (const { ours, logits, feature } of await againstOnnxruntime(exact)) {
      expect(ours!.logits).toHaveLength(7);
      expect(ours!.feature).toHaveLength(512);
      ours!.logits.forEach((v, i) => expect(Math.abs(v - logits[i]!)).toBeLessThan(1e-3));
      ours!.feature.forEach((v, i) => expect(Math.abs(v - feature[i]!)).toBeLessThan(1e-3));
      const softmax = Array.from(logits, (v) => Math.exp(v)).map((e, _, all) => e / all.reduce((a, b) => a + b, 0));
      ours!.probs.forEach((p, i) => expect(p).toBeCloseTo(softmax[i]!, 4));
    }
  });

  it("in float arithmetic (the app's) differs from onnxruntime by quantisation noise only", async () => {
    for (const { ours, logits, feature } of await againstOnnxruntime(model)) {
      // The file's class order is the paper's (OPENCV_FER_TO_PAPER is the identity).
      const softmax = Array.from(logits, (v) => Math.exp(v)).map((e, _, all) => e / all.reduce((a, b) => a + b, 0));
      expect(argmax(ours.logits)).toBe(argmax(logits));
      ours.probs.forEach((p, i) => expect(Math.abs(p - softmax[i]!)).toBeLessThan(0.05));
      const dot = ours.feature.reduce((s, v, i) => s + v * feature[i]!, 0);
      expect(dot / Math.hypot(...ours.feature) / Math.hypot(...feature)).toBeGreaterThan(0.98);
    }
  });

  it('warps with one similarity: output pixels sample the frame where the transform sends them', async () => {
    // A frame whose channels hold each pixel's own x and y: bilinear sampling of a linear ramp is
    // exact, so every aligned pixel must read back the frame position it came from.
    const [h, w] = [240, 320];
    const frame = tf.tidy(() => {
      const xs = tf.tile(tf.reshape(tf.range(0, w, 1, 'float32'), [1, w, 1]), [h, 1, 1]);
      const ys = tf.tile(tf.reshape(tf.range(0, h, 1, 'float32'), [h, 1, 1]), [1, w, 1]);
      return tf.concat([xs, ys, tf.zerosLike(xs)], 2) as tf.Tensor3D;
    });
    // Landmarks of a face 1.2× the template's size, rotated by 0.2 rad, centred at (160, 130):
    // the whole aligned square then lies inside the frame.
    const [c, s] = [Math.cos(0.2) * 1.2, Math.sin(0.2) * 1.2];
    const lm = new Float32Array(136);
    const place = (i: number, [x, y]: readonly [number, number]) => {
      // Template index coords → frame continuous coords (+0.5).
      lm[2 * i] = c * (x - 56) - s * (y - 72) + 160 + 0.5;
      lm[2 * i + 1] = s * (x - 56) + c * (y - 72) + 130 + 0.5;
    };
    const tpl = [[38.2946, 51.6963], [73.5318, 51.5014], [56.0252, 71.7366], [41.5493, 92.3655], [70.7299, 92.2041]] as const;
    for (let i = 36; i < 48; i++) place(i, i < 42 ? tpl[0] : tpl[1]);
    [30, 48, 54].forEach((k, j) => place(k, tpl[j + 2]!));
    try {
      const out = model.alignFaces({ frame, boxes: [{ x: 100, y: 60, w: 120, h: 120 }], landmarks: [lm] });
      const data = await out.data();
      out.dispose();
      for (const [u, v] of [[0, 0], [56, 72], [111, 20], [30, 100]] as const) {
        const at = (v * S + u) * 3;
        expect(data[at]).toBeCloseTo(c * (u - 56) - s * (v - 72) + 160, 2);
        expect(data[at + 1]).toBeCloseTo(s * (u - 56) + c * (v - 72) + 130, 2);
      }
    } finally {
      frame.dispose();
    }
  });

  it('calls a happy clip happiness', async () => {
    const mean = new Float64Array(7);
    for (const { frame, box, landmarks } of happy) {
      const [o] = await model.run({ frame, boxes: [box], landmarks: [landmarks] });
      o!.probs.forEach((p, i) => (mean[i]! += p / happy.length));
    }
    expect(EMOTION_LABELS[mean.indexOf(Math.max(...mean))]).toBe('happiness');
  });

  it('batches faces and averages mirrors; rejects landmarks that do not match the boxes', async () => {
    const a = happy[0]!;
    const b = happy[happy.length - 1]!;
    const shifted = Float32Array.from(b.landmarks, (v, i) => (i % 2 === 0 ? v + 3 : v));
    const batch = await model.run({ frame: a.frame, boxes: [a.box, a.box], landmarks: [a.landmarks, shifted] });
    const one = await model.run({ frame: a.frame, boxes: [a.box], landmarks: [shifted] });
    expect(batch).toHaveLength(2);
    batch[1]!.logits.forEach((v, i) => expect(v).toBeCloseTo(one[0]!.logits[i]!, 4));
    const plain = await model.run({ frame: a.frame, boxes: [a.box], landmarks: [a.landmarks] }, { mirror: false });
    expect(Math.max(...plain[0]!.feature.map((v, i) => Math.abs(v - batch[0]!.feature[i]!)))).toBeGreaterThan(1e-2);
    expect(await model.run({ frame: a.frame, boxes: [], landmarks: [] })).toEqual([]);
    await expect(model.run({ frame: a.frame, boxes: [a.box], landmarks: [] })).rejects.toThrow(/landmarks/);
    await expect(model.run({ frame: a.frame, boxes: [a.box], landmarks: [new Float32Array(10)] })).rejects.toThrow(/landmarks\[0\]/);
  });

  it('aligns from landmarks left on the device as it does from landmarks read back, and classifies the same', async () => {
    const a = happy[0]!;
    const b = happy[happy.length - 1]!;
    const shifted = Float32Array.from(b.relative, (v, i) => (i % 2 === 0 ? v + 0.02 : v));
    const pad = FACE_LANDMARKS_DEFAULTS.padding;
    const boxes = [a.box, a.box];
    const relative = tf.tensor2d([...a.relative, ...shifted], [2, 136]);
    try {
      const onDevice = alignFacesOnDevice(a.frame, boxes, relative, pad);
      const onCpu = model.alignFaces({ frame: a.frame, boxes, landmarks: [a.landmarks, landmarksInFrame(a.box, shifted, pad)] });
      const [x, y] = [await onDevice.data(), await onCpu.data()];
      tf.dispose([onDevice, onCpu]);
      expect(x.length).toBe(2 * S * S * 3);
      expect(Math.max(...Array.from(x, (v, i) => Math.abs(v - y[i]!)))).toBeLessThan(0.05);
      const ours = await model.runOnDeviceLandmarks({ frame: a.frame, boxes, landmarks: relative, landmarksPadding: pad });
      const theirs = await model.run({ frame: a.frame, boxes, landmarks: [a.landmarks, landmarksInFrame(a.box, shifted, pad)] });
      // The int8 input requantisation turns those sub-0.05 pixel differences into small logit changes (0.2 at most seen).
      ours.forEach((o, k) => o.probs.forEach((p, i) => expect(Math.abs(p - theirs[k]!.probs[i]!)).toBeLessThan(0.01)));
      const input = { frame: a.frame, boxes, landmarks: relative, landmarksPadding: pad };
      expect((await noLeak(() => model.runOnDeviceLandmarks(input))).leaked).toBe(0);
    } finally {
      relative.dispose();
    }
  });

  it('leaves no tensor behind', async () => {
    const a = happy[0]!;
    const input = { frame: a.frame, boxes: [a.box, a.box], landmarks: [a.landmarks, a.landmarks] };
    expect((await noLeak(() => model.run(input))).leaked).toBe(0);
    expect((await noLeak(() => model.run(input, { mirror: false }))).leaked).toBe(0);
    expect((await noLeak(() => model.run({ ...input, landmarks: [] }).catch(() => null))).leaked).toBe(0);
  });
});
