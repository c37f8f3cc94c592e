/**
 * Reads an ONNX model (protobuf) into plain objects: the graph's nodes in order, their attributes,
 * and the initialisers as typed arrays. Only what inference of a small static CNN needs: no
 * subgraphs, no external data, no sparse tensors (each is refused with a named reason).
 */
import { bytesOf, float32Of, int64s, readMessage, stringOf, varintOf, toInt64, type ProtoField } from './protobuf';

/** ONNX TensorProto.DataType values this reader decodes. */
export const ONNX_DTYPE = Object.freeze({ FLOAT: 1, UINT8: 2, INT8: 3, INT32: 6, INT64: 7 } as const);

/** A constant tensor (initialiser or attribute value). */
export interface OnnxTensor {
  readonly name: string;
  readonly dims: readonly number[];
  /** TensorProto.DataType. */
  readonly dataType: number;
  /** Float32Array (FLOAT), Int8Array (INT8), Uint8Array (UINT8), Int32Array (INT32) or Float64Array holding int64s (INT64). */
  readonly data: Float32Array | Int8Array | Uint8Array | Int32Array | Float64Array;
}

/** One attribute's value: a number, a list of numbers, text, or a tensor. */
export type OnnxAttribute = number | readonly number[] | string | OnnxTensor;

/** One graph node. */
export interface OnnxNode {
  readonly name: string;
  readonly opType: string;
  /** Operator domain: '' for standard ONNX, `com.microsoft` for onnxruntime's contrib ops (QLinearAdd, …). */
  readonly domain: string;
  /** Input value names ('' for an omitted optional input). */
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes: ReadonlyMap<string, OnnxAttribute>;
}

/** A model's main graph. */
export interface OnnxGraph {
  readonly nodes: readonly OnnxNode[];
  readonly initializers: ReadonlyMap<string, OnnxTensor>;
  /** Graph input names that are not initialisers. */
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  /** Default-domain opset version. */
  readonly opset: number;
}

function copyAligned(bytes: Uint8Array): ArrayBuffer {
  // Typed-array views need an aligned offset; raw_data sits anywhere in the file.
  return bytes.slice().buffer;
}

function readTensor(buf: Uint8Array): OnnxTensor {
  const fields = readMessage(buf);
  const dims = int64s(fields, 1);
  let dataType = 0;
  let name = '';
  let raw: Uint8Array | undefined;
  const floats: number[] = [];
  const ints: number[] = [];
  for (const f of fields) {
    if (f.num === 2) dataType = varintOf(f);
    else if (f.num === 8) name = stringOf(f);
    else if (f.num === 9) raw = bytesOf(f);
    else if (f.num === 4) {
      if (f.wire === 5) floats.push(float32Of(f));
      else {
        const b = bytesOf(f);
        const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
        for (let at = 0; at < b.byteLength; at += 4) floats.push(view.getFloat32(at, true));
      }
    } else if (f.num === 14 && varintOf(f) === 1) throw new TypeError(`onnx: tensor ${name} uses external data`);
  }
  // int32_data (5) carries INT8/UINT8/INT32 when raw_data is absent; int64_data (7) INT64.
  ints.push(...int64s(fields, dataType === ONNX_DTYPE.INT64 ? 7 : 5));
  const count = dims.reduce((a, b) => a * b, 1);
  let data: OnnxTensor['data'];
  switch (dataType) {
    case ONNX_DTYPE.FLOAT:
      data = raw ? new Float32Array(copyAligned(raw)) : Float32Array.from(floats);
      break;
    case ONNX_DTYPE.INT8:
      data = raw ? new Int8Array(copyAligned(raw)) : Int8Array.from(ints);
      break;
    case ONNX_DTYPE.UINT8:
      data = raw ? raw.slice() : Uint8Array.from(ints);
      break;
    case ONNX_DTYPE.INT32:
      data = raw ? new Int32Array(copyAligned(raw)) : Int32Array.from(ints);
      break;
    case ONNX_DTYPE.INT64: {
      if (raw) {
        const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
        data = Float64Array.from({ length: raw.byteLength / 8 }, (_, i) => Number(view.getBigInt64(i * 8, true)));
      } else data = Float64Array.from(ints);
      break;
    }
    default:
      throw new TypeError(`onnx: tensor ${name} has unsupported data type ${dataType}`);
  }
  if (data.length !== count) throw new TypeError(`onnx: tensor ${name} holds ${data.length} values, dims say ${count}`);
  return { name, dims, dataType, data };
}

