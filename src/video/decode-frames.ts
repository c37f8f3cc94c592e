/**
 * Decodes an opened video with WebCodecs `VideoDecoder` and yields the sampled frames as
 * display-size, upright ImageBitmaps. Every `VideoFrame` is closed as soon as it is converted or skipped;
 * when the consumer stops early the decoder, queued frames and the input are released.
 */
import { CanceledError, TruncatedVideoError } from '../errors';
import { createFrameSelector } from './frame-selector';
import { MOUTH_TRACE } from '../core/speaker/speaker-constants';
import { fitWithin } from './frame-size';
import type { OpenedVideo } from './open-video';
import { isUpright, uprightBitmap } from './orientation';

/** One sampled frame. The consumer owns `bitmap` and must `close()` it (or use `using`). */
export interface DecodedFrame extends Disposable {
  /** Index among all frames of the video (presentation order), not among sampled ones. */
  frameIndex: number;
  /** Presentation time in seconds from the start of the track. */
  tSec: number;
  bitmap: ImageBitmap;
  /** With `mouthFps`: a frame on the mouth grid only, not sampled (it gives the speaker's mouth measure, not an analysis). */
  mouthOnly?: boolean;
  /** Bitmap size: the display size, or smaller under `maxSide`. */
  width: number;
  height: number;
  close(): void;
}

/** Options for `decodeFrames`. */
export interface DecodeOptions {
  /** Frames per second to keep; undefined keeps every frame. */
  fps?: number;
  /** Stops decoding with CanceledError when aborted. */
  signal?: AbortSignal;
  /** Most packets waiting inside the decoder before feeding pauses (backpressure). */
  maxDecodeQueue?: number;
  /** Longest side of the yielded bitmaps; larger videos (e.g. 4K) are downscaled, never upscaled. */
  maxSide?: number;
  /** Also yield the frames on this grid between the sampled ones, marked `mouthOnly` (src/pipeline/mouth-trace.ts). */
  mouthFps?: number;
}


const DEFAULT_MAX_DECODE_QUEUE = 8;
/** Fewer decoded frames than this fraction of the indexed count means the data ends early. */
const TRUNCATION_TOLERANCE = 0.98;

/** Yields the sampled frames of `video` in presentation order. */
export async function* decodeFrames(video: OpenedVideo, options: DecodeOptions = {}): AsyncGenerator<DecodedFrame> {
  const { width, height } = fitWithin(video.info.width, video.info.height, options.maxSide);
  const { orientation } = video.info;
  // Resize to the display size (the coded size can be padded to the codec's block size), or below
  // it; a phone video stored sideways is turned upright on the way (orientation.ts).
  const toBitmap = (frame: VideoFrame, size = { width, height }) =>
    isUpright(orientation) ? createImageBitmap(frame, { resizeWidth: size.width, resizeHeight: size.height }) : uprightBitmap(frame, orientation!, size);
  // Frames only for the mouth measure are made no larger than it reads (MOUTH_TRACE.maxSide).
  const mouthSize = fitWithin(width, height, MOUTH_TRACE.maxSide);
  const selector = createFrameSelector(options.fps);
  const mouthGrid = options.mouthFps === undefined ? null : createFrameSelector(options.mouthFps, MOUTH_TRACE.gridToleranceSec);
  const maxQueue = options.maxDecodeQueue ?? DEFAULT_MAX_DECODE_QUEUE;
  const ready: VideoFrame[] = [];
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  const init: VideoDecoderInit = {
    output: (frame) => {
      ready.push(frame);
      notify();
    },
    error: (error) => {
      failure = error;
      notify();
    },
  };
  const decoder = video.createDecoder(init);
  decoder.addEventListener('dequeue', notify);

  const packets = video.chunks();
  let inputDone = false;
  // Delta frames before the first key frame (a stream captured or cut mid-GOP): nothing can decode
  // them, and WebCodecs refuses a first chunk that is not a key frame. Players skip them too.
  let keySeen = false;
  let skippedBeforeKey = 0;
  let decodedCount = 0;
  let frameIndex = 0;

  /** Feeds packets until a frame is ready or the input ends. */
  const fill = async () => {
    while (ready.length === 0 && !inputDone && failure === null) {
      options.signal?.throwIfAborted();
      if (decoder.decodeQueueSize >= maxQueue) {
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      let next: IteratorResult<EncodedVideoChunk>;
      try {
        next = await packets.next();
      } catch (error) {
        throw new TruncatedVideoError(undefined, { cause: error });
      }
      if (next.done) {
        inputDone = true;
        await decoder.flush().catch((error: unknown) => (failure ??= error));
        break;
      }
      if (!keySeen && next.value.type !== 'key') {
        skippedBeforeKey++;
        continue;
      }
      keySeen = true;
      decoder.decode(next.value);
    }
  };

  try {
    for (;;) {
      await fill();
      if (failure !== null) throw new TruncatedVideoError('This video is damaged: the decoder could not read it.', { cause: failure });
      const frame = ready.shift();
      if (!frame) {
        // The index (moov) promised more frames than the data held: the file was cut short.
        const decodable = video.info.frameCount - skippedBeforeKey;
        if (decodedCount < decodable * TRUNCATION_TOLERANCE) {
          throw new TruncatedVideoError(
            `This video file is truncated: only ${decodedCount} of its ${decodable} frames could be read.`,
          );
        }
        break;
      }
      decodedCount++;
      // A frame before 0 is decoding pre-roll that the file's edit list hides (a video cut without
      // re-encoding starts at the keyframe before the cut): players never show it, and its sound
      // was cut away, so analysing it would shift the picture against the voice.
      if (frame.timestamp < 0) {
        frame.close();
        continue;
      }
      const index = frameIndex++;
      // Counted from the file's start, as players show it (an MPEG-TS stream starts at 1.4 s).
      const tSec = frame.timestamp / 1e6 - (video.info.startSec ?? 0);
      const sampled = selector.keep(tSec);
      // Asked on every frame, so the mouth grid stays regular whatever the sampling keeps.
      const onMouthGrid = mouthGrid?.keep(tSec) ?? false;
      if (!sampled && !onMouthGrid) {
        frame.close();
        continue;
      }
      let bitmap: ImageBitmap;
      try {
        bitmap = await toBitmap(frame, sampled ? undefined : mouthSize);
      } finally {
        frame.close();
      }
      const close = () => bitmap.close();
      yield { frameIndex: index, tSec, bitmap, width: bitmap.width, height: bitmap.height, close, [Symbol.dispose]: close, ...(!sampled && { mouthOnly: true }) };
    }
  } catch (error) {
    if (options.signal?.aborted) throw new CanceledError();
    throw error;
  } finally {
    for (const frame of ready.splice(0)) frame.close();
    if (decoder.state !== 'closed') decoder.close();
    await packets.return(undefined);
  }
}
