import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { isCatchingUp, type OverlayEntry } from '../app/overlay-buffer';
import { drawOverlay, hitFace } from './draw-overlay';
import { useAppStore, useController } from './store-context';

/**
 * The playing video on a canvas with the face tracks drawn over it. Playback never waits for the
 * models: each animation frame draws the analysed frame nearest to (not after) the media time, and
 * says so when that is more than half a second behind.
 */
export function VideoStage() {
  const controller = useController();
  const { playback } = controller;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const mainTrackId = useAppStore((s) => s.analysis.vote?.winnerId ?? null);
  const selectedTrackId = useAppStore((s) => s.analysis.selectedTrackId);
  const trackEmotions = useAppStore((s) => s.analysis.trackEmotions);
  const source = useAppStore((s) => s.video.source);
  const [paused, setPaused] = useState(false);
  const marks = useRef({ mainTrackId, selectedTrackId, trackEmotions, live: source === 'webcam' });
  marks.current = { mainTrackId, selectedTrackId, trackEmotions, live: source === 'webcam' };
  const drawn = useRef<{ entry: OverlayEntry | null; scale: number }>({ entry: null, scale: 1 });

  useEffect(() => {
    const video = playback.video;
    let raf = 0;
    const draw = () => {
      raf = requestAnimationFrame(draw);
      const canvas = canvasRef.current;
      const size = playback.frameSize;
      if (!canvas || video.videoWidth === 0) return;
      if (canvas.width !== video.videoWidth || canvas.height !== video.videoHeight) {
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
      }
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
      const m = marks.current;
      const t = video.currentTime;
      const entry = m.live ? playback.buffer.latest() : playback.buffer.at(t);
      const catchingUp = !m.live && isCatchingUp(entry, t, playback.analysisDone);
      const scale = size ? canvas.width / size.width : 1;
      const labels = m.live
        ? Object.fromEntries(Object.entries(m.trackEmotions).map(([id, p]) => [id, `${p.label} (last 3 s)`]))
        : undefined;
      drawOverlay(ctx, catchingUp ? null : entry, scale, { ...m, trackLabels: labels, catchingUp });
      drawn.current = { entry: catchingUp ? null : entry, scale };
      // Attributes for tests and tools; written only when they change (each write restyles).
      setData(canvas, 'mediaTime', t.toFixed(3));
      setData(canvas, 'analysedTime', entry ? entry.tSec.toFixed(3) : '');
      setData(canvas, 'tracks', (catchingUp ? [] : (entry?.faces ?? [])).map((f) => f.trackId).join(' '));
      setData(canvas, 'catchingUp', String(catchingUp));
    };
    raf = requestAnimationFrame(draw);
    const sync = () => setPaused(video.paused);
    video.addEventListener('play', sync);
    video.addEventListener('pause', sync);
    video.addEventListener('ended', sync);
    sync();
    return () => {
      cancelAnimationFrame(raf);
      video.removeEventListener('play', sync);
      video.removeEventListener('pause', sync);
      video.removeEventListener('ended', sync);
    };
  }, [playback]);

  const onClick = (e: MouseEvent<HTMLCanvasElement>) => {
    const canvas = e.currentTarget;
    const rect = canvas.getBoundingClientRect();
    const px = ((e.clientX - rect.left) * canvas.width) / rect.width;
    const py = ((e.clientY - rect.top) * canvas.height) / rect.height;
    const id = hitFace(drawn.current.entry, px, py, drawn.current.scale);
    if (id !== null) controller.selectTrack(id);
  };

  const togglePlay = () => {
    const video = playback.video;
    if (video.paused) void video.play().catch(() => undefined);
    else video.pause();
  };

  return (
    <section className="panel stage" aria-label="Video with tracked faces">
      <canvas
        ref={canvasRef}
        className="stage-canvas"
        data-testid="track-overlay"
        onClick={onClick}
        role="img"
        aria-label="Video frame with a box, ID and emotion for each tracked face. Click a face to inspect its track."
      />
      {source === 'file' && (
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

function setData(element: HTMLElement, key: string, value: string): void {
  if (element.dataset[key] !== value) element.dataset[key] = value;
}
