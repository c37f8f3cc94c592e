/// <reference lib="webworker" />
/**
 * The decode worker, started by the analysis worker: opens files and decodes their sampled frames
 * (mediabunny + WebCodecs), makes the ImageBitmap the page shows and, when asked, the frame's RGB
 * pixels. WASM inference blocks the analysis worker's thread for ~80 ms a frame; here, on the
 * machine's other core, the next frames are ready by the time it asks. Each run decodes
 * only the frames it was granted (see src/shared/decode-protocol.ts), and every frame is closed or transferred.
 */
import { createGrayReader, createPixelReader, decodeFrames, fitWithin, openVideo, turnedInfo, type DecodedFrame, type OpenedVideo } from '../../video';
import { grayFromRgb, type GrayFrame } from '../../core/gray-image';
import { MOUTH_TRACE } from '../../core/speaker/speaker-constants';
import type { DecodeApi } from '../../shared/decode-protocol';
import { createFrameGrants } from './frame-grants';
import { serveRpc } from './rpc-server';

const readPixels = createPixelReader();
const readGray = createGrayReader();

/** The grey levels of `bitmap` resized to `size` (a copy; `bitmap` stays open). */
async function readGrayResized(bitmap: ImageBitmap, size: { width: number; height: number }) {
  const resized = await createImageBitmap(bitmap, { resizeWidth: size.width, resizeHeight: size.height });
  try {
    return readGray(resized);
  } finally {
    resized.close();
  }
}

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
      // A picture stored sideways without a tag: turned on the way like a tagged one.
      if (request.turn) video = { ...video, info: turnedInfo(video.info, request.turn) };
      signal.throwIfAborted();
      call.emit({ type: 'opened', info: video.info });
      frames = decodeFrames(video, { fps: request.fps, maxSide: request.maxSide, mouthFps: request.mouthFps, signal });
      // The mouth measure's grey frames since the last sampled frame: they travel with the next one.
      let mouthFrames: GrayFrame[] = [];
      for (;;) {
        await grants.wait();
        signal.throwIfAborted();
        const start = performance.now();
        let next = await frames.next();
        while (!next.done && next.value.mouthOnly) {
          const { tSec, bitmap } = next.value;
          try {
            mouthFrames.push({ tSec, ...readGray(bitmap) });
          } finally {
            bitmap.close();
          }
          next = await frames.next();
        }
        if (next.done) break;
        const { frameIndex, tSec, bitmap } = next.value;
        let pixels;
        try {
          // A frame decoded after the stop goes nowhere.
          signal.throwIfAborted();
          pixels = request.pixels ? readPixels(bitmap) : undefined;
          if (request.mouthFps !== undefined) {
            // The sampled frame's grey level from its pixels when read (the same bytes), else from its bitmap.
            // A frame larger than the mouth frames (HD) is read at their size, so the motion compares like with like.
            const small = fitWithin(bitmap.width, bitmap.height, MOUTH_TRACE.maxSide);
            const gray =
              small.width !== bitmap.width
                ? await readGrayResized(bitmap, small)
                : pixels
                  ? { data: grayFromRgb(pixels.data, pixels.width, pixels.height, 3), width: pixels.width, height: pixels.height }
                  : readGray(bitmap);
            mouthFrames.push({ tSec, ...gray });
          }
        } catch (error) {
          bitmap.close();
          throw error;
        }
        grants.spend();
        const decodeMs = performance.now() - start;
        const sent = request.mouthFps === undefined ? undefined : mouthFrames;
        mouthFrames = [];
        const transfer: Transferable[] = [bitmap, ...(pixels ? [pixels.data.buffer] : []), ...(sent ?? []).map((g) => g.data.buffer)];
        call.emit({ type: 'frame', frameIndex, tSec, bitmap, pixels, decodeMs, ...(sent && { mouthFrames: sent }) }, transfer);
      }
      return null;
    } finally {
      await frames?.return(undefined);
      video?.dispose();
    }
  },
});
