/**
 * The analysis worker's side of the decode worker, against a stand-in worker: frames in order with
 * one pull per frame taken, the named errors of bad files (before and after frames), Cancel, and
 * every bitmap closed that nobody will use.
 */
import { describe, expect, it } from 'vitest';
import { CanceledError, NotAVideoError, TruncatedVideoError, UnsupportedCodecError } from '../../errors';
import type { VideoInfo } from '../../video';
import { createDecodeClient } from './decode-client';
import type { DecodeEvent } from '../../shared/decode-protocol';
import type { RpcRequest, RpcResponse } from '../../shared/rpc-wire';
import type { WireError } from '../../shared/wire-error';
import { toWire } from './wire-error';

const INFO: VideoInfo = { durationSec: 2, frameCount: 60, fps: 30, width: 360, height: 270, codec: 'avc', codecString: 'avc1.64001e' };

/** A stand-in decode worker: records requests, and lets the test answer over the worker convention. */
function fakeWorker() {
  const sent: RpcRequest[] = [];
  const worker = {
    onmessage: null as ((m: MessageEvent<RpcResponse>) => void) | null,
    onerror: null,
    postMessage: (request: RpcRequest) => sent.push(request),
    terminate: () => undefined,
  };
  const deliver = (response: RpcResponse) => worker.onmessage!({ data: response } as MessageEvent<RpcResponse>);
  return {
    worker,
    sent,
    /** A run's event. */
    emit: (id: number, event: DecodeEvent) => deliver({ kind: 'event', id, event }),
    /** A call's reply: its value, or its error. */
    reply: (id: number, value: unknown) => deliver({ kind: 'reply', id, ok: true, value }),
    fail: (id: number, error: WireError) => deliver({ kind: 'reply', id, ok: false, error }),
    notices: () => sent.filter((r) => r.kind === 'notice'),
  };
}

function bitmap() {
  const b = { closed: false, close: () => (b.closed = true) };
  return b as unknown as ImageBitmap & { closed: boolean };
}

const frame = (frameIndex: number, b = bitmap()): DecodeEvent => ({
  type: 'frame',
  frameIndex,
  tSec: frameIndex / 30,
  bitmap: b,
  pixels: { data: new Int32Array(3), width: 1, height: 1 },
  decodeMs: 4,
});

describe('createDecodeClient', () => {
  it('opens, hands out frames in order, grants one more frame per frame taken, and ends', async () => {
    const { worker, sent, emit, reply, notices } = fakeWorker();
    const decodeMs: number[] = [];
    const opening = createDecodeClient(worker).open(new Blob(['x']), { fps: 5, maxSide: 1280, pixels: true, onDecodeMs: (ms) => decodeMs.push(ms) });
    expect(sent).toEqual([{ kind: 'call', id: 1, method: 'decode', args: { file: expect.any(Blob), fps: 5, maxSide: 1280, pixels: true, ahead: 2 } }]);
    emit(1, { type: 'opened', info: INFO });
    const { info, frames } = await opening;
    expect(info).toEqual(INFO);
    emit(1, frame(0));
    emit(1, frame(6));
    const first = await frames.next();
    expect(first.done ? null : [first.value.frameIndex, first.value.pixels?.width]).toEqual([0, 1]);
    expect(notices()).toEqual([{ kind: 'notice', id: 1, notice: { type: 'pull' } }]);
    const second = await frames.next();
    expect(second.done ? null : second.value.frameIndex).toBe(6);
    reply(1, null);
    expect((await frames.next()).done).toBe(true);
    expect(notices()).toHaveLength(2);
    expect(decodeMs).toEqual([4, 4]);
  });

  it('rejects open with the file\'s own error, message kept', async () => {
    const { worker, fail } = fakeWorker();
    const opening = createDecodeClient(worker).open(new Blob(['x']), { pixels: false });
    fail(1, toWire(new UnsupportedCodecError('HEVC (H.265)')));
    await expect(opening).rejects.toBeInstanceOf(UnsupportedCodecError);
    await expect(opening).rejects.toMatchObject({ codec: 'HEVC (H.265)', message: new UnsupportedCodecError('HEVC (H.265)').message });
  });

  it('gives the frames decoded before a failure, then the failure (a truncated file)', async () => {
    const { worker, emit, fail } = fakeWorker();
    const opening = createDecodeClient(worker).open(new Blob(['x']), { pixels: true });
    emit(1, { type: 'opened', info: INFO });
    const { frames } = await opening;
    emit(1, frame(0));
    fail(1, { name: 'TruncatedVideoError', message: 'This video file is truncated: only 30 of its 60 frames could be read.', emolens: true });
    expect((await frames.next()).done).toBe(false);
    const error = await frames.next().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TruncatedVideoError);
    expect(error).toMatchObject({ message: expect.stringMatching(/only 30 of its 60/) });
  });

  it('on Cancel: the waiting next() rejects with CanceledError, the worker is told to stop, late frames are closed', async () => {
    const { worker, sent, emit } = fakeWorker();
    const abort = new AbortController();
    const opening = createDecodeClient(worker).open(new Blob(['x']), { pixels: true, signal: abort.signal });
    emit(1, { type: 'opened', info: INFO });
    const { frames } = await opening;
    const waiting = frames.next();
    abort.abort();
    await expect(waiting).rejects.toBeInstanceOf(CanceledError);
    expect(sent.at(-1)).toEqual({ kind: 'cancel', id: 1 });
    const late = bitmap();
    emit(1, frame(12, late));
    expect(late.closed).toBe(true);
    await frames.return(undefined);
  });

  it('an abort before the file opened rejects open with CanceledError', async () => {
    const { worker, sent } = fakeWorker();
    const abort = new AbortController();
    abort.abort();
    await expect(createDecodeClient(worker).open(new Blob(['x']), { pixels: true, signal: abort.signal })).rejects.toBeInstanceOf(CanceledError);
    expect(sent).toEqual([]);
  });

  it('when the consumer stops early, queued frames are closed and the worker is told to stop', async () => {
    const { worker, sent, emit } = fakeWorker();
    const opening = createDecodeClient(worker).open(new Blob(['x']), { pixels: true });
    emit(1, { type: 'opened', info: INFO });
    const { frames } = await opening;
    const queued = bitmap();
    emit(1, frame(0, queued));
    await frames.return(undefined);
    expect(queued.closed).toBe(true);
    expect(sent.at(-1)).toEqual({ kind: 'cancel', id: 1 });
  });

  it('probes a file: its info, or its named error', async () => {
    const { worker, reply, fail } = fakeWorker();
    const client = createDecodeClient(worker);
    const good = client.probe(new Blob(['x']));
    reply(1, INFO);
    expect(await good).toEqual(INFO);
    const bad = client.probe(new Blob(['y']));
    fail(2, { name: 'NotAVideoError', message: 'This file is not a video emolens can read.', emolens: true });
    await expect(bad).rejects.toBeInstanceOf(NotAVideoError);
  });
});
