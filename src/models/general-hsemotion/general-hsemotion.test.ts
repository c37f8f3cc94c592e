import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facesOfClipEnd, noLeak, setUp } from '../../node/test-fixtures';
import { EMOTION_LABELS } from '../../core/labels';
import { createFaceDetector } from '../face-detector/face-detector';
import { TFLITE_OP, type TfliteTensor } from '../general/tflite-reader';
import type { Box } from '../model';
import { createGeneralHsemotion, type GeneralHsemotionModel } from './general-hsemotion';

/** Deterministic values in [−lo, hi) (a small LCG), so the checks are reproducible. */
function pseudoRandom(n: number, scale: number, seed = 7): Float32Array {
  let s = seed;
  return Float32Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return (s / 2 ** 31 - 0.5) * 2 * scale;
  });
}

/** The raw values of an int8 tensor (as stored in the file), and its per-channel scales. */
function raw(t: TfliteTensor): { q: Int8Array; scale: readonly number[]; zp: readonly number[] } {
  return { q: new Int8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), scale: t.quantization!.scale, zp: t.quantization!.zeroPoint };
}

/** Float weights of a float32 tensor, straight from its bytes. */
function floats(t: TfliteTensor): Float32Array {
  return new Float32Array(t.data.slice().buffer);
}

/** NHWC conv (TF 'SAME' padding), weights as `w(o, ky, kx, i)` or depthwise `w(c, ky, kx)`; plain loops. */
function convJs(x: Float32Array, [h, wd, cin]: number[], k: number, stride: number, cout: number, w: (o: number, ky: number, kx: number, i: number) => number, bias: Float32Array, depthwise: boolean): { y: Float32Array; shape: number[] } {
  const [oh, ow] = [Math.ceil(h! / stride), Math.ceil(wd! / stride)];
  const padT = Math.floor(Math.max((oh - 1) * stride + k - h!, 0) / 2);
  const padL = Math.floor(Math.max((ow - 1) * stride + k - wd!, 0) / 2);
  const y = new Float32Array(oh * ow * cout);
  for (let oy = 0; oy < oh; oy++) for (let ox = 0; ox < ow; ox++) for (let o = 0; o < cout; o++) {
    let acc = bias[o]!;
    for (let ky = 0; ky < k; ky++) for (let kx = 0; kx < k; kx++) {
      const [iy, ix] = [oy * stride + ky - padT, ox * stride + kx - padL];
      if (iy < 0 || ix < 0 || iy >= h! || ix >= wd!) continue;
      const base = (iy * wd! + ix) * cin!;
      if (depthwise) acc += x[base + o]! * w(o, ky, kx, 0);
      else for (let i = 0; i < cin!; i++) acc += x[base + i]! * w(o, ky, kx, i);
    }
    y[(oy * ow + ox) * cout + o] = Math.min(Math.max(acc, 0), 6); // fused ReLU6
  }
  return { y, shape: [oh, ow, cout] };
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

describe('general-hsemotion (HSEmotion mobilenet_7 TFLite, Node WASM)', () => {
  let model: GeneralHsemotionModel;
  let happy: { frame: tf.Tensor3D; box: Box }[];

  beforeAll(async () => {
    const [m, detector] = await Promise.all([setUp(createGeneralHsemotion), setUp(createFaceDetector)]);
    model = m;
    // A happy clip (emotion code 03), second half.
    happy = await facesOfClipEnd('01-01-03_01.mp4', 2, (frame) => detector.run(frame, { scoreThreshold: 0.3 }));
    detector.dispose();
  });
  afterAll(() => {
    tf.dispose(happy.map((h) => h.frame));
    model.dispose();
  });

  it('dequantises int8 weights per channel into the tfjs layouts', async () => {
    const net = model.net!;
    const { tensors, operators } = net.graph;
    const check = async (op: number, at: (t: Float32Array, o: number, k: number) => number, count: number) => {
      const idx = operators[op]!.inputs[1]!;
      const t = tensors[idx]!;
      expect(t.type).toBe(9); // int8
      const { q, scale, zp } = raw(t);
      const ours = (await net.weights.get(idx)!.data()) as Float32Array;
      // Sample across channels: element k of channel o must be (q − zp[o]) · scale[o].
      // The file's layout: channel-first [O, …] (quantizedDimension 0) or channel-last [1, kH, kW, C] (3).
      const stored = (o: number, k: number) => (t.quantization!.quantizedDimension === 0 ? o * (t.data.length / t.shape[0]!) + k : k * t.shape[3]! + o);
      for (let o = 0; o < scale.length; o += 7) {
        for (let k = 0; k < count; k += 3) {
          const expected = (q[stored(o, k)]! - zp[o]!) * scale[o]!;
          expect(Math.abs(at(ours, o, k) - expected)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(expected)));
        }
      }
    };
    // Pointwise conv [O,1,1,I] → tfjs [1,1,I,O]: element (i, o) at i·O + o.
    const pw = operators.findIndex((op, k) => op.opcode === TFLITE_OP.CONV_2D && tensors[op.inputs[1]!]!.type === 9 && k > 0);
    const O = tensors[operators[pw]!.inputs[1]!]!.shape[0]!;
    await check(pw, (w, o, i) => w[i * O + o]!, tensors[operators[pw]!.inputs[1]!]!.shape[3]!);
    // Depthwise [1,3,3,C] (channel last) → tfjs [3,3,C,1]: same element order.
    const dw = operators.findIndex((op) => op.opcode === TFLITE_OP.DEPTHWISE_CONV_2D && tensors[op.inputs[1]!]!.type === 9);
    const C = tensors[operators[dw]!.inputs[1]!]!.shape[3]!;
    await check(dw, (w, c, k) => w[k * C + c]!, 9);
    // Dense [out, in] → tfjs [in, out].
    const fc = operators.findIndex((op) => op.opcode === TFLITE_OP.FULLY_CONNECTED);
    await check(fc, (w, o, i) => w[i * 256 + o]!, 1024);
  });

  it('matches plain-JS conv + ReLU6, depthwise conv and int8 pointwise conv on a small input', async () => {
    const net = model.net!;
    const { tensors, operators } = net.graph;
    const [op0, op1, op2] = operators as [typeof operators[0], typeof operators[0], typeof operators[0]];
    expect([op0.opcode, op1.opcode, op2.opcode]).toEqual([TFLITE_OP.CONV_2D, TFLITE_OP.DEPTHWISE_CONV_2D, TFLITE_OP.CONV_2D]);
    const x = pseudoRandom(10 * 10 * 3, 120);
    const outs = tf.tidy(() => net.execute(tf.tensor4d(x, [1, 10, 10, 3]), [op0.outputs[0]!, op1.outputs[0]!, op2.outputs[0]!]));
    const [a, b, c] = await Promise.all(outs.map((t) => t.data()));
    tf.dispose(outs);
    // conv1: 3×3 stride 2, 32 filters, float weights [O, kH, kW, I].
    const w0 = floats(tensors[op0.inputs[1]!]!);
    const conv1 = convJs(x, [10, 10, 3], 3, 2, 32, (o, ky, kx, i) => w0[((o * 3 + ky) * 3 + kx) * 3 + i]!, floats(tensors[op0.inputs[2]!]!), false);
    expect(maxDiff(a!, conv1.y)).toBeLessThan(1e-3);
    expect(conv1.y.some((v) => v === 6) && conv1.y.some((v) => v === 0)).toBe(true); // both ReLU6 bounds are exercised
    // conv_dw_1: 3×3 depthwise stride 1, float weights [1, kH, kW, C].
    const w1 = floats(tensors[op1.inputs[1]!]!);
    const dw1 = convJs(conv1.y, conv1.shape, 3, 1, 32, (o, ky, kx) => w1[(ky * 3 + kx) * 32 + o]!, floats(tensors[op1.inputs[2]!]!), true);
    expect(maxDiff(b!, dw1.y)).toBeLessThan(1e-3);
    // conv_pw_1: 1×1, int8 weights [64, 1, 1, 32] with a scale per output channel.
    const { q, scale } = raw(tensors[op2.inputs[1]!]!);
    const pw1 = convJs(dw1.y, dw1.shape, 1, 1, 64, (o, _y, _x, i) => q[o * 32 + i]! * scale[o]!, floats(tensors[op2.inputs[2]!]!), false);
    expect(maxDiff(c!, pw1.y)).toBeLessThan(1e-3);
  });

  it('matches plain-JS global mean, int8 dense layers and softmax', async () => {
    const net = model.net!;
    const { tensors, operators } = net.graph;
    const mean = operators.find((op) => op.opcode === TFLITE_OP.MEAN)!;
    const [fc1, fc2] = operators.filter((op) => op.opcode === TFLITE_OP.FULLY_CONNECTED) as [typeof mean, typeof mean];
    const soft = operators.find((op) => op.opcode === TFLITE_OP.SOFTMAX)!;
    const outs = tf.tidy(() => net.execute(tf.tensor4d(pseudoRandom(64 * 64 * 3, 100, 3), [1, 64, 64, 3]), [mean.inputs[0]!, mean.outputs[0]!, fc1.outputs[0]!, fc2.outputs[0]!, soft.outputs[0]!]));
    const [grid, pooled, feats, logits, probs] = await Promise.all(outs.map((t) => t.data()));
    tf.dispose(outs);
    const cells = grid!.length / 1024;
    const jsPooled = Float32Array.from({ length: 1024 }, (_, c) => Array.from({ length: cells }, (_, p) => grid![p * 1024 + c]!).reduce((s, v) => s + v, 0) / cells);
    expect(maxDiff(pooled!, jsPooled)).toBeLessThan(1e-4);
    const dense = (t: TfliteTensor, bias: Float32Array, input: ArrayLike<number>, relu: boolean) => {
      const { q, scale } = raw(t);
      const [outN, inN] = t.shape as [number, number];
      return Float32Array.from({ length: outN }, (_, o) => {
        let acc = bias[o]!;
        for (let i = 0; i < inN; i++) acc += q[o * inN + i]! * scale[o]! * input[i]!;
        return relu ? Math.max(acc, 0) : acc;
      });
    };
    const jsFeats = dense(tensors[fc1.inputs[1]!]!, floats(tensors[fc1.inputs[2]!]!), pooled!, true);
    expect(jsFeats).toHaveLength(256);
    expect(maxDiff(feats!, jsFeats)).toBeLessThan(1e-3);
    const jsLogits = dense(tensors[fc2.inputs[1]!]!, floats(tensors[fc2.inputs[2]!]!), feats!, false);
    expect(maxDiff(logits!, jsLogits)).toBeLessThan(1e-3);
    const e = Array.from(jsLogits, (v) => Math.exp(v));
    expect(maxDiff(probs!, e.map((v) => v / e.reduce((s, u) => s + u, 0)))).toBeLessThan(1e-4);
  });

  it.each([224, 160] as const)('calls a happy clip happiness at input size %i', async (inputSize) => {
    expect(happy.length).toBeGreaterThanOrEqual(2);
    const mean = new Float64Array(7);
    for (const { frame, box } of happy) {
      const [o] = await model.run({ frame, boxes: [box] }, { inputSize });
      expect(o!.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
      expect(o!.feature).toHaveLength(256);
      o!.probs.forEach((p, i) => (mean[i]! += p / happy.length));
    }
    expect(EMOTION_LABELS[mean.indexOf(Math.max(...mean))]).toBe('happiness');
  });

  it('averages a crop with its mirror, batches boxes, and checks inputSize', async () => {
    const { frame, box } = happy[0]!;
    const flipped = tf.tidy(() => tf.reverse(frame, 1));
    const mirroredBox = { ...box, x: frame.shape[1] - box.x - box.w };
    try {
      const [a] = await model.run({ frame, boxes: [box] });
      const [b] = await model.run({ frame: flipped, boxes: [mirroredBox] });
      const [c] = await model.run({ frame, boxes: [box] }, { mirror: false });
      expect(maxDiff(a!.feature, b!.feature)).toBeLessThan(1e-3);
      expect(maxDiff(a!.feature, c!.feature)).toBeGreaterThan(1e-2);
      const shifted = { ...box, x: box.x + 4 };
      const batch = await model.run({ frame, boxes: [box, shifted] }, { inputSize: 112 });
      const [one] = await model.run({ frame, boxes: [shifted] }, { inputSize: 112 });
      expect(maxDiff(batch[1]!.probs, one!.probs)).toBeLessThan(1e-4);
      expect(await model.run({ frame, boxes: [] })).toEqual([]);
      await expect(model.run({ frame, boxes: [box] }, { inputSize: 100 as 112 })).rejects.toThrow(/inputSize/);
    } finally {
      flipped.dispose();
    }
  });

  it('leaves no tensor behind', async () => {
    const { frame, box } = happy[0]!;
    for (const inputSize of [224, 112] as const) {
      expect((await noLeak(() => model.run({ frame, boxes: [box, box] }, { inputSize }))).leaked).toBe(0);
    }
    expect((await noLeak(() => model.run({ frame, boxes: [box] }, { mirror: false }))).leaked).toBe(0);
  });
});
