/**
 * Node-only workaround for a tfjs-backend-wasm 4.22 bug: its Conv3DBackpropInputV2 kernel (the
 * gradient of conv3d with respect to its input) returns wrong values at some positions and, now
 * and then, NaN (it disagrees with the CPU backend and with finite differences; forward Conv3D and
 * the filter gradient are right). Training the Spatio-Temporal models on WASM therefore sent wrong
 * gradients into the LSTM/Dense layers below the first 3D convolution, and NaN weights that the
 * ReLU hid from the forward pass (st-ctx "loss NaN"). We replace the input gradient by its
 * definition for the case our models use — stride 1, 'same' padding, odd kernel: the correlation
 * of dy with the spatially reversed filter whose in/out channels are swapped — built from the
 * forward conv3d, which the WASM backend computes correctly.
 */
import * as tf from '@tensorflow/tfjs';

/** d(conv3d(x, filter, 1, 'same'))/dx applied to `dy`, for a filter with odd sides. */
export function conv3dSameInputGradient(dy: tf.Tensor5D, filter: tf.Tensor5D): tf.Tensor5D {
  return tf.tidy(() => tf.conv3d(dy, tf.reverse(filter, [0, 1, 2]).transpose([0, 1, 2, 4, 3]) as tf.Tensor5D, 1, 'same'));
}

function isUnitStrideSameOdd(strides: unknown, pad: unknown, filterShape: readonly number[]): boolean {
  const unit = (Array.isArray(strides) ? strides : [strides]).every((s) => s === 1);
  return unit && pad === 'same' && filterShape.slice(0, 3).every((k) => k % 2 === 1);
}

let installed = false;

/**
 * Registers a Conv3D gradient whose input part uses {@link conv3dSameInputGradient} (other
 * strides/paddings keep tfjs's own). Idempotent; affects every backend (the result is exact).
 */
export function installConv3dInputGradient(): void {
  if (installed) return;
  installed = true;
  const original = tf.getGradient('Conv3D');
  tf.registerGradient({
    ...original,
    gradFunc: (dy, saved, attrs) => {
      const grads = original.gradFunc(dy, saved, attrs);
      const filter = saved[1] as tf.Tensor5D;
      if (!isUnitStrideSameOdd(attrs['strides'], attrs['pad'], filter.shape)) return grads;
      return { ...grads, x: () => conv3dSameInputGradient(dy as tf.Tensor5D, filter) };
    },
  });
}
