/// <reference lib="webworker" />
/**
 * The decode worker, started by the analysis worker: opens files and decodes their sampled frames
 * (mediabunny + WebCodecs), makes the ImageBitmap the page shows and, when asked, the frame's RGB
 * pixels. WASM inference blocks the analysis worker's thread for ~80 ms a frame; here, on the
 * machine's other core, the next frames are ready by the time it asks. Each run decodes
 * only the frames it was granted (see src/shared/decode-protocol.ts), and every frame is closed or transferred.
 */
import { createPixelReader, decodeFrames, openVideo, type DecodedFrame, type OpenedVideo } from '../../video';
import type { DecodeEvent, DecodeRequest } from '../../shared/decode-protocol';
import { createFrameGrants, type FrameGrants } from './frame-grants';
import { toWire } from './wire-error';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (event: DecodeEvent, transfer: Transferable[] = []) => scope.postMessage(event, transfer);
const readPixels = createPixelReader();

/** A decode run in progress: the frames it may still send, and its stop. */
interface Run {
  grants: FrameGrants;
  abort: AbortController;
}
const runs = new Map<number, Run>();

async function probe(id: number, file: Blob): Promise<void> {
  try {
    const video = await openVideo(file);
    video.dispose();
    post({ type: 'opened', id, info: video.info });
  } catch (error) {
    post({ type: 'failed', id, error: toWire(error) });
  }
}

async function decode(request: Extract<DecodeRequest, { type: 'start' }>): Promise<void> {
  const { id } = request;
  const run: Run = { grants: createFrameGrants(request.ahead), abort: new AbortController() };
  runs.set(id, run);
  const { signal } = run.abort;
  let video: OpenedVideo | undefined;
  let frames: AsyncGenerator<DecodedFrame> | undefined;
  try {
    video = await openVideo(request.file);
    signal.throwIfAborted();
    post({ type: 'opened', id, info: video.info });
    frames = decodeFrames(video, { fps: request.fps, maxSide: request.maxSide, signal });
    for (;;) {
      await run.grants.wait();
      signal.throwIfAborted();
      const start = performance.now();
      const next = await frames.next();
      if (next.done) break;
      const { frameIndex, tSec, bitmap } = next.value;
      let pixels;
      try {
        // A frame decoded after the stop goes nowhere.
        signal.throwIfAborted();
        pixels = request.pixels ? readPixels(bitmap) : undefined;
      } catch (error) {
        bitmap.close();
        throw error;
      }
      run.grants.spend();
      const decodeMs = performance.now() - start;
      post({ type: 'frame', id, frameIndex, tSec, bitmap, pixels, decodeMs }, pixels ? [bitmap, pixels.data.buffer] : [bitmap]);
    }
    post({ type: 'end', id });
  } catch (error) {
    // A stopped run's reader has gone; anything else is the file's fault, said in its own words.
    if (!signal.aborted) post({ type: 'failed', id, error: toWire(error) });
  } finally {
    runs.delete(id);
    await frames?.return(undefined);
    video?.dispose();
  }
}

scope.onmessage = (event: MessageEvent<DecodeRequest>) => {
  const request = event.data;
  switch (request.type) {
    case 'probe':
      void probe(request.id, request.file);
      return;
    case 'start':
      void decode(request);
      return;
    case 'pull':
      runs.get(request.id)?.grants.grant();
      return;
    case 'stop': {
      const run = runs.get(request.id);
      run?.abort.abort();
      run?.grants.stop();
      return;
    }
  }
};
