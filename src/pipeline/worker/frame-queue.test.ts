/** The camera-frame queue inside the worker: order, waiting for frames, ending, and closing leftovers. */
import { describe, expect, it } from 'vitest';
import { createFrameQueue } from './frame-queue';

/** A stand-in ImageBitmap that records whether it was closed. */
function bitmap() {
  const b = { closed: false, close: () => (b.closed = true) };
  return b as unknown as ImageBitmap & { closed: boolean };
}

describe('createFrameQueue', () => {
  it('hands out pushed frames in order and closes them through their close()', async () => {
    const queue = createFrameQueue();
    const a = bitmap();
    const b = bitmap();
    queue.push({ frameIndex: 0, tSec: 0, bitmap: a });
    queue.push({ frameIndex: 1, tSec: 0.2, bitmap: b });
    const first = await queue.next();
    expect(first.done).toBe(false);
    if (first.done) return;
    expect(first.value.frameIndex).toBe(0);
    first.value.close();
    expect(a.closed).toBe(true);
    const second = await queue.next();
    expect(second.done ? null : second.value.tSec).toBe(0.2);
  });

  it('releases a camera frame’s pixels when it is closed, taken or left in the queue', async () => {
    const queue = createFrameQueue();
    const released: number[] = [];
    for (const frameIndex of [0, 1]) queue.push({ frameIndex, tSec: 0, bitmap: bitmap(), releasePixels: () => released.push(frameIndex) });
    const first = await queue.next();
    expect(released).toEqual([]);
    if (!first.done) first.value.close();
    expect(released).toEqual([0]);
    await queue.return(undefined);
    expect(released).toEqual([0, 1]);
  });

  it('closes a bitmap still in the making once it is made (camera frames whose pixels came first)', async () => {
    const queue = createFrameQueue();
    const later = bitmap();
    let make!: (b: ImageBitmap) => void;
    queue.push({ frameIndex: 0, tSec: 0, bitmap: new Promise<ImageBitmap>((resolve) => (make = resolve)) });
    await queue.return(undefined);
    expect(later.closed).toBe(false);
    make(later);
    await Promise.resolve();
    await Promise.resolve();
    expect(later.closed).toBe(true);
  });

  it('resolves a waiting next() when a frame arrives, and ends it on end()', async () => {
    const queue = createFrameQueue();
    const waiting = queue.next();
    queue.push({ frameIndex: 7, tSec: 1.4, bitmap: bitmap() });
    const got = await waiting;
    expect(got.done ? null : got.value.frameIndex).toBe(7);
    const ending = queue.next();
    queue.end();
    expect((await ending).done).toBe(true);
    expect((await queue.next()).done).toBe(true);
  });

  it('closes frames still queued when the run stops, and frames pushed after it', async () => {
    const queue = createFrameQueue();
    const queued = bitmap();
    queue.push({ frameIndex: 0, tSec: 0, bitmap: queued });
    await queue.return(undefined);
    expect(queued.closed).toBe(true);
    const late = bitmap();
    queue.push({ frameIndex: 1, tSec: 0.2, bitmap: late });
    expect(late.closed).toBe(true);
    expect((await queue.next()).done).toBe(true);
  });
});

describe('createFrameQueue fail()', () => {
  it('hands out the frames queued before a failure, then rejects with it', async () => {
    const queue = createFrameQueue();
    queue.push({ frameIndex: 0, tSec: 0, bitmap: bitmap() });
    const error = new Error('decoder broke');
    queue.fail(error);
    const first = await queue.next();
    expect(first.done ? null : first.value.frameIndex).toBe(0);
    await expect(queue.next()).rejects.toBe(error);
    // A frame arriving after the failure is closed, not handed out.
    const late = bitmap();
    queue.push({ frameIndex: 1, tSec: 0.2, bitmap: late });
    expect(late.closed).toBe(true);
  });

  it('rejects a waiting next() at once, and ends quietly once the consumer stops', async () => {
    const queue = createFrameQueue();
    const waiting = queue.next();
    const error = new Error('canceled');
    queue.fail(error);
    await expect(waiting).rejects.toBe(error);
    await queue.return(undefined);
    expect((await queue.next()).done).toBe(true);
  });

  it('ignores a failure after the end', async () => {
    const queue = createFrameQueue();
    queue.end();
    queue.fail(new Error('late'));
    expect((await queue.next()).done).toBe(true);
  });

  it('keeps the pixels pushed with a frame', async () => {
    const queue = createFrameQueue();
    const pixels = { data: new Int32Array([1, 2, 3]), width: 1, height: 1 };
    queue.push({ frameIndex: 3, tSec: 0.6, bitmap: bitmap(), pixels });
    const got = await queue.next();
    expect(got.done ? null : got.value.pixels).toBe(pixels);
  });
});
