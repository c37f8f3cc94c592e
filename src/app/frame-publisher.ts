/**
 * Turns each analysed frame into what the UI shows: the overlay entry and thumbnails (outside the
 * store) and, at most a few times a second, the progress, the running vote, the shown track's
 * timeline and pyramid and each track's emotion (plain data in the store). Everything the store
 * receives lands in one batch, so the page re-renders and re-lays out a few times a second rather
 * than once per analysed frame: each of those frames is main-thread time taken from playback.
 */
import { averageBaselineProbs, averageProbs, voteOnClip, type ClipAnalysis } from '../pipeline/clip-analysis';
import { toPrediction, type ClipPrediction } from '../shared/analysis-report';
import { isVideoFrame, pictureWidth, type FrameUpdate } from '../pipeline/tracked-frame';
import type { AppStore } from '../store/app-store';
import type { Playback } from './playback';
import type { TrackView } from '../shared/track-view';
import { pyramidCells, rollingProbs, trackTimeline } from './track-views';
import type { PyramidCell } from '../shared/track-view';
import { yieldToMain } from './yield-to-main';

/** Seconds of the rolling per-track emotion for the webcam. */
export const ROLLING_WINDOW_SEC = 3;
/** Least time between two store updates (progress and derived views) while frames stream in. */
const VIEW_INTERVAL_MS = 250;
/**
 * The camera's: it is analysed as fast as the worker allows (15–30 pictures a second on a free
 * CPU), and each store update re-renders the panels on the main thread that also grabs the
 * pictures and draws the boxes; a rolling 3-s emotion changes little in half a second.
 */
const LIVE_VIEW_INTERVAL_MS = 500;
/**
 * Least time between two new temporal pyramids of the same track while frames stream in: a
 * summary of the whole track changes slowly, and its ~200 bars cost the most to restyle and repaint.
 */
const PYRAMID_INTERVAL_MS = 1000;

/** Publishes frames of one run. */
export interface FramePublisher {
  /** Takes one analysed frame; `fps` is the run's analysed frames per second so far. */
  onFrame(update: FrameUpdate, fps: number): void;
  /** Brings the store up to date now (final results, a cancel, another track or vote). */
  refresh(): void;
  readonly clip: ClipAnalysis | null;
  /** The winner of the last published vote (null before one, or with no face). */
  readonly mainTrackId: number | null;
}

/**
 * Creates a publisher for one run; `live` makes per-track emotions rolling (the camera). Store
 * updates due while frames stream in run in a task of their own, after the frame's message is
 * handled, and not at all once `signal` aborts (a newer run owns the store by then).
 */
export function createFramePublisher(store: AppStore, playback: Playback, live: boolean, signal?: AbortSignal): FramePublisher {
  const s = store.getState;
  let clip: ClipAnalysis | null = null;
  let lastViews = 0;
  let thumbsVersion = 0;
  let latestT = 0;
  let progress: { analysed: number; tSec: number; fps: number } | null = null;
  let pyramid: { trackId: number; rows: PyramidCell[][]; at: number } | null = null;
  let scheduled = false;
  const lastGeneral = new Map<number, Float32Array>();

  /** Writes progress, vote, views and emotions; `fresh` recomputes the pyramid whatever its age. */
  const publish = (fresh: boolean) => {
    if (!clip) return;
    const now = performance.now();
    lastViews = now;
    if (progress) s().videoProgress(progress.analysed, progress.tSec, progress.fps);
    progress = null;
    const { votingConfig, selectedTrackId } = s().analysis;
    const vote = voteOnClip(clip, votingConfig);
    s().setVote(vote, clip.shotStarts);
    const shown = selectedTrackId !== null && clip.tracks.has(selectedTrackId) ? selectedTrackId : vote.winnerId;
    const records = shown === null ? undefined : clip.tracks.get(shown);
    let view: TrackView | null = null;
    if (shown !== null && records) {
      // The same rows (same object) when kept: the pyramid view then skips rendering altogether.
      if (fresh || pyramid?.trackId !== shown || now - pyramid.at >= PYRAMID_INTERVAL_MS) pyramid = { trackId: shown, rows: pyramidCells(records), at: now };
      view = { trackId: shown, frames: records.length, timeline: trackTimeline(records), pyramid: pyramid.rows };
    }
    const emotions: Record<number, ClipPrediction> = {};
    for (const [id, recs] of clip.tracks) {
      const probs = live ? rollingProbs(recs, latestT, ROLLING_WINDOW_SEC) : Array.from<number>(averageBaselineProbs(recs).general ?? averageProbs(recs));
      if (probs) emotions[id] = toPrediction(probs);
    }
    s().setTrackView(view, emotions, thumbsVersion);
  };

  /** Publishes in a later task (once, however many frames ask meanwhile). */
  const publishSoon = () => {
    if (scheduled) return;
    scheduled = true;
    void yieldToMain().then(() => {
      scheduled = false;
      if (!signal?.aborted) publish(false);
    });
  };

  return {
    get clip() {
      return clip;
    },
    get mainTrackId() {
      return s().analysis.vote?.winnerId ?? null;
    },
    onFrame(update, fps) {
      clip = update.clip as ClipAnalysis;
      progress = { analysed: update.analysed, tSec: update.tSec, fps };
      const { picture } = update;
      // Boxes are in video pixels; the picture may be the downscaled analysis frame.
      const k = pictureWidth(picture) / update.clip.width;
      latestT = update.tSec;
      // The overlay shows the general model, held on a track between the frames it ran on.
      for (const f of update.faces) if (f.general) lastGeneral.set(f.trackId, f.general);
      playback.buffer.push({ tSec: update.tSec, faces: update.faces.map(({ general: _, ...f }) => ({ ...f, probs: Array.from(lastGeneral.get(f.trackId) ?? f.probs) })) });
      // A file's overlay can be replayed at any moment; the camera's only ever shows the newest frame.
      if (live) playback.buffer.dropBefore(update.tSec - ROLLING_WINDOW_SEC);
      if (!live && !isVideoFrame(picture)) playback.keepStill(picture);
      for (const f of update.faces) {
        const box = { x: f.box.x * k, y: f.box.y * k, w: f.box.w * k, h: f.box.h * k };
        if (playback.thumbnails.offer(f.trackId, update.tSec, picture, box)) thumbsVersion++;
      }
      // The first frames at once (the panels appear), then a few times a second.
      if (update.analysed <= 2 || performance.now() - lastViews >= (live ? LIVE_VIEW_INTERVAL_MS : VIEW_INTERVAL_MS)) publishSoon();
    },
    refresh: () => publish(true),
  };
}
