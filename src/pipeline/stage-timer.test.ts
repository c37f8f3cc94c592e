import { describe, expect, it } from 'vitest';
import { createStageTimer } from './stage-timer';

describe('createStageTimer', () => {
  it('sums durations per stage from the injected clock, also when the stage throws', async () => {
    let t = 0;
    const timer = createStageTimer(() => t);
    await timer.time('detect', () => {
      t += 5;
      return 1;
    });
    await timer.time('detect', async () => {
      t += 7;
    });
    await expect(
      timer.time('embed', () => {
        t += 2;
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    timer.add('decode', 1.5);
    expect(timer.totals()).toEqual({ detect: 12, embed: 2, decode: 1.5 });
    expect(timer.samples().detect).toEqual([5, 7]);
  });
});
