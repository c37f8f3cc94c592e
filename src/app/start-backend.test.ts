import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store/app-store';
import { startBackend } from './start-backend';
import { fakeAnalysisClient } from './test-helpers';

describe('startBackend', () => {
  it('loads the networks while the page waits for a video; a failed load is told by the run that needs it, not on opening', async () => {
    const store = createAppStore();
    const client = fakeAnalysisClient({});
    const asked: string[] = [];
    const watched = { ...client, loadModels: async () => void asked.push('models'), loadPredictor: () => (asked.push('predictor'), client.loadPredictor()) };
    await startBackend(store, watched, '?backend=wasm');
    expect(store.getState().backend.phase).toBe('ready');
    expect(asked).toEqual(['models', 'predictor']);
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The fake's trained models fail to load: nothing is said before a run asks for them.
    expect(store.getState().notices).toEqual([]);
  });

  it('says so when the address names a backend that does not exist, and starts the best one', async () => {
    const store = createAppStore();
    await startBackend(store, fakeAnalysisClient({}), '?backend=wasmm');
    expect(store.getState().backend.phase).toBe('ready');
    expect(store.getState().notices.map((n) => n.text)).toEqual(['Unknown backend "wasmm" in the address (webgpu, wasm or webgl): the best available one is used.']);
  });
});
