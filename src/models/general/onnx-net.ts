/**
 * Runs an onnxruntime-quantised ONNX CNN (QOperator format: QuantizeLinear, QLinearConv,
 * QLinearAdd, QLinearMatMul, DequantizeLinear, plus float PRelu, Conv and Flatten) on tfjs, NHWC.
 *
 * Quantised values are kept as float tensors holding `q − zeroPoint` (small integers), so every
 * integer sum is exact in float32 (|sum| < 2^24) and each quantised op ends with the same
 * requantisation onnxruntime's MLAS kernels do (e.g. `clip(roundHalfEven(acc · scale), −zp, 255 − zp)`
 * with the scale ratio computed in float32 in MLAS's order; QLinearAdd as MLAS's portable kernel). The outputs then match onnxruntime
 * step for step, not merely up to quantisation noise. Weights are read and centred once at load.
 *
 * `arithmetic: 'float'` runs the same graph on real values instead: weights dequantised once at load,
 * each quantised op a fused float op whose result is only clipped to the range its uint8 output could
 * hold (that range is the model's own ReLU-like saturation), no rounding. It differs from onnxruntime
 * by the quantisation noise alone and costs about a third as much on WASM (one pass per op instead of
 * four or five), which is why the app runs it; the exact mode is the check that the graph is read right.
 */
import * as tf from '@tensorflow/tfjs';
import { ONNX_DTYPE, type OnnxAttribute, type OnnxGraph, type OnnxNode, type OnnxTensor } from './onnx-reader';

/** A value flowing through the graph: a float tensor, or a quantised one stored as `q − zeroPoint`. */
interface Value {
  readonly t: tf.Tensor;
  /** Present for quantised values. */
  readonly q?: { readonly scale: number; readonly zeroPoint: number };
}

type Step = (get: (name: string) => Value) => Value;

const f32 = Math.fround;

/** The uint8 activation range as a centred interval for zero point `zp`. */
function requantize(acc: tf.Tensor, scale: tf.Tensor | number, zp: number): tf.Tensor {
  return tf.clipByValue(tf.round(tf.mul(acc, scale)), -zp, 255 - zp);
}

function scalarOf(t: OnnxTensor | undefined, what: string): number {
  if (!t || t.data.length !== 1) throw new TypeError(`onnx: ${what} must be a constant scalar`);
  return t.data[0]!;
}

function ints(a: OnnxAttribute | undefined, fallback: number[]): number[] {
  return Array.isArray(a) ? [...(a as number[])] : fallback;
}

/** Everything a tfjs conv needs from an ONNX Conv / QLinearConv node. */
interface ConvSpec {
  strides: [number, number];
  pad: number | [[number, number], [number, number], [number, number], [number, number]];
  depthwise: boolean;
}

function convSpec(node: OnnxNode, weight: OnnxTensor): ConvSpec {
  const [outC, inPerGroup] = weight.dims as [number, number];
  const group = Number(node.attributes.get('group') ?? 1);
  const dil = ints(node.attributes.get('dilations'), [1, 1]);
  if (dil.some((d) => d !== 1)) throw new TypeError(`onnx: ${node.name} uses dilation`);
  if (node.attributes.has('auto_pad') && node.attributes.get('auto_pad') !== 'NOTSET') throw new TypeError(`onnx: ${node.name} uses auto_pad`);
  const depthwise = group > 1;
  if (depthwise && (group !== outC || inPerGroup !== 1)) throw new TypeError(`onnx: ${node.name} is a grouped conv that is not depthwise`);
  const [t = 0, l = 0, b = 0, r = 0] = ints(node.attributes.get('pads'), [0, 0, 0, 0]);
  const s = ints(node.attributes.get('strides'), [1, 1]);
  const pad: ConvSpec['pad'] = t === l && t === b && t === r ? t : [[0, 0], [t, b], [l, r], [0, 0]];
  return { strides: [s[0]!, s[1]!], pad, depthwise };
}

/** ONNX conv weights [O, I/g, kH, kW] (with per-output-channel centring) → tfjs [kH, kW, I, O] or depthwise [kH, kW, C, 1]. */
function convFilter(weight: OnnxTensor, depthwise: boolean, zeroPoints: readonly number[]): tf.Tensor4D {
  const [o, i, h, w] = weight.dims as [number, number, number, number];
  const per = i * h * w;
  const centred = Float32Array.from(weight.data, (v, k) => v - (zeroPoints.length > 1 ? zeroPoints[Math.floor(k / per)]! : (zeroPoints[0] ?? 0)));
  return tf.tidy(() => tf.transpose(tf.tensor4d(centred, [o, i, h, w]), depthwise ? [2, 3, 0, 1] : [2, 3, 1, 0]));
}

