import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../node/backend';
import { cropBoxes, cropRegion } from './crop';

describe('cropRegion', () => {
  it('squares around the centre, then pads on every side', () => {
    expect(cropRegion({ x: 10, y: 20, w: 20, h: 40 }, { padding: 0, square: true })).toEqual({ x: 0, y: 20, w: 40, h: 40 });
    expect(cropRegion({ x: 10, y: 10, w: 20, h: 20 }, { padding: 0.25, square: false })).toEqual({ x: 5, y: 5, w: 30, h: 30 });
  });
});

describe('cropBoxes', () => {
  beforeAll(() => initNodeBackend());

  it('crops the exact pixels of a box at its own size, and fills outside the frame with 0', async () => {
    // 8×8 frame whose pixel (y, x) has value 10·y + x in every channel.
    const values = Array.from({ length: 64 }, (_, i) => [Math.floor(i / 8) * 10 + (i % 8)]).flatMap((v) => [v[0]!, v[0]!, v[0]!]);
    const before = tf.memory().numTensors;
    const frame = tf.tensor3d(values, [8, 8, 3], 'int32');
    const crops = cropBoxes(frame, [{ x: 2, y: 3, w: 2, h: 2 }, { x: -2, y: 0, w: 2, h: 2 }], { size: 2, padding: 0, square: true });
    try {
      const data = await crops.data();
      // Channel 0 of each pixel: box 1 covers rows 3–4, columns 2–3.
      expect([0, 3, 6, 9].map((i) => Math.round(data[i]!))).toEqual([32, 33, 42, 43]);
      // Box 2 lies left of the frame: black.
      expect(Array.from(data.slice(12)).every((v) => v === 0)).toBe(true);
    } finally {
      crops.dispose();
      frame.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
