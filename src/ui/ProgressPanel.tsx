import { useAppStore } from './store-context';

/** Frames analysed, analysed fps and the backend, with the video's own facts. */
export function ProgressPanel() {
  const video = useAppStore((s) => s.video);
  const backend = useAppStore((s) => s.backend.active);
  if (video.phase === 'idle') return null;
  const info = video.info;
  const live = video.source === 'webcam';
  return (
    <section
      className="panel progress"
      data-testid="progress"
      data-phase={video.phase}
      data-file={video.fileName}
      data-frames={video.framesDecoded}
      data-tensor-delta={video.tensorDelta}
      data-source={video.source}
    >
      <h2 className="ellipsis">
        {video.source === 'folder' && <span className="muted">Current clip:</span>} {live ? 'Camera' : video.fileName}
      </h2>
      {info && !live && (
        <p className="muted small" data-testid="video-info">
          {info.width}×{info.height} · {info.fps.toFixed(2)} fps · {info.frameCount} frames · {info.durationSec.toFixed(2)} s · {info.codecString}
        </p>
      )}
      <p aria-live="polite">
        <strong data-testid="frames-analysed">{video.framesDecoded}</strong> frames analysed
        {video.phase === 'decoding' ? '…' : ''} · {video.decodeFps.toFixed(1)} fps · {backend ?? '—'}
        {video.phase === 'opening' ? ' · loading models…' : ''}
        {video.phase === 'done' ? ' · done' : ''}
        {video.phase === 'failed' ? ' · failed' : ''}
      </p>
    </section>
  );
}
