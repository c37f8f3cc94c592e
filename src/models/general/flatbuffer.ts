/**
 * A minimal FlatBuffers table reader: scalars, strings, vectors and sub-tables by field index,
 * which is all the TFLite reader needs. Hand-written because the `flatbuffers` runtime alone does
 * not know TFLite's schema: using it means generating and bundling TFLite's schema code (thousands
 * of lines) to read a dozen fields.
 */

/** One table inside a FlatBuffers buffer. Field `i` is the i-th field of the schema's table. */
export class FlatTable {
  readonly #view: DataView;
  readonly #pos: number;
  readonly #vtable: number;
  readonly #vtableSize: number;

  constructor(view: DataView, pos: number) {
    this.#view = view;
    this.#pos = pos;
    this.#vtable = pos - view.getInt32(pos, true);
    this.#vtableSize = view.getUint16(this.#vtable, true);
  }

  /** The root table of a buffer; checks the 4-byte file identifier when given (e.g. `TFL3`). */
  static root(bytes: Uint8Array, identifier?: string): FlatTable {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (identifier !== undefined) {
      const id = new TextDecoder().decode(bytes.subarray(4, 8));
      if (id !== identifier) throw new TypeError(`flatbuffer: file identifier is "${id}", expected "${identifier}"`);
    }
    return new FlatTable(view, view.getUint32(0, true));
  }

  /** Absolute position of field `i`'s data, or 0 when the field is absent (default value). */
  #field(i: number): number {
    const slot = 4 + 2 * i;
    if (slot >= this.#vtableSize) return 0;
    const rel = this.#view.getUint16(this.#vtable + slot, true);
    return rel === 0 ? 0 : this.#pos + rel;
  }

  /** Follows the uoffset stored at `at`. */
  #deref(at: number): number {
    return at + this.#view.getUint32(at, true);
  }

  /** True when field `i` is present. */
  has(i: number): boolean {
    return this.#field(i) !== 0;
  }

  /** A scalar field (`int8`, `uint8`, `int32`, `uint32`, `float32`); `fallback` when absent. */
  scalar(i: number, kind: 'int8' | 'uint8' | 'int32' | 'uint32' | 'float32', fallback = 0): number {
    const at = this.#field(i);
    if (at === 0) return fallback;
    const v = this.#view;
    switch (kind) {
      case 'int8':
        return v.getInt8(at);
      case 'uint8':
        return v.getUint8(at);
      case 'int32':
        return v.getInt32(at, true);
      case 'uint32':
        return v.getUint32(at, true);
      case 'float32':
        return v.getFloat32(at, true);
    }
  }

  /** A sub-table field, or undefined when absent. */
  table(i: number): FlatTable | undefined {
    const at = this.#field(i);
    return at === 0 ? undefined : new FlatTable(this.#view, this.#deref(at));
  }

  /** A string field ('' when absent). */
  string(i: number): string {
    const bytes = this.bytes(i);
    return new TextDecoder().decode(bytes);
  }

  /** A `[ubyte]` / `[byte]` vector field as a view into the buffer (empty when absent). */
  bytes(i: number): Uint8Array {
    const [start, length] = this.#vector(i);
    return new Uint8Array(this.#view.buffer, this.#view.byteOffset + start, length);
  }

  /** An `[int]` vector field. */
  int32s(i: number): number[] {
    const [start, length] = this.#vector(i);
    return Array.from({ length }, (_, k) => this.#view.getInt32(start + 4 * k, true));
  }

  /** A `[float]` vector field. */
  float32s(i: number): number[] {
    const [start, length] = this.#vector(i);
    return Array.from({ length }, (_, k) => this.#view.getFloat32(start + 4 * k, true));
  }

  /** A `[long]` vector field, as numbers (exact below 2^53). */
  int64s(i: number): number[] {
    const [start, length] = this.#vector(i);
    return Array.from({ length }, (_, k) => Number(this.#view.getBigInt64(start + 8 * k, true)));
  }

  /** A vector-of-tables field. */
  tables(i: number): FlatTable[] {
    const [start, length] = this.#vector(i);
    return Array.from({ length }, (_, k) => new FlatTable(this.#view, this.#deref(start + 4 * k)));
  }

  /** [first element's absolute position, element count] of a vector field; [0, 0] when absent. */
  #vector(i: number): [number, number] {
    const at = this.#field(i);
    if (at === 0) return [0, 0];
    const vec = this.#deref(at);
    return [vec + 4, this.#view.getUint32(vec, true)];
  }
}
