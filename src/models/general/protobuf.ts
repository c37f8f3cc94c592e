/**
 * A minimal protobuf wire-format reader: just enough to walk an ONNX model's messages field by
 * field. Hand-written because the ONNX reader needs only varints, 32-bit floats and
 * length-delimited fields; protobufjs would add its reflection runtime and a copy of onnx.proto
 * to the browser bundle for the same result.
 */

/** One field of a message: its number, wire type, and its value (a number, or the bytes of a length-delimited field). */
export interface ProtoField {
  readonly num: number;
  /** 0 varint, 1 64-bit, 2 length-delimited, 5 32-bit. */
  readonly wire: 0 | 1 | 2 | 5;
  /** Varint (as a double: ONNX dims and attributes fit in 2^53), fixed32 / fixed64 bits as bytes, or the field's bytes. */
  readonly value: number | Uint8Array;
}

/** Reads an unsigned varint at `at`; returns the value (exact up to 2^53) and the next offset. Negative int64 varints come back as values ≥ 2^63 and are folded by {@link toInt64}. */
function readVarint(buf: Uint8Array, at: number): [number, number] {
  let value = 0;
  let mul = 1;
  for (let i = 0; i < 10; i++) {
    const b = buf[at + i];
    if (b === undefined) throw new RangeError('protobuf: varint runs past the end');
    value += (b & 0x7f) * mul;
    mul *= 128;
    if (b < 0x80) return [value, at + i + 1];
  }
  throw new RangeError('protobuf: varint longer than 10 bytes');
}

/** A two's-complement int64 read as an unsigned varint, back to a signed number (exact for |x| < 2^53). */
export function toInt64(v: number): number {
  return v >= 2 ** 63 ? v - 2 ** 64 : v;
}

/** Every field of one message, in order. Repeated fields appear once per value. */
export function readMessage(buf: Uint8Array): ProtoField[] {
  const out: ProtoField[] = [];
  let at = 0;
  while (at < buf.length) {
    const [key, next] = readVarint(buf, at);
    at = next;
    const num = Math.floor(key / 8);
    const wire = key % 8;
    if (wire === 0) {
      const [v, n] = readVarint(buf, at);
      out.push({ num, wire, value: v });
      at = n;
    } else if (wire === 2) {
      const [len, n] = readVarint(buf, at);
      if (n + len > buf.length) throw new RangeError(`protobuf: field ${num} runs past the end`);
      out.push({ num, wire, value: buf.subarray(n, n + len) });
      at = n + len;
    } else if (wire === 1 || wire === 5) {
      const size = wire === 1 ? 8 : 4;
      out.push({ num, wire, value: buf.subarray(at, at + size) });
      at += size;
    } else {
      throw new RangeError(`protobuf: unsupported wire type ${wire} (field ${num})`);
    }
  }
  return out;
}

/** The bytes of a length-delimited field (throws if the field has another wire type). */
export function bytesOf(f: ProtoField): Uint8Array {
  if (!(f.value instanceof Uint8Array) || f.wire !== 2) throw new TypeError(`protobuf: field ${f.num} is not length-delimited`);
  return f.value;
}

/** A length-delimited field as UTF-8 text. */
export function stringOf(f: ProtoField): string {
  return new TextDecoder().decode(bytesOf(f));
}

/** A varint field's value. */
export function varintOf(f: ProtoField): number {
  if (typeof f.value !== 'number') throw new TypeError(`protobuf: field ${f.num} is not a varint`);
  return f.value;
}

/** A repeated int64 field, packed (one length-delimited run of varints) or not, as signed numbers. */
export function int64s(fields: readonly ProtoField[], num: number): number[] {
  const out: number[] = [];
  for (const f of fields) {
    if (f.num !== num) continue;
    if (f.wire === 0) out.push(toInt64(varintOf(f)));
    else {
      const buf = bytesOf(f);
      for (let at = 0; at < buf.length; ) {
        const [v, n] = readVarint(buf, at);
        out.push(toInt64(v));
        at = n;
      }
    }
  }
  return out;
}

/** A 32-bit float field (wire type 5), little-endian. */
export function float32Of(f: ProtoField): number {
  const b = f.value;
  if (!(b instanceof Uint8Array) || f.wire !== 5) throw new TypeError(`protobuf: field ${f.num} is not a 32-bit value`);
  return new DataView(b.buffer, b.byteOffset, 4).getFloat32(0, true);
}
