import { BackendBadge } from './BackendBadge';
import { DropZone } from './DropZone';
import { ErrorBanner } from './ErrorBanner';
import { ProgressPanel } from './ProgressPanel';
import { ResultsPanel } from './ResultsPanel';

/** The page: header, messages, input, results. */
export function App() {
  return (
    <div className="app">
      <header className="header">
        <h1>
          emolens <span className="muted">— who matters in this video, and what do they feel?</span>
        </h1>
        <BackendBadge />
      </header>
      <ErrorBanner />
      <main className="main">
        <DropZone />
        <ProgressPanel />
        <ResultsPanel />
      </main>
      <footer className="footer muted">Runs entirely on this device. Method: Do et al., Sensors 2021.</footer>
    </div>
  );
}
