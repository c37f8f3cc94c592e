/**
 * Pictures from a live camera for the analysis client's `analyzeStream`: each `next()` grabs the
 * newest picture of the playing <video> as soon as it is asked, as a WebCodecs `VideoFrame` (it
 * wraps the camera's frame without copying it; the analysis worker makes the bitmap, off this
 * thread: `createImageBitmap(video)` was the page's costliest call while the camera ran). The client
 * asks when the analysis worker is free (one frame in flight), so the camera is analysed as fast as
 * the device allows, at no fixed rate, and never queues: a picture is never analysed late. A
 * picture is grabbed once: when the worker is faster than the camera, `next()` waits for the next
 * one the video presents.
 */
import type { CameraPicture, PictureSource } from '../pipeline/tracked-frame';

/** Options for {@link createWebcamSource}. */
export interface WebcamSourceOptions {
  /** Ends the source (done) when aborted. */
  signal?: AbortSignal;
  /** performance.now() at which `tSec` is 0 (default: the first grab). */
  originMs?: number;
}

/**
 * Longest wait (ms) for a picture newer than the last one grabbed. A <video> that is not rendered
 * (hidden page, element outside the document) may present no frame callbacks; it is grabbed anyway.
 */
const NEW_PICTURE_WAIT_MS = 100;

/** The current picture of `video`: a VideoFrame where WebCodecs exists (and accepts the element), else a bitmap. */
async function grab(video: HTMLVideoElement, nowMs: number): Promise<CameraPicture> {
  if (typeof VideoFrame === 'function') {
    try {
      return new VideoFrame(video, { timestamp: Math.round(nowMs * 1000) });
    } catch {
      // Falls through: some browsers cannot wrap a <video> (or this one has no frame yet).
    }
  }
  return createImageBitmap(video);
}

/** A PictureSource over `video` (already playing a camera stream); `tSec` is the grab time after `originMs`. */
export function createWebcamSource(video: HTMLVideoElement, options: WebcamSourceOptions = {}): PictureSource {
  const { signal } = options;
  let stopped = false;
  let origin = options.originMs;
  let frameIndex = 0;
  /** Pictures presented so far (rVFC's presentedFrames), and that count at the last grab. */
  let presented = 0;
  let grabbedAt = -1;
  let wake: (() => void) | null = null;
  let handle = 0;
  const done = { done: true, value: undefined } as const;
  const ended = () => stopped || signal?.aborted === true;

  const onPicture: VideoFrameRequestCallback = (_now, meta) => {
    presented = meta.presentedFrames;
    wake?.();
    if (!stopped) handle = video.requestVideoFrameCallback(onPicture);
  };
  handle = video.requestVideoFrameCallback(onPicture);

  /** Resolves on the next presented picture, after `ms`, or on abort, whichever comes first. */
  const nextPicture = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(finish, ms);
      function finish() {
        clearTimeout(timer);
        wake = null;
        signal?.removeEventListener('abort', finish);
        resolve();
      }
      wake = finish;
      signal?.addEventListener('abort', finish, { once: true });
    });

  return {
    async next() {
      if (ended()) return done;
      if (presented === grabbedAt) await nextPicture(NEW_PICTURE_WAIT_MS);
      while (!ended() && video.readyState < 2) await nextPicture(NEW_PICTURE_WAIT_MS);
      if (ended()) return done;
      const now = performance.now();
      origin ??= now;
      grabbedAt = presented;
      const picture = await grab(video, now);
      return { done: false, value: { frameIndex: frameIndex++, tSec: (now - origin) / 1000, picture } };
    },
    async return() {
      stopped = true;
      video.cancelVideoFrameCallback(handle);
      wake?.();
      return done;
    },
  };
}

/** What the banner says when the camera goes away while it runs (unplugged, or taken by the system). */
export const CAMERA_DISCONNECTED = 'The camera was disconnected. Results so far are kept; press “Start camera” to try again.';

/** One sentence for a getUserMedia failure. */
export function describeCameraError(error: unknown): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Camera access was denied. Allow the camera for this page in the browser’s site settings, then press “Start camera” again.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No camera was found on this device. Connect one, or drop a video file instead.';
    case 'NotReadableError':
    case 'AbortError':
      return 'The camera could not be started; another app may be using it. Close that app and try again.';
    default:
      return `The camera could not be started (${error instanceof Error ? error.message : String(error)}).`;
  }
}
