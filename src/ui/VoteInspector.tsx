import { useAppStore, useController } from './store-context';
import { trackColour } from './palette';

/**
 * FaceVoting per track (the paper's w_freq, w_size, w_prob and total), winner marked, tracks too thin
 * to be the main track and the track whose mouth moves with the voice marked; rows select a track.
 */
export function VoteInspector() {
  const vote = useAppStore((s) => s.analysis.vote);
  const selected = useAppStore((s) => s.analysis.selectedTrackId);
  const emotions = useAppStore((s) => s.analysis.trackEmotions);
  const partial = useAppStore((s) => s.video.phase === 'canceled');
  const speakerId = useAppStore((s) => s.analysis.honesty?.speaker.trackId ?? null);
  const cuts = useAppStore((s) => s.analysis.cuts);
  const controller = useController();
  return (
    <div data-testid="vote-inspector" data-partial={partial}>
      <h2>
        Tracks and FaceVoting{partial && <span className="muted"> · partial (analysis canceled)</span>}
      </h2>
      {vote && vote.votes.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>track</th>
                <th>frames</th>
                <th title="frequency weight: share of frames the face is in">w_freq</th>
                <th title="size weight: mean face area over frame area">w_size</th>
                <th title="mean detection probability">w_prob</th>
                <th>total</th>
                <th>emotion</th>
              </tr>
            </thead>
            <tbody>
              {vote.votes.map((v) => {
                const winner = v.id === vote.winnerId;
                const isSelected = v.id === selected;
                const speaking = v.id === speakerId;
                return (
                  <tr
                    key={v.id}
                    data-track-id={v.id}
                    data-winner={winner}
                    data-selected={isSelected}
                    data-w-freq={v.wFreq}
                    data-w-size={v.wSize}
                    data-w-prob={v.wProb}
                    data-speaking={speaking}
                    data-enough-evidence={v.enoughEvidence}
                    className={`${winner ? 'winner' : ''}${isSelected ? ' selected' : ''}`}
                  >
                    <td>
                      <button
                        type="button"
                        className="track-button"
                        aria-pressed={isSelected}
                        onClick={() => controller.selectTrack(isSelected ? null : v.id)}
                        title="Show this track's faces, timeline and pyramid"
                      >
                        <span className="swatch" style={{ background: trackColour(v.id) }} aria-hidden />#{v.id}
                        {winner ? ' ★ main' : ''}
                      </button>
                      {speaking && (
                        <span className="speaking-mark" title="The voice in the soundtrack moves with this face's mouth">
                          {' '}
                          <SpeakingIcon /> speaking
                        </span>
                      )}
                      {!v.enoughEvidence && (
                        <span className="muted" title="Seen too briefly or too unsurely to be the main face">
                          {' '}
                          · thin
                        </span>
                      )}
                    </td>
                    <td>{v.appearances}</td>
                    <td>{v.wFreq.toFixed(3)}</td>
                    <td>{v.wSize.toFixed(3)}</td>
                    <td>{v.wProb.toFixed(3)}</td>
                    <td>
                      <strong>{v.total.toFixed(3)}</strong>
                    </td>
                    <td>{emotions[v.id]?.label ?? '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">No face tracked yet.</p>
      )}
      {cuts.length > 0 && (
        <p className="muted" data-testid="cuts" data-cuts={cuts.join(' ')}>
          This video changes shot {cuts.length === 1 ? 'once' : `${cuts.length} times`} (a cut or a fade, at {cuts.map((t) => `${t.toFixed(1)} s`).join(', ')}): across a change of shot a face is followed by its look, not by where it was.
        </p>
      )}
    </div>
  );
}

/**
 * A mouth with sound waves, drawn rather than typed: the emoji (U+1F5E3) showed as an empty box
 * where no emoji font is installed (Linux, headless Chromium), and the app serves no fonts of its own.
 */
function SpeakingIcon() {
  return (
    <svg className="speaking-icon" viewBox="0 0 16 16" width="1em" height="1em" aria-hidden focusable="false">
      <circle cx="5" cy="8" r="3.2" fill="currentColor" />
      <path d="M10 5.5a3.5 3.5 0 0 1 0 5M12.2 3.5a6.3 6.3 0 0 1 0 9" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
    </svg>
  );
}
