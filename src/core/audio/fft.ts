/**
 * Power spectrum of a real frame (speech features) through fft.js, a maintained radix-4 FFT in
 * plain JavaScript (float64): the same numbers in Node and the browser.
 */
import FFT from 'fft.js';

/** One transform (and its twiddle table) per size, made on first use. */
const transforms = new Map<number, { fft: FFT; input: Float64Array; output: number[] }>();

/** |X_k|² for k = 0 … size/2 of `frame` zero-padded (or truncated) to `size` (a power of two ≥ 4). */
export function powerSpectrum(frame: ArrayLike<number>, size: number): Float64Array {
  if (size < 4 || (size & (size - 1)) !== 0) throw new RangeError(`powerSpectrum: size must be a power of two ≥ 4, got ${size}`);
  let t = transforms.get(size);
  if (!t) {
    const fft = new FFT(size);
    t = { fft, input: new Float64Array(size), output: fft.createComplexArray() as number[] };
    transforms.set(size, t);
  }
  const n = Math.min(size, frame.length);
  for (let i = 0; i < size; i++) t.input[i] = i < n ? frame[i]! : 0;
  t.fft.realTransform(t.output, t.input);
  const out = new Float64Array(size / 2 + 1);
  for (let k = 0; k < out.length; k++) out[k] = t.output[2 * k]! ** 2 + t.output[2 * k + 1]! ** 2;
  return out;
}
