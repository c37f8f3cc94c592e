/**
 * Runs a float-activation TFLite CNN made of CONV_2D, DEPTHWISE_CONV_2D, MEAN, FULLY_CONNECTED and
 * SOFTMAX on tfjs (both NHWC, so no layout change but the filters'). Int8 weights are dequantised
 * once at load, `(q − zeroPoint) · scale` along their quantised dimension, and run in float.
 */
import * as tf from '@tensorflow/tfjs';
import { TFLITE_ACTIVATION, TFLITE_OP, TFLITE_TYPE, type TfliteGraph, type TfliteOperator, type TfliteTensor } from './tflite-reader';

/** A constant tensor's values as float32: dequantised when it is int8/uint8, copied when float32. */
export function dequantize(t: TfliteTensor): Float32Array {
  const bytes = t.data;
  if (t.type === TFLITE_TYPE.FLOAT32) return new Float32Array(bytes.slice().buffer);
  if (t.type === TFLITE_TYPE.INT32) return Float32Array.from(new Int32Array(bytes.slice().buffer));
  if (t.type !== TFLITE_TYPE.INT8 && t.type !== TFLITE_TYPE.UINT8) throw new TypeError(`tflite: tensor ${t.name} has unsupported type ${t.type}`);
  const q = t.quantization;
  if (!q) throw new TypeError(`tflite: int tensor ${t.name} has no quantisation`);
  const values = t.type === TFLITE_TYPE.INT8 ? new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes;
  // Elements of one channel along quantizedDimension repeat every `inner` values.
  const inner = t.shape.slice(q.quantizedDimension + 1).reduce((a, b) => a * b, 1);
  const channels = q.scale.length;
  return Float32Array.from(values, (v, i) => {
    const c = channels === 1 ? 0 : Math.floor(i / inner) % channels;
    return (v - q.zeroPoint[c]!) * q.scale[c]!;
  });
}

/** A TFLite fused activation as tfjs's fused ops name it (conv, bias and activation in one pass). */
function fusedActivation(fused: number, where: string): 'linear' | 'relu' | 'relu6' {
  switch (fused) {
    case TFLITE_ACTIVATION.NONE:
      return 'linear';
    case TFLITE_ACTIVATION.RELU:
      return 'relu';
    case TFLITE_ACTIVATION.RELU6:
      return 'relu6';
    default:
      throw new TypeError(`tflite: ${where} uses fused activation ${fused}`);
  }
}

type Step = (get: (i: number) => tf.Tensor) => tf.Tensor;

/** A compiled TFLite graph: weights as tfjs tensors, one step per operator. Dispose to free them. */
export class TfliteNet {
  readonly #steps: { output: number; run: Step }[] = [];
  readonly #constants: tf.Tensor[] = [];
  /** tfjs-layout weights by TFLite tensor index (conv [kH, kW, in, out], depthwise [kH, kW, C, 1], dense [in, out]). */
  readonly weights = new Map<number, tf.Tensor>();

  /** Compiles `graph`; throws a TypeError naming the first operator it cannot run. */
  constructor(readonly graph: TfliteGraph) {
    if (graph.inputs.length !== 1) throw new TypeError('tflite: expected exactly one input');
    try {
      graph.operators.forEach((op, k) => this.#steps.push({ output: op.outputs[0]!, run: this.#compile(op, k) }));
    } catch (err) {
      this.dispose();
      throw err;
    }
  }

  #constant(index: number, shape: number[], perm?: number[]): tf.Tensor {
    const t = this.graph.tensors[index];
    if (!t || t.data.length === 0) throw new TypeError(`tflite: tensor ${index} is not a constant`);
    const value = tf.tidy(() => {
      const raw = tf.tensor(dequantize(t), [...t.shape]);
      return perm ? tf.transpose(tf.reshape(raw, shape), perm) : tf.reshape(raw, shape);
    });
    this.#constants.push(value);
    this.weights.set(index, value);
    return value;
  }

