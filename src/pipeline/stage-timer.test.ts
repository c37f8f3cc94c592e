import { describe, expect, it } from 'vitest';
import { createPictureTimer, createStageTimer } from './stage-timer';

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

describe('createPictureTimer', () => {
  it("passes every sample to the run's timer and hands over each picture's totals once", async () => {
    let t = 0;
    const run = createStageTimer(() => t);
    const picture = createPictureTimer(run, () => t);
    await picture.time('detect', () => {
      t += 4;
    });
    await picture.time('detect', () => {
      t += 6;
    });
    picture.add('decode', 2);
    expect(picture.take()).toEqual({ detect: 10, decode: 2 });
    expect(picture.take()).toEqual({});
    await picture.time('embed', () => {
      t += 3;
    });
    expect(picture.take()).toEqual({ embed: 3 });
    expect(run.samples()).toEqual({ detect: [4, 6], decode: [2], embed: [3] });
    expect(picture.totals()).toEqual(run.totals());
  });
});
