import { useAppStore } from './store-context';

/** Frames analysed, analysed fps and the video's own facts. */
export function ProgressPanel() {
  const video = useAppStore((s) => s.video);
  const backend = useAppStore((s) => s.backend.active);
  if (video.phase === 'idle') return null;
  const info = video.info;
  return (
    <section
      className="panel"
      data-testid="progress"
      data-phase={video.phase}
      data-file={video.fileName}
      data-frames={video.framesDecoded}
      data-tensor-delta={video.tensorDelta}
    >
      <h2>{video.fileName}</h2>
      {info && (
        <p className="muted" data-testid="video-info">
          {info.width}×{info.height} · {info.fps.toFixed(2)} fps · {info.frameCount} frames · {info.durationSec.toFixed(2)} s ·{' '}
          {info.codecString}
        </p>
      )}
      <p>
        <span data-testid="frames-analysed">{video.framesDecoded}</span> frames analysed
        {video.phase === 'decoding' ? '…' : ''} · {video.decodeFps.toFixed(0)} fps · {backend ?? '—'}
        {video.phase === 'done' ? ' · done' : ''}
        {video.phase === 'failed' ? ' · failed' : ''}
      </p>
    </section>
  );
}
