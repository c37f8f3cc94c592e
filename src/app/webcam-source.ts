/**
 * Frames from a live camera for the analysis client's `analyzeStream`: grabs the playing <video> with createImageBitmap at
 * a fixed rate. It never queues: when analysis is slower than the rate, the next grab is simply the
 * newest picture, so the camera never falls behind.
 */
import type { FrameSource } from '../pipeline/tracked-frame';

/** Options for {@link createWebcamSource}. */
export interface WebcamSourceOptions {
  /** Grabs per second (default 5). */
  fps?: number;
  /** Ends the source (done) when aborted. */
  signal?: AbortSignal;
}

/** Default grab rate for the webcam. */
export const WEBCAM_FPS = 5;

/** A FrameSource over `video` (already playing a camera stream); `tSec` counts from the first grab. */
export function createWebcamSource(video: HTMLVideoElement, options: WebcamSourceOptions = {}): FrameSource {
  const intervalMs = 1000 / (options.fps ?? WEBCAM_FPS);
  let stopped = false;
  let start: number | null = null;
  let nextDue = 0;
  let frameIndex = 0;
  const done = { done: true, value: undefined } as const;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(finish, Math.max(0, ms));
      function finish() {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', finish);
        resolve();
      }
      options.signal?.addEventListener('abort', finish, { once: true });
    });

  return {
    async next() {
      if (stopped || options.signal?.aborted) return done;
      await wait(nextDue - performance.now());
      if (stopped || options.signal?.aborted || video.readyState < 2) {
        if (!stopped && !options.signal?.aborted) return this.next();
        return done;
      }
      const now = performance.now();
      start ??= now;
      nextDue = now + intervalMs;
      const bitmap = await createImageBitmap(video);
      return { done: false, value: { frameIndex: frameIndex++, tSec: (now - start) / 1000, bitmap, close: () => bitmap.close() } };
    },
    async return() {
      stopped = true;
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
