/**
 * Reads a TFLite flatbuffer (schema.fbs) into plain objects: the first subgraph's tensors (shape,
 * type, data, quantisation) and operators (builtin code, inputs, outputs, options table). Field
 * numbers are those of TensorFlow's `tensorflow/compiler/mlir/lite/schema/schema.fbs`.
 */
import { FlatTable } from './flatbuffer';

/** TFLite TensorType values this reader decodes. */
export const TFLITE_TYPE = Object.freeze({ FLOAT32: 0, INT32: 2, UINT8: 3, INT64: 4, INT8: 9 } as const);

/** TFLite BuiltinOperator codes the general networks use. */
export const TFLITE_OP = Object.freeze({ CONV_2D: 3, DEPTHWISE_CONV_2D: 4, FULLY_CONNECTED: 9, SOFTMAX: 25, MEAN: 40 } as const);

/** Fused activation (ActivationFunctionType). */
export const TFLITE_ACTIVATION = Object.freeze({ NONE: 0, RELU: 1, RELU6: 3 } as const);

/** Per-tensor or per-channel affine quantisation: real = (q − zeroPoint) · scale. */
export interface TfliteQuantization {
  readonly scale: readonly number[];
  readonly zeroPoint: readonly number[];
  /** The axis `scale` runs along when it has more than one value. */
  readonly quantizedDimension: number;
}

/** One tensor of the subgraph. */
export interface TfliteTensor {
  readonly name: string;
  readonly shape: readonly number[];
  /** TensorType. */
  readonly type: number;
  /** Constant data (empty for activations): a view into the file. */
  readonly data: Uint8Array;
  readonly quantization: TfliteQuantization | undefined;
}

/** One operator: its builtin code, tensor indices (−1 = omitted optional input) and options. */
export interface TfliteOperator {
  readonly opcode: number;
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
  /** The builtin options table (Conv2DOptions, …), fields by schema index. */
  readonly options: FlatTable | undefined;
}

/** The main subgraph of a TFLite model. */
export interface TfliteGraph {
  readonly tensors: readonly TfliteTensor[];
  readonly operators: readonly TfliteOperator[];
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
}

function readQuantization(q: FlatTable | undefined): TfliteQuantization | undefined {
  if (!q) return undefined;
  const scale = q.float32s(2);
  if (scale.length === 0) return undefined;
  const zeroPoint = q.int64s(3);
  return { scale, zeroPoint: zeroPoint.length > 0 ? zeroPoint : scale.map(() => 0), quantizedDimension: q.scalar(6, 'int32') };
}

/** Parses a `.tflite` file's first subgraph. Throws a TypeError if it is not a TFLite flatbuffer. */
export function readTflite(bytes: ArrayBuffer | Uint8Array): TfliteGraph {
  const buf = bytes instanceof Uint8Array ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : new Uint8Array(bytes);
  const model = FlatTable.root(buf, 'TFL3');
  // OperatorCode: the 8-bit deprecated code (field 0) holds codes < 127; newer files also set field 3.
  const codes = model.tables(1).map((c) => Math.max(c.scalar(0, 'int8'), c.scalar(3, 'int32')));
  const buffers = model.tables(4);
  const [graph] = model.tables(2);
  if (!graph) throw new TypeError('tflite: the model has no subgraph');
  const tensors = graph.tables(0).map((t): TfliteTensor => {
    const buffer = buffers[t.scalar(2, 'uint32')];
    // Buffers past 2 GB live outside the flatbuffer (offset/size fields); none of ours do.
    if (buffer?.has(1)) throw new TypeError(`tflite: tensor ${t.string(3)} stores its data outside the flatbuffer`);
    return {
      name: t.string(3),
      shape: t.int32s(0),
      type: t.scalar(1, 'int8'),
      data: buffer ? buffer.bytes(0) : new Uint8Array(0),
      quantization: readQuantization(t.table(4)),
    };
  });
  const operators = graph.tables(3).map((op): TfliteOperator => {
    const opcode = codes[op.scalar(0, 'uint32')];
    if (opcode === undefined) throw new TypeError('tflite: operator refers to a missing operator code');
    return { opcode, inputs: op.int32s(1), outputs: op.int32s(2), options: op.table(4) };
  });
  return { tensors, operators, inputs: graph.int32s(1), outputs: graph.int32s(2) };
}
