import type { StateCreator } from 'zustand/vanilla';
import type { BackendName } from '../shared/backend';
import type { AppState } from './app-store';

/** Which compute backend runs the networks. */
export interface BackendSlice {
  backend: { phase: 'starting' | 'ready' | 'failed'; active?: BackendName; forced?: BackendName };
  setBackendReady(active: BackendName, forced?: BackendName): void;
  setBackendFailed(): void;
}

/** Creates the backend slice. */
export const createBackendSlice: StateCreator<AppState, [], [], BackendSlice> = (set) => ({
  backend: { phase: 'starting' },
  setBackendReady: (active, forced) => set({ backend: { phase: 'ready', active, ...(forced ? { forced } : {}) } }),
  setBackendFailed: () => set({ backend: { phase: 'failed' } }),
});
