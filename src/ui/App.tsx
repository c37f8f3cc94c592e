import { BackendBadge } from './BackendBadge';
import { DropZone } from './DropZone';
import { ErrorBanner } from './ErrorBanner';
import { EvaluationPanel } from './EvaluationPanel';
import { FolderAnswers } from './FolderAnswers';
import { ExportButtons } from './ExportButtons';
import { PredictionsPanel } from './PredictionsPanel';
import { ProgressPanel } from './ProgressPanel';
import { PyramidView } from './PyramidView';
import { TrackDetail } from './TrackDetail';
import { useAppStore } from './store-context';
import { VideoStage } from './VideoStage';
import { VoteInspector } from './VoteInspector';
import { VotingSliders } from './VotingSliders';

/** The page: header, messages, input; then the video and its tracks, the track detail and the results. */
export function App() {
  const phase = useAppStore((s) => s.video.phase);
  const source = useAppStore((s) => s.video.source);
  const folderMode = useAppStore((s) => s.evaluation.mode);
  // A folder's clip opened from its table plays below the folder's results, which stay.
  const folderShown = useAppStore((s) => s.video.source === 'folder' || s.evaluation.openedClip !== null);
  const active = phase !== 'idle';
  return (
    <div className="app">
      <header className="header">
        <h1>
          emolens <span className="muted">— who matters in this video, and what do they feel?</span>
        </h1>
        <BackendBadge />
      </header>
      <ErrorBanner />
      <DropZone />
      {active && (
        <main className="main">
          {folderShown && (folderMode === 'answers' ? <FolderAnswers /> : <EvaluationPanel />)}
          <div className="columns">
            <div className="col">
              {/* A canceled run has released its video: a frozen last frame with a Pause button would mislead. */}
              {source !== 'folder' && phase !== 'canceled' && <VideoStage />}
              <ProgressPanel />
              <ExportButtons />
            </div>
            <div className="col">
              <section className="panel">
                <VoteInspector />
                <VotingSliders />
              </section>
              <PredictionsPanel />
            </div>
          </div>
          <div className="columns">
            <TrackDetail />
            <PyramidView />
          </div>
        </main>
      )}
      <footer className="footer muted">Runs entirely on this device. Method: Do et al., Sensors 2021 (tracking §3.3, FaceVoting §3.4, temporal pyramid §4.2).</footer>
    </div>
  );
}
