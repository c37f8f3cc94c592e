import type { StateCreator } from 'zustand/vanilla';
import type { VideoInfo } from '../shared/video-info';
import type { AppState } from './app-store';

/** Where the current input is in its life; `canceled`: the user stopped it (what it found so far stays). */
export type VideoPhase = 'idle' | 'opening' | 'decoding' | 'done' | 'failed' | 'canceled';

/** What is being analysed: one file, the clips of a labelled folder one after another, or the camera. */
export type VideoSource = 'file' | 'folder' | 'webcam';

/** The current video input and decoding progress (plain data only: no frames or bitmaps). */
export interface VideoSlice {
  video: {
    phase: VideoPhase;
    /** How many inputs were opened since the page loaded: tells a new run of a same-named file from the last one's result. */
    run: number;
    source: VideoSource;
    fileName?: string;
    info?: VideoInfo;
    /** Requested sampling rate; undefined means every frame. */
    sampleFps?: number;
    framesDecoded: number;
    lastTSec: number;
    /** Decoded frames per wall-clock second. */
    decodeFps: number;
    /** tf tensors alive after the run minus before it (0 = no leak); set when done. */
    tensorDelta?: number;
  };
  setSampleFps(fps: number | undefined): void;
  videoOpening(fileName: string, source?: VideoSource): void;
  /** Back to the first screen (e.g. the camera could not start). */
  videoIdle(): void;
  videoOpened(info: VideoInfo): void;
  videoProgress(framesDecoded: number, lastTSec: number, decodeFps: number): void;
  videoDone(tensorDelta?: number): void;
  videoFailed(): void;
}

/** Creates the video slice. */
export const createVideoSlice: StateCreator<AppState, [], [], VideoSlice> = (set) => ({
  video: { phase: 'idle', run: 0, source: 'file', framesDecoded: 0, lastTSec: 0, decodeFps: 0, sampleFps: 5 },
  setSampleFps: (sampleFps) => set((s) => ({ video: { ...s.video, sampleFps } })),
  videoOpening: (fileName, source = 'file') =>
    set((s) => ({
      video: { phase: 'opening', run: s.video.run + 1, source, fileName, framesDecoded: 0, lastTSec: 0, decodeFps: 0, sampleFps: s.video.sampleFps },
    })),
  videoIdle: () => set((s) => ({ video: { phase: 'idle', run: s.video.run, source: 'file', framesDecoded: 0, lastTSec: 0, decodeFps: 0, sampleFps: s.video.sampleFps } })),
  videoOpened: (info) => set((s) => ({ video: { ...s.video, phase: 'decoding', info } })),
  // A canceled run stays canceled: late callbacks of its last in-flight frame change nothing.
  videoProgress: (framesDecoded, lastTSec, decodeFps) =>
    set((s) => (s.video.phase === 'canceled' ? s : { video: { ...s.video, framesDecoded, lastTSec, decodeFps } })),
  videoDone: (tensorDelta) => set((s) => (s.video.phase === 'canceled' ? s : { video: { ...s.video, phase: 'done', tensorDelta } })),
  videoFailed: () => set((s) => (s.video.phase === 'canceled' ? s : { video: { ...s.video, phase: 'failed' } })),
});
