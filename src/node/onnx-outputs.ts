/**
 * Node/test-only: adds graph outputs to an ONNX model's bytes so a reference runtime
 * (onnxruntime-web in the tests) can report intermediate values, layer by layer.
 */

function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 128) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}

function lengthDelimited(field: number, body: Uint8Array): Uint8Array {
  return Uint8Array.from([...varint(field * 8 + 2), ...varint(body.length), ...body]);
}

function readVarint(buf: Uint8Array, at: number): [number, number] {
  let v = 0;
  let mul = 1;
  for (;;) {
    const b = buf[at++]!;
    v += (b & 0x7f) * mul;
    mul *= 128;
    if (b < 0x80) return [v, at];
  }
}

/** `model` (an ONNX ModelProto) with `names` appended to its graph's outputs (untyped, which onnxruntime accepts). */
export function withExtraOutputs(model: Uint8Array, names: readonly string[]): Uint8Array {
  const parts: Uint8Array[] = [];
  let at = 0;
  while (at < model.length) {
    const start = at;
    const [key, next] = readVarint(model, at);
    at = next;
    const wire = key % 8;
    if (wire === 0) at = readVarint(model, at)[1];
    else if (wire === 1) at += 8;
    else if (wire === 5) at += 4;
    else {
      const [len, body] = readVarint(model, at);
      at = body + len;
      if (Math.floor(key / 8) === 7) {
        const extra = names.map((n) => lengthDelimited(12, lengthDelimited(1, new TextEncoder().encode(n))));
        const graph = new Uint8Array([...model.subarray(body, at), ...extra.flatMap((e) => [...e])]);
        parts.push(lengthDelimited(7, graph));
        continue;
      }
    }
    parts.push(model.subarray(start, at));
  }
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