function conv(x: tf.Tensor, filter: tf.Tensor4D, spec: ConvSpec): tf.Tensor4D {
  const x4 = x as tf.Tensor4D;
  return spec.depthwise
    ? tf.depthwiseConv2d(x4, filter, spec.strides, spec.pad)
    : tf.conv2d(x4, filter, spec.strides, spec.pad);
}

/** How quantised ops are computed: as onnxruntime does, or on real values (see the file's comment). */
export type OnnxArithmetic = 'exact' | 'float';

/** The real-valued range a uint8 value with `scale` and `zp` can hold. */
function realRange(scale: number, zp: number): [number, number] {
  return [-zp * scale, (255 - zp) * scale];
}

/** A compiled graph: constants as tfjs tensors, one step per node. Dispose to free the constants. */
export class OnnxNet {
  readonly #steps: { outputs: readonly string[]; run: Step }[] = [];
  readonly #constants: tf.Tensor[] = [];
  readonly #inputName: string;

  /** Compiles `graph`; throws a TypeError naming the first node it cannot run. */
  constructor(
    readonly graph: OnnxGraph,
    readonly arithmetic: OnnxArithmetic = 'exact',
  ) {
    const [input] = graph.inputs;
    if (!input || graph.inputs.length !== 1) throw new TypeError('onnx: expected exactly one graph input');
    this.#inputName = input;
    try {
      for (const node of graph.nodes) this.#steps.push({ outputs: node.outputs, run: this.#compile(node) });
    } catch (err) {
      this.dispose();
      throw err;
    }
  }

