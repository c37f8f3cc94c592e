/**
 * Reading network outputs back from the device. On a GPU every download is a round trip that costs
 * milliseconds whatever its size (12 ms for one number on the H200 runtime, docs/performance-webgpu.md),
 * so one frame's outputs are read together: models hand their output tensors to a `DeviceReads`,
 * the frame's code `flush()`es a `ReadBatch` once, and every read resolves from that one download.
 */
import * as tf from '@tensorflow/tfjs';

/** Where a model's outputs are read. `read` takes ownership of `t` (it is disposed once read). */
export interface DeviceReads {
  read(t: tf.Tensor): Promise<Float32Array>;
}

/** Each tensor read on its own, at once: for calls outside a frame's batch. */
export const READ_NOW: DeviceReads = {
  async read(t: tf.Tensor): Promise<Float32Array> {
    try {
      const data = await t.data();
      return data instanceof Float32Array ? data : Float32Array.from(data as ArrayLike<number>);
    } finally {
      t.dispose();
    }
  },
};

/**
 * Collects reads and answers them all from one download at `flush()`: the tensors are flattened,
 * cast to float32 and concatenated on the device, read once, and each read gets its slice.
 * A read registered after a flush waits for the next one.
 */
export class ReadBatch implements DeviceReads {
  #pending: { tensor: tf.Tensor; resolve: (data: Float32Array) => void; reject: (error: unknown) => void }[] = [];

  read(t: tf.Tensor): Promise<Float32Array> {
    return new Promise((resolve, reject) => this.#pending.push({ tensor: t, resolve, reject }));
  }

  /** How many reads wait for the next flush. */
  get size(): number {
    return this.#pending.length;
  }

  /** One download for every waiting read; resolves when each has its values. */
  async flush(): Promise<void> {
    const parts = this.#pending.splice(0);
    if (parts.length === 0) return;
    try {
      const all = tf.tidy(() => tf.concat(parts.map((p) => tf.cast(tf.reshape(p.tensor, [-1]), 'float32'))));
      const data = await READ_NOW.read(all);
      let at = 0;
      for (const p of parts) {
        p.resolve(data.subarray(at, at + p.tensor.size));
        at += p.tensor.size;
      }
    } catch (error) {
      parts.forEach((p) => p.reject(error));
      throw error;
    } finally {
      parts.forEach((p) => p.tensor.dispose());
    }
  }

  /** Frees what waits without reading it (after a failure): those reads never resolve. */
  discard(): void {
    this.#pending.splice(0).forEach((p) => p.tensor.dispose());
  }
}