function readAttribute(buf: Uint8Array): [string, OnnxAttribute] {
  const fields = readMessage(buf);
  let name = '';
  let value: OnnxAttribute | undefined;
  const floats: number[] = [];
  for (const f of fields) {
    if (f.num === 1) name = stringOf(f);
    else if (f.num === 2) value = float32Of(f);
    else if (f.num === 3) value = toInt64(varintOf(f));
    else if (f.num === 4) value = stringOf(f);
    else if (f.num === 5) value = readTensor(bytesOf(f));
    else if (f.num === 6) throw new TypeError(`onnx: attribute ${name} holds a subgraph`);
    else if (f.num === 7) floats.push(float32Of(f));
  }
  const ints = int64s(fields, 8);
  if (value === undefined) value = ints.length > 0 ? ints : floats;
  return [name, value];
}

function readNode(buf: Uint8Array): OnnxNode {
  const inputs: string[] = [];
  const outputs: string[] = [];
  const attributes = new Map<string, OnnxAttribute>();
  let name = '';
  let opType = '';
  let domain = '';
  for (const f of readMessage(buf)) {
    if (f.num === 1) inputs.push(stringOf(f));
    else if (f.num === 2) outputs.push(stringOf(f));
    else if (f.num === 3) name = stringOf(f);
    else if (f.num === 4) opType = stringOf(f);
    else if (f.num === 5) attributes.set(...readAttribute(bytesOf(f)));
    else if (f.num === 7) domain = stringOf(f);
  }
  return { name, opType, domain: domain === 'ai.onnx' ? '' : domain, inputs, outputs, attributes };
}

function valueInfoName(buf: Uint8Array): string {
  const f = readMessage(buf).find((x) => x.num === 1);
  return f ? stringOf(f) : '';
}

/** Parses an ONNX ModelProto's main graph. Throws a TypeError on anything this reader does not decode. */
export function readOnnx(bytes: ArrayBuffer | Uint8Array): OnnxGraph {
  // A plain Uint8Array view (not a Node Buffer, whose slice() shares memory) so copies are copies.
  const model = readMessage(bytes instanceof Uint8Array ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : new Uint8Array(bytes));
  let graphField: ProtoField | undefined;
  let opset = 0;
  for (const f of model) {
    if (f.num === 7) graphField = f;
    else if (f.num === 8) {
      const id = readMessage(bytesOf(f));
      const domain = id.find((x) => x.num === 1);
      const version = id.find((x) => x.num === 2);
      if ((!domain || stringOf(domain) === '' || stringOf(domain) === 'ai.onnx') && version) opset = varintOf(version);
    }
  }
  if (!graphField) throw new TypeError('onnx: no graph in the model');
  const nodes: OnnxNode[] = [];
  const initializers = new Map<string, OnnxTensor>();
  const declared: string[] = [];
  const outputs: string[] = [];
  for (const f of readMessage(bytesOf(graphField))) {
    if (f.num === 1) nodes.push(readNode(bytesOf(f)));
    else if (f.num === 5) {
      const t = readTensor(bytesOf(f));
      initializers.set(t.name, t);
    } else if (f.num === 11) declared.push(valueInfoName(bytesOf(f)));
    else if (f.num === 12) outputs.push(valueInfoName(bytesOf(f)));
    else if (f.num === 15) throw new TypeError('onnx: sparse initialisers are not supported');
  }
  const inputs = declared.filter((n) => !initializers.has(n));
  return { nodes, initializers, inputs, outputs, opset };
}
