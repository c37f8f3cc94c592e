import { describe, expect, it } from 'vitest';
import { createFrameBoundMeter } from './frame-bound';

describe('createFrameBoundMeter', () => {
  it('says a run waits on its frames once its mean wait is long, and not on one slow frame', () => {
    const meter = createFrameBoundMeter();
    expect(meter.add(600)).toBe(false); // the source starting up: not its pace
    expect([1, 0, 2, 1].map((w) => meter.add(w))).toEqual([false, false, false, false]); // an SD file: the decoder keeps ahead
    expect(meter.add(40)).toBe(false); // one slow frame: the mean is ~11 ms
    expect([80, 80].map((w) => meter.add(w))).toEqual([true, true]); // an HD file's 75–100 ms waits
  });

  it('keeps its answer while the wait shrinks by the networks it now runs, and gives it up when the frames come at once', () => {
    const meter = createFrameBoundMeter();
    [0, 100, 100].forEach((w) => meter.add(w));
    expect([10, 8, 6, 5, 5, 5].map((w) => meter.add(w))).toEqual([true, true, true, true, true, true]);
    const after = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0].map((w) => meter.add(w));
    expect(after.at(-1)).toBe(false);
    expect(after[0]).toBe(true);
  });
});
