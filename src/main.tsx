import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { CameraSummary } from './app/camera-stats';
import { createController } from './app/controller';
import { createAnalysisClient } from './pipeline/worker/analysis-client';
import { createAppStore } from './store/app-store';
import { App } from './ui/App';
import { AppContext } from './ui/store-context';
import './ui/styles.css';

declare global {
  interface Window {
    /** Read-only numbers for the soak benchmark (`npm run soak`): nothing here changes the app. */
    emolensDiagnostics?: {
      memory(): Promise<{ numTensors: number; numBytes: number; wasmMemoryBytes?: number }>;
      /** The running camera's analysed rate and grab-to-draw latency since `sinceMs` (performance.now() time); null with no camera. */
      camera(sinceMs: number): CameraSummary | null;
    };
  }
}

// tfjs and every network live in the analysis worker; the page only draws and keeps results.
const client = createAnalysisClient();
const store = createAppStore();
const controller = createController(store, client);
window.emolensDiagnostics = Object.freeze({
  memory: () => client.memory(),
  camera: (sinceMs: number) => controller.playback.camera?.summary(sinceMs, performance.now()) ?? null,
});
void controller.startBackend(window.location.search);

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
createRoot(root).render(
  <StrictMode>
    <AppContext.Provider value={{ store, controller }}>
      <App />
    </AppContext.Provider>
  </StrictMode>,
);
