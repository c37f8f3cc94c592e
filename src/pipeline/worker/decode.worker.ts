/// <reference lib="webworker" />
/**
 * The decode worker, started by the analysis worker: opens files and decodes their sampled frames
 * (mediabunny + WebCodecs), makes the ImageBitmap the page shows and, when asked, the frame's RGB
 * pixels. WASM inference blocks the analysis worker's thread for ~80 ms a frame; here, on the
 * machine's other core, the next frames are ready by the time it asks. Each run decodes
 * only the frames it was granted (see src/shared/decode-protocol.ts), and every frame is closed or transferred.
 */
import { createPixelReader, decodeFrames, openVideo, type DecodedFrame, type OpenedVideo } from '../../video';
import type { DecodeApi } from '../../shared/decode-protocol';
import { createFrameGrants } from './frame-grants';
import { serveRpc } from './rpc-server';

const readPixels = createPixelReader();

serveRpc<DecodeApi>(self as unknown as DedicatedWorkerGlobalScope, {
  async probe({ file }) {
    const video = await openVideo(file);
    video.dispose();
    return video.info;
  },

  async decode(request, call) {
    const grants = createFrameGrants(request.ahead);
    const { signal } = call;
    call.onNotice(() => grants.grant());
    signal.addEventListener('abort', () => grants.stop(), { once: true });
    let video: OpenedVideo | undefined;
    let frames: AsyncGenerator<DecodedFrame> | undefined;
    try {
      video = await openVideo(request.file);
      signal.throwIfAborted();
      call.emit({ type: 'opened', info: video.info });
      frames = decodeFrames(video, { fps: request.fps, maxSide: request.maxSide, signal });
      for (;;) {
        await grants.wait();
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
        grants.spend();
        const decodeMs = performance.now() - start;
        call.emit({ type: 'frame', frameIndex, tSec, bitmap, pixels, decodeMs }, pixels ? [bitmap, pixels.data.buffer] : [bitmap]);
      }
      return null;
    } finally {
      await frames?.return(undefined);
      video?.dispose();
    }
  },
});
