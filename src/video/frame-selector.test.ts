import { describe, expect, it } from 'vitest';
import { createFrameSelector, expectedSampledFrames } from './frame-selector';

describe('createFrameSelector', () => {
  it('keeps every frame without a rate', () => {
    const s = createFrameSelector();
    expect([0, 0.033, 0.066].map((t) => s.keep(t))).toEqual([true, true, true]);
  });

  it('keeps one frame per slot at 5 fps from 29.97 fps video', () => {
    // 30 frames at 29.97 fps span 0..0.968 s: slots at 0, 0.2, 0.4, 0.6, 0.8 → 5 frames.
    expect(expectedSampledFrames(30, 29.97, 5)).toBe(5);
    // 60 frames span ~2 s: slots 0, 0.2, … 1.8 → 10 frames.
    expect(expectedSampledFrames(60, 29.97, 5)).toBe(10);
  });

  it('keeps the first frame at or after each slot, never two frames per slot', () => {
    const s = createFrameSelector(2);
    const times = [0, 0.3, 0.49, 0.51, 0.9, 1.2];
    expect(times.map((t) => s.keep(t))).toEqual([true, false, false, true, false, true]);
  });

  it('keeps all frames when the rate is at or above the video rate', () => {
    expect(expectedSampledFrames(90, 29.97, 30)).toBe(90);
    expect(expectedSampledFrames(90, 29.97, 60)).toBe(90);
  });

  it('rejects non-positive rates', () => {
    expect(() => createFrameSelector(0)).toThrow(TypeError);
    expect(() => createFrameSelector(-1)).toThrow(TypeError);
  });
});

describe('createFrameSelector with a tolerance (the mouth grid)', () => {
  it('keeps a 30 fps frame stored a fraction of a microsecond before its 15 fps slot', () => {
    const times = [0, 0.033333, 0.066666, 0.1, 0.133333];
    const strict = createFrameSelector(15);
    const tolerant = createFrameSelector(15, 0.001);
    expect(times.filter((t) => strict.keep(t))).toEqual([0, 0.1, 0.133333]); // 0.066666 missed: the grid slips a frame
    expect(times.filter((t) => tolerant.keep(t))).toEqual([0, 0.066666, 0.133333]);
  });
});
