/**
 * What plays while frames are analysed, kept outside the store: the <video> element (a file from
 * an object URL, or a camera stream), the time-indexed analysed frames and the face thumbnails.
 * The UI draws the video and the overlay from here; the store only holds plain results.
 */
import type { CameraStats } from './camera-stats';
import { createOverlayBuffer, type OverlayBuffer } from './overlay-buffer';
import { createThumbnailStore, type ThumbnailStore } from './thumbnails';

/** Nothing, a file played at its own pace, or a live camera (the overlay shows the newest analysis). */
export type PlaybackMode = 'none' | 'file' | 'live';

/** The playing media and everything drawn over it. */
export interface Playback {
  readonly video: HTMLVideoElement;
  readonly buffer: OverlayBuffer;
  readonly thumbnails: ThumbnailStore;
  readonly mode: PlaybackMode;
  /** Size of the analysed frames (the boxes' coordinate space). */
  frameSize: { width: number; height: number } | null;
  /** True once analysis has finished: the overlay no longer waits for it. */
  analysisDone: boolean;
  /** The camera session's clock and measured speed while a camera runs (mode 'live'), else null. */
  camera: CameraStats | null;
  /**
   * Set by the stage when the <video> cannot show a file's picture (an MPEG-TS or Motion-JPEG file
   * the analysis decodes but the element does not play): each analysed frame is then kept in
   * `still` for the stage to show instead.
   */
  keepsStills: boolean;
  /** The newest analysed frame's picture while `keepsStills`, else null. */
  readonly still: OffscreenCanvas | null;
  /** Copies `picture` into `still` when `keepsStills` (a file's analysed frame; the caller keeps `picture`). */
  keepStill(picture: ImageBitmap): void;
  /** Loads `file` from an object URL (the analysis decodes it separately); shows its first frame. */
  loadFile(file: Blob): void;
  /** Starts playing (muted); a broken file fails silently here because the analysis reports why. */
  play(): void;
  /** Shows a camera stream; resolves once its first frame is there. */
  showStream(stream: MediaStream): Promise<void>;
  /**
   * Forgets the analysed frames and thumbnails before a new analysis (each clip of a folder):
   * track IDs start again at 1, so the last clip's crops would show under the new clip's tracks.
   */
  clearAnalysis(): void;
  /** Stops playing, releases the URL and every camera track, and forgets analysed frames. */
  stop(): void;
}

/**
 * Creates the playback state (one per page) around `video` (a new element by default) and
 * `thumbnails`; tests pass stand-ins for both.
 */
export function createPlayback(video: HTMLVideoElement = document.createElement('video'), thumbnails: ThumbnailStore = createThumbnailStore()): Playback {
  video.muted = true;
  video.playsInline = true;
  video.preload = 'auto';
  const buffer = createOverlayBuffer();
  let url: string | null = null;
  let mode: PlaybackMode = 'none';
  let still: OffscreenCanvas | null = null;

  const release = () => {
    video.pause();
    const stream = video.srcObject;
    // A camera stream (duck-typed, so Node tests without MediaStream run this too).
    if (stream && 'getTracks' in stream) for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
    video.removeAttribute('src');
    video.load();
    if (url) URL.revokeObjectURL(url);
    url = null;
  };

  const playback: Playback = {
    video,
    buffer,
    thumbnails,
    get mode() {
      return mode;
    },
    frameSize: null,
    analysisDone: false,
    camera: null,
    keepsStills: false,
    get still() {
      return still;
    },
    keepStill(picture) {
      if (!playback.keepsStills || mode !== 'file') return;
      if (!still || still.width !== picture.width || still.height !== picture.height) still = new OffscreenCanvas(picture.width, picture.height);
      still.getContext('2d')?.drawImage(picture, 0, 0);
    },
    loadFile(file) {
      playback.stop();
      url = URL.createObjectURL(file);
      mode = 'file';
      video.src = url;
    },
    play() {
      if (mode !== 'none') video.play().catch(() => undefined);
    },
    async showStream(stream) {
      playback.stop();
      mode = 'live';
      video.srcObject = stream;
      await video.play();
    },
    clearAnalysis() {
      buffer.clear();
      thumbnails.clear();
      playback.analysisDone = false;
      still = null;
    },
    stop() {
      release();
      mode = 'none';
      playback.clearAnalysis();
      playback.frameSize = null;
      playback.camera = null;
    },
  };
  return playback;
}