  #init(name: string): OnnxTensor {
    const t = this.graph.initializers.get(name);
    if (!t) throw new TypeError(`onnx: ${name} is not a constant`);
    return t;
  }

  #keep<T extends tf.Tensor>(t: T): T {
    this.#constants.push(t);
    return t;
  }

  /** A node's constant input `i`, and the same as a scalar. */
  #operands(node: OnnxNode) {
    const init = (i: number) => this.#init(node.inputs[i]!);
    return { init, scalar: (i: number) => scalarOf(init(i), `${node.name} input ${i}`) };
  }

  /** QuantizeLinear's scale and zero point (uint8 only). */
  #quantizeOperands(node: OnnxNode): { scale: number; zp: number } {
    const { init, scalar } = this.#operands(node);
    if (init(2).dataType !== ONNX_DTYPE.UINT8) throw new TypeError(`onnx: ${node.name} quantises to a type other than uint8`);
    return { scale: scalar(1), zp: scalar(2) };
  }

  /** QLinearConv's weights and scales, read the same way by both arithmetics. */
  #convOperands(node: OnnxNode) {
    const { init, scalar } = this.#operands(node);
    const w = init(3);
    const scales = Array.from(init(4).data);
    return {
      w,
      spec: convSpec(node, w),
      xScale: scalar(1),
      /** Each output channel's weight scale (the file has one for all channels, or one each). */
      wScales: Array.from({ length: w.dims[0]! }, (_, c) => (scales.length > 1 ? scales[c]! : scales[0]!)),
      wZp: Array.from(init(5).data),
      yScale: scalar(6),
      yZp: scalar(7),
      bias: node.inputs[8] ? Float32Array.from(init(8).data) : undefined,
    };
  }

  /** QLinearMatMul's constant right-hand side with its zero points removed, and its scales. */
  #matMulOperands(node: OnnxNode) {
    const { init, scalar } = this.#operands(node);
    const w = init(3);
    if (w.dims.length !== 2) throw new TypeError(`onnx: ${node.name} needs a 2-D constant right-hand side`);
    const [rows, cols] = w.dims as [number, number];
    const bScale = Array.from(init(4).data);
    const bZp = Array.from(init(5).data);
    /** Column `k % cols`'s value of a per-column (or single) parameter. */
    const column = (a: number[], k: number) => (a.length > 1 ? a[k % cols]! : a[0]!);
    return {
      rows,
      cols,
      aScale: scalar(1),
      bScale,
      columnScale: (k: number) => column(bScale, k),
      centred: Float32Array.from(w.data, (v, k) => v - column(bZp, k)),
      yScale: scalar(6),
      yZp: scalar(7),
    };
  }

  /** The real-valued step of a quantised op (`arithmetic: 'float'`); undefined for ops that are float already. */
  #compileFloat(node: OnnxNode): Step | undefined {
    const { scalar } = this.#operands(node);
    const x = (get: (name: string) => Value, i = 0) => get(node.inputs[i]!).t;
    switch (node.opType) {
      case 'QuantizeLinear': {
        const { scale, zp } = this.#quantizeOperands(node);
        const [lo, hi] = realRange(scale, zp);
        return (get) => ({ t: tf.clipByValue(x(get), lo, hi) });
      }
      case 'DequantizeLinear':
        return (get) => ({ t: x(get) });
      case 'QLinearConv': {
        const { w, spec, xScale, wScales, wZp, yScale, yZp, bias: rawBias } = this.#convOperands(node);
        const [lo, hi] = realRange(yScale, yZp);
        const filter = this.#keep(tf.tidy(() => {
          // Output channels are the filter's last axis, or its third for a depthwise one.
          const shape = spec.depthwise ? [1, 1, wScales.length, 1] : [1, 1, 1, wScales.length];
          return tf.mul(convFilter(w, spec.depthwise, wZp), tf.tensor(wScales, shape)) as tf.Tensor4D;
        }));
        const bias = this.#keep(tf.tensor1d(wScales.map((s, c) => (rawBias ? rawBias[c]! * xScale * s : 0))));
        const { pad } = spec;
        return (get) => {
          // Fused ops take symmetric padding only; an asymmetric one adds the bias after the conv.
          const y = typeof pad === 'number'
            ? (spec.depthwise ? tf.fused.depthwiseConv2d : tf.fused.conv2d)({ x: x(get) as tf.Tensor4D, filter, strides: spec.strides, pad, bias })
            : tf.add(conv(x(get), filter, spec), bias);
          return { t: tf.clipByValue(y, lo, hi) };
        };
      }
      case 'QLinearAdd': {
        const [lo, hi] = realRange(scalar(6), scalar(7));
        const bConst = this.graph.initializers.get(node.inputs[3]!);
        const b = bConst ? this.#keep(tf.tensor1d(Float32Array.from(bConst.data, (v) => (v - scalar(5)) * scalar(4)))) : undefined;
        return (get) => ({ t: tf.clipByValue(tf.add(x(get), b ?? x(get, 3)), lo, hi) });
      }
      case 'QLinearMatMul': {
        const { rows, cols, columnScale, centred, yScale, yZp } = this.#matMulOperands(node);
        const [lo, hi] = realRange(yScale, yZp);
        const matrix = this.#keep(tf.tensor2d(centred.map((v, k) => v * columnScale(k)), [rows, cols]));
        return (get) => ({ t: tf.clipByValue(tf.matMul(x(get) as tf.Tensor2D, matrix), lo, hi) });
      }
      default:
        return undefined;
    }
  }

  #compile(node: OnnxNode): Step {
    if (this.arithmetic === 'float') {
      const step = this.#compileFloat(node);
      if (step) return step;
    }
    const { init, scalar } = this.#operands(node);
    switch (node.opType) {
      case 'QuantizeLinear': {
        const { scale, zp } = this.#quantizeOperands(node);
        const [lo, hi] = [-zp, 255 - zp];
        return (get) => ({ t: tf.clipByValue(tf.round(tf.div(get(node.inputs[0]!).t, scale)), lo, hi), q: { scale, zeroPoint: zp } });
      }
      case 'DequantizeLinear': {
        const scale = scalar(1);
        return (get) => ({ t: tf.mul(get(node.inputs[0]!).t, scale) });
      }
      case 'QLinearConv': {
        const { w, spec, xScale, wScales, wZp, yScale, yZp, bias: rawBias } = this.#convOperands(node);
        const filter = this.#keep(convFilter(w, spec.depthwise, wZp));
        // MLAS: output_scale[c] = x_scale * w_scale[c] / y_scale, in float32.
        const outScale = this.#keep(tf.tensor1d(wScales.map((s) => f32(f32(xScale * s) / yScale))));
        const bias = rawBias ? this.#keep(tf.tensor1d(rawBias)) : undefined;
        return (get) => {
          const acc = conv(get(node.inputs[0]!).t, filter, spec);
          return { t: requantize(bias ? tf.add(acc, bias) : acc, outScale, yZp), q: { scale: yScale, zeroPoint: yZp } };
        };
      }
      case 'QLinearAdd': {
        const [aScale, bScale, cScale, cZp] = [scalar(1), scalar(4), scalar(6), scalar(7)];
        const bConst = this.graph.initializers.get(node.inputs[3]!);
        const b = bConst ? this.#keep(tf.tensor1d(Float32Array.from(bConst.data, (v) => v - scalar(5)))) : undefined;
        // MLAS's portable QLinearAdd (the WASM build's): c = nearbyint(clip((sa·a + sb·b) / sc) + zc), in float32.
        return (get) => {
          const bt = b ?? get(node.inputs[3]!).t;
          const real = tf.div(tf.add(tf.mul(get(node.inputs[0]!).t, aScale), tf.mul(bt, bScale)), cScale);
          const q = tf.round(tf.add(tf.clipByValue(real, -cZp, 255 - cZp), cZp));
          return { t: tf.sub(q, cZp), q: { scale: cScale, zeroPoint: cZp } };
        };
      }
      case 'QLinearMatMul': {
        const { rows, cols, aScale, bScale, centred, yScale, yZp } = this.#matMulOperands(node);
        const matrix = this.#keep(tf.tensor2d(centred, [rows, cols]));
        const outScale = this.#keep(tf.tensor1d(bScale.length > 1 ? bScale.map((s) => f32(f32(aScale * s) / yScale)) : Array(cols).fill(f32(f32(aScale * bScale[0]!) / yScale))));
        return (get) => ({ t: requantize(tf.matMul(get(node.inputs[0]!).t as tf.Tensor2D, matrix), outScale, yZp), q: { scale: yScale, zeroPoint: yZp } });
      }
      case 'PRelu': {
        const slope = this.#keep(tf.tensor1d(Float32Array.from(init(1).data)));
        return (get) => ({ t: tf.prelu(get(node.inputs[0]!).t, slope) });
      }
      case 'Conv': {
        const w = init(1);
        const spec = convSpec(node, w);
        const filter = this.#keep(convFilter(w, spec.depthwise, [0]));
        const bias = node.inputs[2] ? this.#keep(tf.tensor1d(Float32Array.from(init(2).data))) : undefined;
        return (get) => {
          const y = conv(get(node.inputs[0]!).t, filter, spec);
          return { t: bias ? tf.add(y, bias) : y };
        };
      }
      case 'Flatten': {
        if (Number(node.attributes.get('axis') ?? 1) !== 1) throw new TypeError(`onnx: ${node.name} flattens from an axis other than 1`);
        return (get) => {
          const x = get(node.inputs[0]!);
          // ONNX flattens NCHW; our tensors are NHWC.
          const nchw = x.t.rank === 4 ? tf.transpose(x.t, [0, 3, 1, 2]) : x.t;
          return { t: tf.reshape(nchw, [x.t.shape[0]!, -1]), ...(x.q && { q: x.q }) };
        };
      }
      default:
        throw new TypeError(`onnx: operator ${node.domain ? `${node.domain}.` : ''}${node.opType} (${node.name}) is not supported`);
    }
  }

  /**
   * Runs the graph on an NHWC batch (the graph's NCHW input, transposed) and returns the named
   * values as float tensors (quantised ones dequantised). Call inside `tf.tidy`: intermediates are
   * left to it.
   */
  execute(input: tf.Tensor4D, wanted: readonly string[]): tf.Tensor[] {
    const values = new Map<string, Value>([[this.#inputName, { t: input }]]);
    const get = (name: string): Value => {
      const v = values.get(name);
      if (!v) throw new TypeError(`onnx: value ${name} is not computed yet`);
      return v;
    };
    const missing = new Set(wanted.filter((w) => !values.has(w)));
    for (const step of this.#steps) {
      if (missing.size === 0) break;
      const out = step.run(get);
      values.set(step.outputs[0]!, out);
      missing.delete(step.outputs[0]!);
    }
    if (missing.size > 0) throw new TypeError(`onnx: no value named ${[...missing].join(', ')}`);
    return wanted.map((w) => {
      const v = get(w);
      return v.q ? tf.mul(v.t, v.q.scale) : v.t;
    });
  }

  /** Frees the constants (safe twice). */
  dispose(): void {
    tf.dispose(this.#constants.splice(0));
  }
}
