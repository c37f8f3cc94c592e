/**
 * Motion JPEG (the MOV, MKV, MP4 and AVI files of older digital cameras and some dash and action cameras):
 * every packet is a whole JPEG picture, which no browser's VideoDecoder takes but WebCodecs'
 * ImageDecoder does. Browser and worker only.
 */
import type { FrameDecoder } from './frame-decoder';

/** The codec name the app uses for Motion JPEG (mediabunny has none: it reports the track's codec as unknown). */
export const MOTION_JPEG = 'mjpeg';

/** Sample-entry / codec ids of Motion JPEG: QuickTime 'jpeg' and 'mjpa', Matroska 'V_MJPEG'. */
const MOTION_JPEG_IDS = new Set(['jpeg', 'mjpa', 'V_MJPEG']);

/** True when a track's container codec id (mediabunny's `internalCodecId`) names Motion JPEG. */
export function isMotionJpegId(id: unknown): boolean {
  return typeof id === 'string' && MOTION_JPEG_IDS.has(id);
}

/** True when `bytes` start as a JPEG picture does (SOI, then a marker). */
export function isJpeg(bytes: Uint8Array): boolean {
  return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/** True when this browser can decode JPEG pictures off the main thread (WebCodecs' ImageDecoder). */
export async function canDecodeMotionJpeg(): Promise<boolean> {
  return typeof ImageDecoder !== 'undefined' && (await ImageDecoder.isTypeSupported('image/jpeg').catch(() => false));
}


/**
 * A VideoDecoder look-alike for Motion JPEG: decodes each chunk's JPEG in order and outputs a
 * VideoFrame carrying the chunk's timestamp (ImageDecoder's own frames all start at 0).
 */
export function createJpegFrameDecoder(init: VideoDecoderInit): FrameDecoder {
  const events = new EventTarget();
  let queue = Promise.resolve();
  let pending = 0;
  let state: CodecState = 'configured';

  const decodeOne = async (chunk: EncodedVideoChunk) => {
    const data = new Uint8Array(chunk.byteLength);
    chunk.copyTo(data);
    const decoder = new ImageDecoder({ data, type: 'image/jpeg' });
    try {
      const { image } = await decoder.decode();
      try {
        if (state !== 'closed') init.output(new VideoFrame(image, { timestamp: chunk.timestamp, ...(chunk.duration !== null && { duration: chunk.duration }) }));
      } finally {
        image.close();
      }
    } finally {
      decoder.close();
    }
  };

  return {
    get decodeQueueSize() {
      return pending;
    },
    get state() {
      return state;
    },
    decode(chunk) {
      pending++;
      queue = queue
        .then(() => (state === 'closed' ? undefined : decodeOne(chunk)))
        .catch((error: unknown) => {
          if (state === 'closed') return;
          state = 'closed';
          init.error(error instanceof DOMException ? error : new DOMException(String(error), 'EncodingError'));
        })
        .finally(() => {
          pending--;
          events.dispatchEvent(new Event('dequeue'));
        });
    },
    flush: () => queue,
    close() {
      state = 'closed';
    },
    addEventListener: events.addEventListener.bind(events) as VideoDecoder['addEventListener'],
  };
}
