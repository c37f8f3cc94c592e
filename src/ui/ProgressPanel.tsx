import type { VideoSlice } from '../store/video-slice';
import { useAppStore, useController } from './store-context';

/** The sentence shown after the user canceled a file: where it stopped, out of how long. */
export function canceledMessage(video: VideoSlice['video']): string {
  const of = video.info && video.info.durationSec > 0 ? ` of ${video.info.durationSec.toFixed(1)} s` : '';
  const at = video.framesDecoded > 0 ? ` at ${video.lastTSec.toFixed(1)} s${of}` : ' before the first frame';
  return `Analysis canceled${at}. The tracks and vote below cover only the part analysed (partial); no clip-level prediction was made.`;
}

/** Frames analysed, analysed fps and the backend, with the video's own facts; Cancel while a file or folder runs. */
export function ProgressPanel() {
  const video = useAppStore((s) => s.video);
  const backend = useAppStore((s) => s.backend.active);
  const folderRunning = useAppStore((s) => s.evaluation.phase === 'running');
  const controller = useController();
  if (video.phase === 'idle') return null;
  const info = video.info;
  const live = video.source === 'webcam';
  // A folder stays cancellable between its clips, when the current clip's phase is briefly "done".
  const cancellable = video.source === 'folder' ? folderRunning : !live && (video.phase === 'opening' || video.phase === 'decoding');
  return (
    <section
      className="panel progress"
      data-testid="progress"
      data-phase={video.phase}
      data-run={video.run}
      data-file={video.fileName}
      data-frames={video.framesDecoded}
      data-last-t={video.lastTSec}
      data-tensor-delta={video.tensorDelta}
      data-source={video.source}
    >
      <div className="panel-head">
        <h2 className="ellipsis">
          {video.source === 'folder' && <span className="muted">Current clip:</span>} {live ? 'Camera' : video.fileName}
        </h2>
        {cancellable && (
          <button type="button" className="secondary" data-testid="cancel-analysis" onClick={() => controller.cancel()}>
            Cancel
          </button>
        )}
      </div>
      {info && !live && (
        <p className="muted small" data-testid="video-info">
          {info.width}×{info.height} · {info.fps.toFixed(2)} fps · {info.frameCount} frames · {info.durationSec.toFixed(2)} s · {info.codecString}
          {info.turn ? ` · turned ${info.turn}° (faces upright only turned: stored turned without a rotation tag, or filmed lying down)` : ''}
        </p>
      )}
      <p aria-live="polite">
        <strong data-testid="frames-analysed">{video.framesDecoded}</strong> frames analysed
        {video.phase === 'decoding' ? '…' : ''} · {video.decodeFps.toFixed(1)} fps · {backend ?? '—'}
        {video.phase === 'opening' ? ' · loading models…' : ''}
        {video.phase === 'done' ? ' · done' : ''}
        {video.phase === 'failed' ? ' · failed' : ''}
        {video.phase === 'canceled' ? ' · canceled' : ''}
      </p>
      {video.phase === 'canceled' && (
        <p className="notice notice-info" data-testid="cancel-message" role="status">
          {canceledMessage(video)}
        </p>
      )}
    </section>
  );
}
