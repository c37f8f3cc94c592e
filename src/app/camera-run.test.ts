import { describe, expect, it } from 'vitest';
import { CLIP_NETS_INTERVAL_SEC, createClipNetsGate } from './camera-run';

describe('the camera clip nets gate', () => {
  it('runs the clip models\' nets at most every CLIP_NETS_INTERVAL_SEC while a calibration listens, never otherwise', () => {
    let listening = false;
    const gate = createClipNetsGate(false, () => listening);
    const step = CLIP_NETS_INTERVAL_SEC * 1000;
    expect(gate(0)).toBe(false);
    listening = true;
    // Pictures every 50 ms (20 fps): every fourth one gets the nets (50·4 = 200 ms ≥ 167 ms).
    const picks = Array.from({ length: 12 }, (_, i) => gate(100 + i * 50));
    expect(picks).toEqual([true, false, false, false, true, false, false, false, true, false, false, false]);
    // Slow pictures (every 200 ms, more than the interval): each one gets them.
    expect([1000, 1200, 1400].map(gate)).toEqual([true, true, true]);
    expect(gate(1400 + step / 2)).toBe(false);
    listening = false;
    expect(gate(5000)).toBe(false);
  });

  it('runs them on every picture when the per-frame baselines were asked for', () => {
    const gate = createClipNetsGate(true, () => false);
    expect([0, 1, 2].map(gate)).toEqual([true, true, true]);
  });
});
