import { useDeferredValue } from 'react';
import type { TimelinePoint } from '../shared/track-view';
import { EmotionTimeline } from './EmotionTimeline';
import { trackColour } from './palette';
import { useAppStore, useController } from './store-context';

const NO_POINTS: readonly TimelinePoint[] = [];

/** The selected (or main) track: face crops over time and its per-frame emotion timeline. */
export function TrackDetail() {
  // Low priority (time-sliced by React), from mount on: the panel first appears with the first
  // analysed face, while the clip plays, and must not lengthen the task that brought that face.
  const view = useDeferredValue(useAppStore((s) => s.analysis.trackView), null);
  const selected = useAppStore((s) => s.analysis.selectedTrackId);
  useAppStore((s) => s.analysis.thumbnailsVersion);
  const controller = useController();
  // The chart mounts one pass later still (its first render is the panel's largest part).
  const timeline = useDeferredValue(view?.timeline, NO_POINTS);
  if (!view) return null;
  const thumbs = controller.playback.thumbnails.get(view.trackId);
  return (
    <section className="panel" data-testid="track-detail" data-track-id={view.trackId}>
      <div className="panel-head">
        <h2>
          <span className="swatch" style={{ background: trackColour(view.trackId) }} aria-hidden />
          Track #{view.trackId} <span className="muted">{selected === null ? '(main track)' : '(selected)'} · {view.frames} frames</span>
        </h2>
        {selected !== null && (
          <button type="button" className="secondary" onClick={() => controller.selectTrack(null)}>
            Follow main track
          </button>
        )}
      </div>
      <div className="thumbs" data-testid="track-thumbnails">
        {thumbs.map((t) => (
          <figure key={t.tSec} className="thumb">
            <img src={t.url} alt={`Track ${view.trackId} at ${t.tSec.toFixed(1)} s`} width={64} height={64} />
            <figcaption>{t.tSec.toFixed(1)} s</figcaption>
          </figure>
        ))}
      </div>
      <EmotionTimeline points={timeline ?? NO_POINTS} />
    </section>
  );
}
