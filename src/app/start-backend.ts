/** Starting the compute backend in the analysis worker from the page's query string. */
import { parseBackendName } from '../env/backend-choice';
import { describeError } from '../errors';
import type { AnalysisClient } from '../pipeline/worker/analysis-client';
import type { AppStore } from '../store/app-store';

/** Parses `?fps=`: a positive number, or `all` for every frame; anything else is ignored. */
export function parseFps(value: string | null): { fps: number | undefined } | null {
  if (value === null) return null;
  if (value === 'all') return { fps: undefined };
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? { fps: n } : null;
}

/**
 * Reads `?fps=` and starts the backend named in `?backend=` (or the best one); failures become
 * notices. Then the networks load while the page waits for a video (about 4 s of a first analysis
 * on WASM here, spent before the person chooses one); a failure there is told when a run needs them.
 */
export async function startBackend(store: AppStore, client: AnalysisClient, search: string): Promise<void> {
  const s = store.getState;
  const params = new URLSearchParams(search);
  const fps = parseFps(params.get('fps'));
  if (fps) s().setSampleFps(fps.fps);
  const asked = params.get('backend');
  const forced = parseBackendName(asked);
  // A mistyped ?backend= would otherwise pick the best backend without a word.
  if (asked !== null && !forced) s().pushNotice('info', `Unknown backend "${asked}" in the address (webgpu, wasm or webgl): the best available one is used.`);
  try {
    const status = await client.init(forced);
    s().setBackendReady(status.active, status.forced);
    if (status.fallbackReason) s().pushNotice('error', status.fallbackReason);
    void client.loadModels().catch(() => undefined);
    void client.loadPredictor().catch(() => undefined);
  } catch (error) {
    s().setBackendFailed();
    s().pushNotice('error', describeError(error));
  }
}
