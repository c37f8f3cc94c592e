/** Decode-ahead: same frames in the same order, one fetched ahead, and the fetched-ahead frame closed on stop. */
import { describe, expect, it } from 'vitest';
import { prefetchFrames } from './prefetch-frames';
import type { FrameSource } from './tracked-frame';

/** A source of `n` frames that logs when each is fetched and closed. */
function countingSource(n: number) {
  const log: string[] = [];
  let i = 0;
  const source: FrameSource = {
    async next() {
      if (i >= n) return { done: true, value: undefined };
      const k = i++;
      log.push(`fetch ${k}`);
      return { done: false, value: { frameIndex: k, tSec: k / 5, bitmap: {} as ImageBitmap, close: () => log.push(`close ${k}`) } };
    },
    async return() {
      log.push('return');
      return { done: true, value: undefined };
    },
  };
  return { source, log };
}

describe('prefetchFrames', () => {
  it('yields every frame in order and fetches the next one before it is asked for', async () => {
    const { source, log } = countingSource(3);
    const frames = prefetchFrames(source);
    const first = await frames.next();
    await Promise.resolve();
    expect(first.done ? -1 : first.value.frameIndex).toBe(0);
    expect(log).toContain('fetch 1');
    const seen = [0];
    for (;;) {
      const r = await frames.next();
      if (r.done) break;
      seen.push(r.value.frameIndex);
    }
    expect(seen).toEqual([0, 1, 2]);
  });

  it('closes the frame fetched ahead when the consumer stops early, then stops the source', async () => {
    const { source, log } = countingSource(5);
    const frames = prefetchFrames(source);
    const first = await frames.next();
    if (!first.done) first.value.close();
    await frames.return(undefined);
    expect(log).toEqual(['fetch 0', 'fetch 1', 'close 0', 'close 1', 'return']);
  });
});
