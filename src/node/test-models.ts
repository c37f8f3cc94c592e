/** For Node test files: the perception networks from the npm packages, loaded before a file's tests and disposed after them. */
import { afterAll, beforeAll } from 'vitest';
import { loadPerceptionModels, type PerceptionModels } from '../pipeline/perception-models';
import { initNodeBackend } from './backend';
import { packageWeightSource } from './file-weight-source';

/** Registers the file's hooks; `set` receives the loaded networks. */
export function usePerceptionModels(set: (models: PerceptionModels) => void): void {
  let loaded: PerceptionModels | undefined;
  beforeAll(async () => {
    await initNodeBackend();
    loaded = await loadPerceptionModels(packageWeightSource());
    set(loaded);
  }, 120_000);
  afterAll(() => loaded?.dispose());
}