  #bias(op: TfliteOperator): tf.Tensor | undefined {
    const i = op.inputs[2];
    if (i === undefined || i < 0) return undefined;
    return this.#constant(i, [this.graph.tensors[i]!.shape[0]!]);
  }

  #compile(op: TfliteOperator, k: number): Step {
    const where = `operator ${k}`;
    const o = op.options;
    const input = op.inputs[0]!;
    switch (op.opcode) {
      case TFLITE_OP.CONV_2D: {
        // Conv2DOptions: padding 0, stride_w 1, stride_h 2, fused_activation_function 3, dilations 4/5.
        if (!o) throw new TypeError(`tflite: ${where} has no options`);
        if (o.scalar(4, 'int32', 1) !== 1 || o.scalar(5, 'int32', 1) !== 1) throw new TypeError(`tflite: ${where} uses dilation`);
        const [outC, kh, kw, inC] = this.graph.tensors[op.inputs[1]!]!.shape as [number, number, number, number];
        const filter = this.#constant(op.inputs[1]!, [outC, kh, kw, inC], [1, 2, 3, 0]) as tf.Tensor4D;
        const bias = this.#bias(op);
        const pad = o.scalar(0, 'int8') === 0 ? 'same' : 'valid';
        const strides: [number, number] = [o.scalar(2, 'int32', 1), o.scalar(1, 'int32', 1)];
        const activation = fusedActivation(o.scalar(3, 'int8'), where);
        return (get) => tf.fused.conv2d({ x: get(input) as tf.Tensor4D, filter, strides, pad, bias, activation });
      }
      case TFLITE_OP.DEPTHWISE_CONV_2D: {
        // DepthwiseConv2DOptions: padding 0, stride_w 1, stride_h 2, depth_multiplier 3, fused_activation_function 4, dilations 5/6.
        if (!o) throw new TypeError(`tflite: ${where} has no options`);
        if (o.scalar(5, 'int32', 1) !== 1 || o.scalar(6, 'int32', 1) !== 1) throw new TypeError(`tflite: ${where} uses dilation`);
        const [, kh, kw, c] = this.graph.tensors[op.inputs[1]!]!.shape as [number, number, number, number];
        const filter = this.#constant(op.inputs[1]!, [kh, kw, c, 1]) as tf.Tensor4D;
        const bias = this.#bias(op);
        const pad = o.scalar(0, 'int8') === 0 ? 'same' : 'valid';
        const strides: [number, number] = [o.scalar(2, 'int32', 1), o.scalar(1, 'int32', 1)];
        const activation = fusedActivation(o.scalar(4, 'int8'), where);
        return (get) => tf.fused.depthwiseConv2d({ x: get(input) as tf.Tensor4D, filter, strides, pad, bias, activation });
      }
      case TFLITE_OP.MEAN: {
        const axes = Array.from(new Int32Array(this.graph.tensors[op.inputs[1]!]!.data.slice().buffer));
        const keepDims = o ? o.scalar(0, 'uint8') !== 0 : false;
        return (get) => tf.mean(get(input), axes, keepDims);
      }
      case TFLITE_OP.FULLY_CONNECTED: {
        // FullyConnectedOptions: fused_activation_function 0, keep_num_dims 2. Weights [out, in].
        const [outN, inN] = this.graph.tensors[op.inputs[1]!]!.shape as [number, number];
        const matrix = this.#constant(op.inputs[1]!, [outN, inN], [1, 0]) as tf.Tensor2D;
        const bias = this.#bias(op);
        const activation = fusedActivation(o ? o.scalar(0, 'int8') : 0, where);
        return (get) => tf.fused.matMul({ a: tf.reshape(get(input), [-1, inN]) as tf.Tensor2D, b: matrix, bias, activation });
      }
      case TFLITE_OP.SOFTMAX: {
        const beta = o ? o.scalar(0, 'float32', 1) : 1;
        return (get) => tf.softmax(beta === 1 ? get(input) : tf.mul(get(input), beta));
      }
      default:
        throw new TypeError(`tflite: ${where} has unsupported builtin operator ${op.opcode}`);
    }
  }

  /**
   * Runs the graph on an NHWC batch and returns the tensors with the given indices, stopping once
   * all are computed. Call inside `tf.tidy`: intermediates are left to it.
   */
  execute(input: tf.Tensor4D, wanted: readonly number[]): tf.Tensor[] {
    const values = new Map<number, tf.Tensor>([[this.graph.inputs[0]!, input]]);
    const get = (i: number): tf.Tensor => {
      const v = values.get(i);
      if (!v) throw new TypeError(`tflite: tensor ${i} is not computed yet`);
      return v;
    };
    const missing = new Set(wanted.filter((w) => !values.has(w)));
    for (const step of this.#steps) {
      if (missing.size === 0) break;
      values.set(step.output, step.run(get));
      missing.delete(step.output);
    }
    if (missing.size > 0) throw new TypeError(`tflite: no operator produces tensor ${[...missing].join(', ')}`);
    return wanted.map(get);
  }

  /** Output tensor index of each operator with builtin code `opcode`, in graph order. */
  outputsOf(opcode: number): number[] {
    return this.graph.operators.filter((op) => op.opcode === opcode).map((op) => op.outputs[0]!);
  }

  /** Frees the weights (safe twice). */
  dispose(): void {
    tf.dispose(this.#constants.splice(0));
    this.weights.clear();
  }
}
