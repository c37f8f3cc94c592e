import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../core/random';
import { initNodeBackend } from './backend';

function random(shape: number[], seed: number): tf.Tensor5D {
  const rng = createRng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor5d(Float32Array.from({ length: n }, () => rng.next() * 2 - 1), shape as [number, number, number, number, number]);
}

/** d/dx of Σ conv3d(x, f, 1, 'same') · dy, through tfjs's registered gradient. */
function inputGradient(x: tf.Tensor5D, f: tf.Tensor5D, dy: tf.Tensor5D): tf.Tensor5D {
  return tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.conv3d(a as tf.Tensor5D, f, 1, 'same'), dy)))(x) as tf.Tensor5D;
}

describe('conv3d input gradient on Node WASM (tfjs-backend-wasm 4.22 kernel is wrong; see wasm-conv3d-gradient.ts)', () => {
  beforeAll(async () => {
    expect(await initNodeBackend()).toBe('wasm');
  });

  it('equals the exact gradient of a small convolution at every input position', () => {
    const xShape = [2, 4, 4, 4, 2];
    const f = random([3, 3, 3, 2, 3], 1);
    const dy = random([2, 4, 4, 4, 3], 2);
    const got = inputGradient(random(xShape, 3), f, dy).dataSync();
    // The loss is linear in x, so its gradient at position i is the loss of the one-hot input e_i.
    const size = xShape.reduce((a, b) => a * b, 1);
    for (let i = 0; i < size; i++) {
      const exact = tf.tidy(() => {
        const e = tf.oneHot(tf.tensor1d([i], 'int32'), size).toFloat().reshape(xShape) as tf.Tensor5D;
        return tf.sum(tf.mul(tf.conv3d(e, f, 1, 'same'), dy)).dataSync()[0]!;
      });
      expect(got[i]).toBeCloseTo(exact, 4);
    }
  });

  it("passes the adjoint test on the Spatio-Temporal model's first block shape, without NaN", () => {
    // <conv(x), dy> = <x, conv'(dy)> for any x, dy: the shape st-face/st-ctx train with.
    const x = random([32, 32, 8, 8, 1], 4);
    const f = random([3, 3, 3, 1, 8], 5);
    const dy = random([32, 32, 8, 8, 8], 6);
    const dx = inputGradient(x, f, dy);
    const lhs = tf.sum(tf.mul(tf.conv3d(x, f, 1, 'same'), dy)).dataSync()[0]!;
    const rhs = tf.sum(tf.mul(x, dx)).dataSync()[0]!;
    expect(dx.dataSync().every(Number.isFinite)).toBe(true);
    expect(Math.abs(lhs - rhs)).toBeLessThan(1e-3 * Math.max(1, Math.abs(lhs)));
    tf.dispose([x, f, dy, dx]);
  });
});
