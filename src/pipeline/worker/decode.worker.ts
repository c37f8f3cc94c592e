/// <reference lib="webworker" />
/**
 * The decode worker, started by the analysis worker: opens files and decodes their sampled frames
 * (mediabunny + WebCodecs), makes the ImageBitmap the page shows and, when asked, the frame's RGB
 * pixels. WASM inference blocks the analysis worker's thread for ~80 ms a frame; here, on the
 * machine's other core, the next frames are ready by the time it asks (issue 9). Each run decodes
 * only the frames it was granted (see decode-protocol.ts), and every frame is closed or transferred.
 */
import { createPixelReader, decodeFrames, openVideo, type DecodedFrame, type OpenedVideo } from '../../video';
import type { DecodeEvent, DecodeRequest } from './decode-protocol';
import { toWire } from './wire-error';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (event: DecodeEvent, transfer: Transferable[] = []) => scope.postMessage(event, transfer);
const readPixels = createPixelReader();

/** A decode run's grants: frames it may still send, and the wake-up of a run waiting for one. */
interface Run {
  credits: number;
  wake: (() => void) | null;
  abort: AbortController;
}
const runs = new Map<number, Run>();

function wake(run: Run): void {
  const w = run.wake;
  run.wake = null;
  w?.();
}

/** Resolves once the run may send another frame, or was stopped. */
async function granted(run: Run): Promise<void> {
  while (run.credits <= 0 && !run.abort.signal.aborted) await new Promise<void>((resolve) => (run.wake = resolve));
}

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
  const run: Run = { credits: request.ahead, wake: null, abort: new AbortController() };
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
      await granted(run);
      signal.throwIfAborted();
      const start = performance.now();
      const next = await frames.next();
      if (next.done) break;
      const { frameIndex, tSec, bitmap } = next.value;
      let pixels;
      try {
        pixels = request.pixels ? readPixels(bitmap) : undefined;
      } catch (error) {
        bitmap.close();
        throw error;
      }
      run.credits--;
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
    case 'pull': {
      const run = runs.get(request.id);
      if (!run) return;
      run.credits++;
      wake(run);
      return;
    }
    case 'stop': {
      const run = runs.get(request.id);
      if (!run) return;
      run.abort.abort();
      wake(run);
      return;
    }
  }
};
