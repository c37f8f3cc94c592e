import { describe, expect, it } from 'vitest';
import { isEnoughReference, MIN_REFERENCE_CLIPS, referenceWindows } from './reference-windows';

/** A track sampled at `fps` from `from` to `to` seconds (inclusive of `from`). */
function track(from: number, to: number, fps = 5): { tSec: number }[] {
  const n = Math.round((to - from) * fps);
  return Array.from({ length: n }, (_, i) => ({ tSec: from + i / fps }));
}

describe('referenceWindows', () => {
  it('cuts a 40 s track into five 8 s windows of 40 records each', () => {
    const windows = referenceWindows(track(0, 40));
    expect(windows.map((w) => w.length)).toEqual([40, 40, 40, 40, 40]);
    expect(windows[1]![0]!.tSec).toBeCloseTo(8);
    expect(windows.flat()).toHaveLength(200);
  });

  it('joins a short last window to the one before, and keeps a long one', () => {
    // 30 s: 3 full windows and 6 s more (≥ 4 s): four windows, the last one 6 s.
    expect(referenceWindows(track(10, 40)).map((w) => w.length)).toEqual([40, 40, 40, 30]);
    // 26 s: the last 2 s join the third window.
    expect(referenceWindows(track(0, 26)).map((w) => w.length)).toEqual([40, 40, 50]);
  });

  it('counts windows from the first record and skips windows the face was away for', () => {
    const records = [...track(0, 8), ...track(24, 40)];
    const windows = referenceWindows(records);
    expect(windows.map((w) => [w[0]!.tSec, w.length])).toEqual([
      [0, 40],
      [24, 40],
      [32, 40],
    ]);
  });

  it('gives one window for a clip shorter than a window, none for no records', () => {
    expect(referenceWindows(track(0, 3))).toHaveLength(1);
    expect(referenceWindows([])).toEqual([]);
  });

  it('rejects records out of time order and a window of zero seconds', () => {
    expect(() => referenceWindows([{ tSec: 9 }, { tSec: 1 }])).toThrow(/time order/);
    expect(() => referenceWindows(track(0, 1), 0)).toThrow(TypeError);
  });
});

describe('isEnoughReference', () => {
  it('needs MIN_REFERENCE_CLIPS clips: a 30 s video makes four 8 s windows, a 20 s one three', () => {
    expect(MIN_REFERENCE_CLIPS).toBe(4);
    expect(isEnoughReference(referenceWindows(track(0, 30)).length)).toBe(true);
    expect(isEnoughReference(referenceWindows(track(0, 20)).length)).toBe(false);
  });
});
