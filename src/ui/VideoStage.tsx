import { useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { ROLLING_WINDOW_SEC } from '../app/frame-publisher';
import { predictedEntry } from '../app/live-overlay';
import { isCatchingUp, type OverlayEntry } from '../app/overlay-buffer';
import { CalibrationBadge } from './CameraCalibration';
import { canvasPixelsPerCssPixel, drawOverlay, hitFace } from './draw-overlay';
import { useAppStore, useController } from './store-context';

/**
 * The playing video with the face tracks drawn over it. The <video> element itself shows the
 * picture (the compositor presents its frames, the main thread never copies them); a transparent
 * canvas on top holds the overlay, checked once per presented video frame and redrawn only when
 * what it shows changes. Playback never waits for the models: the overlay shows the analysed frame
 * nearest to (not after) the media time, and says so when that is more than half a second behind.
 * The camera's overlay is redrawn at display rate instead: the newest analysis with each box moved
 * on by its track's motion, so boxes follow the face between analyses.
 */
export function VideoStage() {
  const controller = useController();
  const { playback } = controller;
  const viewRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const mainTrackId = useAppStore((s) => s.analysis.vote?.winnerId ?? null);
  const selectedTrackId = useAppStore((s) => s.analysis.selectedTrackId);
  const source = useAppStore((s) => s.video.source);
  const live = source === 'webcam';
  // Only the camera labels faces with their rolling emotion (a file's overlay shows each frame's).
  const liveEmotions = useAppStore((s) => (s.video.source === 'webcam' ? s.analysis.trackEmotions : null));
  const trackLabels = useMemo(
    () => (liveEmotions ? Object.fromEntries(Object.entries(liveEmotions).map(([id, p]) => [id, `${p.label} (last ${ROLLING_WINDOW_SEC} s)`])) : undefined),
    [liveEmotions],
  );
  // A picture stored turned without a rotation tag: analysed turned, so the <video> (which plays it as stored) is turned to match.
  const turn = useAppStore((s) => (s.video.source === 'webcam' ? 0 : (s.video.info?.turn ?? 0)));
  const [paused, setPaused] = useState(false);
  // The analysis decodes with WebCodecs, which reads containers the <video> element cannot play
  // (a camcorder's MPEG-TS): the picture stays black, and the stage says why.
  const [unplayable, setUnplayable] = useState(false);
  const marks = useRef({ mainTrackId, selectedTrackId, trackLabels, live, turn });
  marks.current = { mainTrackId, selectedTrackId, trackLabels, live, turn };
  const drawn = useRef<{ entry: OverlayEntry | null; scale: number; mirrored: boolean }>({ entry: null, scale: 1, mirrored: false });
  const redraw = useRef(() => {});

  useEffect(() => {
    const video = playback.video;
    video.className = 'stage-video';
    video.setAttribute('data-testid', 'stage-video');
    viewRef.current?.prepend(video);
    let last: unknown[] = [];
    const marked = new Map<string, string>();
    const mark = (element: Element, name: string, value: string) => {
      if (marked.get(name) === value) return;
      marked.set(name, value);
      element.setAttribute(name, value);
    };
    /** Brings the overlay up to date with the frame shown at `t` (media seconds). */
    const update = (t = video.currentTime) => {
      const canvas = canvasRef.current;
      const size = playback.frameSize;
      const m = marks.current;
      // A file the <video> cannot show: its newest analysed frame is drawn under the boxes instead.
      const still = m.live ? null : playback.still;
      if (!canvas || (video.videoWidth === 0 && !(still && size))) return;
      const camera = m.live ? playback.camera : null;
      const nowMs = performance.now();
      const found = camera ? predictedEntry(playback.buffer, camera.tSecAt(nowMs)) : m.live || still ? playback.buffer.latest() : playback.buffer.at(t);
      const catchingUp = !m.live && !still && isCatchingUp(found, t, playback.analysisDone);
      const entry = catchingUp ? null : found;
      // The overlay is drawn on the picture as analysed: the video's own size, turned (a still is already both).
      const sideways = m.turn % 180 !== 0;
      const [shownWidth, shownHeight] = still && size ? [size.width, size.height] : sideways ? [video.videoHeight, video.videoWidth] : [video.videoWidth, video.videoHeight];
      const scale = size ? shownWidth / size.width : 1;
      // Attributes for tests and tools; written only when they change.
      mark(canvas, 'data-media-time', t.toFixed(3));
      mark(canvas, 'data-analysed-time', found ? found.tSec.toFixed(3) : '');
      mark(canvas, 'data-tracks', (entry?.faces ?? []).map((f) => f.trackId).join(' '));
      mark(canvas, 'data-catching-up', String(catchingUp));
      mark(canvas, 'data-still', String(still !== null));
      mark(canvas, 'data-mirrored', String(m.live));
      // Redraw only when the picture would change: most video frames leave the overlay alone.
      const perCss = canvasPixelsPerCssPixel(shownWidth, shownHeight, canvas.clientWidth, canvas.clientHeight);
      const now = [entry, catchingUp, scale, shownWidth, shownHeight, perCss, still, m.mainTrackId, m.selectedTrackId, m.trackLabels];
      if (now.every((v, i) => v === last[i])) return;
      last = now;
      if (canvas.width !== shownWidth || canvas.height !== shownHeight) {
        canvas.width = shownWidth;
        canvas.height = shownHeight;
      }
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      if (still) ctx.drawImage(still, 0, 0, canvas.width, canvas.height);
      drawOverlay(ctx, entry, scale, { ...m, catchingUp, mirrored: m.live }, perCss);
      drawn.current = { entry, scale, mirrored: m.live };
      // The camera's latency runs from a picture's grab to the first draw of its boxes.
      if (camera && entry) camera.drawn(entry.tSec, nowMs);
    };
    redraw.current = () => update();
    // Follow the frames the video presents (none while paused), not every display refresh: an
    // animation-frame loop would make the page render 60 times a second for nothing.
    let handle = 0;
    let stop: () => void;
    if ('requestVideoFrameCallback' in video) {
      const onFrame: VideoFrameRequestCallback = (_now, meta) => {
        handle = video.requestVideoFrameCallback(onFrame);
        // The camera's overlay follows the display instead (below).
        if (!marks.current.live) update(meta.mediaTime);
      };
      handle = video.requestVideoFrameCallback(onFrame);
      stop = () => video.cancelVideoFrameCallback(handle);
    } else {
      const onFrame = () => {
        handle = requestAnimationFrame(onFrame);
        update();
      };
      handle = requestAnimationFrame(onFrame);
      stop = () => cancelAnimationFrame(handle);
    }
    const sync = () => {
      setPaused(video.paused);
      update();
    };
    const events = ['play', 'pause', 'ended', 'seeked', 'loadeddata'] as const;
    for (const e of events) video.addEventListener(e, sync);
    // A file's source that fails to load (not a release: that removes the source first).
    const onError = () => setUnplayable(video.hasAttribute('src'));
    // A container it reads with a video codec it does not (Motion JPEG in a MOV) loads with its
    // sound alone: no picture size.
    const onMetadata = () => setUnplayable(video.hasAttribute('src') && video.videoWidth === 0);
    const onLoadStart = () => setUnplayable(false);
    video.addEventListener('error', onError);
    video.addEventListener('loadedmetadata', onMetadata);
    video.addEventListener('loadstart', onLoadStart);
    // The labels' size follows the stage's (a paused video draws no frames to redraw them on).
    const resized = new ResizeObserver(() => update());
    if (canvasRef.current) resized.observe(canvasRef.current);
    sync();
    return () => {
      stop();
      resized.disconnect();
      for (const e of events) video.removeEventListener(e, sync);
      video.removeEventListener('error', onError);
      video.removeEventListener('loadedmetadata', onMetadata);
      video.removeEventListener('loadstart', onLoadStart);
      redraw.current = () => {};
      video.remove();
    };
  }, [playback]);

  useEffect(() => {
    playback.keepsStills = unplayable;
    redraw.current();
  }, [playback, unplayable]);

  // The camera: redraw at display rate, each box where its track's motion has taken it by now.
  useEffect(() => {
    if (!live) return;
    let handle = 0;
    const onFrame = () => {
      handle = requestAnimationFrame(onFrame);
      redraw.current();
    };
    handle = requestAnimationFrame(onFrame);
    return () => cancelAnimationFrame(handle);
  }, [live]);

  // While the video is paused (or over) no frame arrives: redraw when the marks or the analysis change.
  const analysed = useAppStore((s) => s.video.framesDecoded);
  const phase = useAppStore((s) => s.video.phase);
  useEffect(() => redraw.current(), [mainTrackId, selectedTrackId, trackLabels, analysed, phase, turn]);

  useEffect(() => {
    const video = playback.video;
    // The camera is shown as a mirror shows a face (as video calls show one's own picture); the
    // analysis and every exported box read the camera's own, unmirrored picture.
    video.style.transform = live ? 'scaleX(-1)' : turn ? `rotate(${turn}deg)` : '';
    video.classList.toggle('stage-video-sideways', turn % 180 !== 0);
    video.setAttribute('data-turn', String(turn));
  }, [playback, turn, live]);

  const onClick = (e: MouseEvent<HTMLCanvasElement>) => {
    const canvas = e.currentTarget;
    const rect = canvas.getBoundingClientRect();
    const px = ((e.clientX - rect.left) * canvas.width) / rect.width;
    const py = ((e.clientY - rect.top) * canvas.height) / rect.height;
    const id = hitFace(drawn.current.entry, px, py, drawn.current.scale, drawn.current.mirrored, canvas.width);
    if (id !== null) controller.selectTrack(id);
  };

  const togglePlay = () => {
    const video = playback.video;
    if (video.paused) void video.play().catch(() => undefined);
    else video.pause();
  };

  return (
    <section className="panel stage" aria-label="Video with tracked faces">
      <div className="stage-view" ref={viewRef}>
        {/* The <video> is prepended here on mount (it lives in playback, outside React). */}
        <canvas
          ref={canvasRef}
          className="stage-canvas"
          data-testid="track-overlay"
          onClick={onClick}
          role="img"
          aria-label="Video frame with a box, ID and emotion for each tracked face. Click a face to inspect its track."
        />
        {live && <CalibrationBadge />}
      </div>
      {unplayable && !live && (
        <p className="muted small" data-testid="stage-unplayable" role="status">
          This browser cannot play this file (its container or its codec), so the stage shows each frame as it is analysed, with its
          faces, and keeps the last one. The analysis itself is complete: tracks, vote and emotions.
        </p>
      )}
      {live && (
        <p className="muted small" data-testid="stage-mirrored">
          Shown mirrored, as a mirror shows you; the analysis reads the camera&apos;s own picture. Click a face to inspect it.
        </p>
      )}
      {source === 'file' && !unplayable && (
        <div className="row row-start">
          <button type="button" className="secondary" onClick={togglePlay} data-testid="play-toggle">
            {paused ? 'Play' : 'Pause'}
          </button>
          <span className="muted small">Solid box and ★ = main track; click a face to inspect it.</span>
        </div>
      )}
    </section>
  );
}
