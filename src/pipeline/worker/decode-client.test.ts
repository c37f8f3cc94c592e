/**
 * The analysis worker's side of the decode worker, against a stand-in worker: frames in order with
 * one pull per frame taken, the named errors of bad files (before and after frames), Cancel, and
 * every bitmap closed that nobody will use.
 */
import { describe, expect, it } from 'vitest';
import { CanceledError, UnsupportedCodecError } from '../../errors';
import type { VideoInfo } from '../../video';
import { createDecodeClient } from './decode-client';
import type { DecodeEvent, DecodeRequest } from '../../shared/decode-protocol';
import { toWire } from './wire-error';

const INFO: VideoInfo = { durationSec: 2, frameCount: 60, fps: 30, width: 360, height: 270, codec: 'avc', codecString: 'avc1.64001e' };

/** A stand-in decode worker: records requests, and lets the test answer. */
function fakeWorker() {
  const sent: DecodeRequest[] = [];
  const worker = {
    onmessage: null as ((m: MessageEvent<DecodeEvent>) => void) | null,
    onerror: null as ((e: ErrorEvent) => void) | null,
    postMessage: (request: DecodeRequest) => sent.push(request),
    terminate: () => undefined,
  };
  const emit = (event: DecodeEvent) => worker.onmessage!({ data: event } as MessageEvent<DecodeEvent>);
  return { worker: worker as unknown as Worker, sent, emit };
}

function bitmap() {
  const b = { closed: false, close: () => (b.closed = true) };
  return b as unknown as ImageBitmap & { closed: boolean };
}

const frame = (id: number, frameIndex: number, b = bitmap()): DecodeEvent => ({
  type: 'frame',
  id,
  frameIndex,
  tSec: frameIndex / 30,
  bitmap: b,
  pixels: { data: new Int32Array(3), width: 1, height: 1 },
  decodeMs: 4,
});

describe('createDecodeClient', () => {
  it('opens, hands out frames in order, grants one more frame per frame taken, and ends', async () => {
    const { worker, sent, emit } = fakeWorker();
    const decodeMs: number[] = [];
    const opening = createDecodeClient(worker).open(new Blob(['x']), { fps: 5, maxSide: 1280, pixels: true, onDecodeMs: (ms) => decodeMs.push(ms) });
    expect(sent).toEqual([{ type: 'start', id: 1, file: expect.any(Blob), fps: 5, maxSide: 1280, pixels: true, ahead: 2 }]);
    emit({ type: 'opened', id: 1, info: INFO });
    const { info, frames } = await opening;
    expect(info).toEqual(INFO);
    emit(frame(1, 0));
    emit(frame(1, 6));
    const first = await frames.next();
    expect(first.done ? null : [first.value.frameIndex, first.value.pixels?.width]).toEqual([0, 1]);
    expect(sent.filter((r) => r.type === 'pull')).toHaveLength(1);
    const second = await frames.next();
    expect(second.done ? null : second.value.frameIndex).toBe(6);
    emit({ type: 'end', id: 1 });
    expect((await frames.next()).done).toBe(true);
    expect(sent.filter((r) => r.type === 'pull')).toHaveLength(2);
    expect(decodeMs).toEqual([4, 4]);
  });

  it('rejects open with the file\'s own error, message kept', async () => {
    const { worker, emit } = fakeWorker();
    const opening = createDecodeClient(worker).open(new Blob(['x']), { pixels: false });
    emit({ type: 'failed', id: 1, error: toWire(new UnsupportedCodecError('HEVC (H.265)')) });
    await expect(opening).rejects.toMatchObject({ name: 'UnsupportedCodecError', message: new UnsupportedCodecError('HEVC (H.265)').message });
  });

  it('gives the frames decoded before a failure, then the failure (a truncated file)', async () => {
    const { worker, emit } = fakeWorker();
    const opening = createDecodeClient(worker).open(new Blob(['x']), { pixels: true });
    emit({ type: 'opened', id: 1, info: INFO });
    const { frames } = await opening;
    emit(frame(1, 0));
    emit({ type: 'failed', id: 1, error: { name: 'TruncatedVideoError', message: 'This video file is truncated: only 30 of its 60 frames could be read.', emolens: true } });
    expect((await frames.next()).done).toBe(false);
    await expect(frames.next()).rejects.toMatchObject({ name: 'TruncatedVideoError', message: expect.stringMatching(/only 30 of its 60/) });
  });

  it('on Cancel: the waiting next() rejects with CanceledError, the worker is told to stop, late frames are closed', async () => {
    const { worker, sent, emit } = fakeWorker();
    const abort = new AbortController();
    const opening = createDecodeClient(worker).open(new Blob(['x']), { pixels: true, signal: abort.signal });
    emit({ type: 'opened', id: 1, info: INFO });
    const { frames } = await opening;
    const waiting = frames.next();
    abort.abort();
    await expect(waiting).rejects.toBeInstanceOf(CanceledError);
    expect(sent.at(-1)).toEqual({ type: 'stop', id: 1 });
    const late = bitmap();
    emit(frame(1, 12, late));
    expect(late.closed).toBe(true);
    await frames.return(undefined);
  });

  it('an abort before the file opened rejects open with CanceledError', async () => {
    const { worker } = fakeWorker();
    const abort = new AbortController();
    abort.abort();
    await expect(createDecodeClient(worker).open(new Blob(['x']), { pixels: true, signal: abort.signal })).rejects.toBeInstanceOf(CanceledError);
  });

  it('when the consumer stops early, queued frames are closed and the worker is told to stop', async () => {
    const { worker, sent, emit } = fakeWorker();
    const opening = createDecodeClient(worker).open(new Blob(['x']), { pixels: true });
    emit({ type: 'opened', id: 1, info: INFO });
    const { frames } = await opening;
    const queued = bitmap();
    emit(frame(1, 0, queued));
    await frames.return(undefined);
    expect(queued.closed).toBe(true);
    expect(sent.at(-1)).toEqual({ type: 'stop', id: 1 });
  });

  it('probes a file: its info, or its named error', async () => {
    const { worker, emit } = fakeWorker();
    const client = createDecodeClient(worker);
    const good = client.probe(new Blob(['x']));
    emit({ type: 'opened', id: 1, info: INFO });
    expect(await good).toEqual(INFO);
    const bad = client.probe(new Blob(['y']));
    emit({ type: 'failed', id: 2, error: { name: 'NotAVideoError', message: 'This file is not a video emolens can read.', emolens: true } });
    await expect(bad).rejects.toMatchObject({ name: 'NotAVideoError' });
  });
});
