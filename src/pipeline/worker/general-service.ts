/**
 * What the general worker does, as handlers made from its dependencies, so Node tests drive it with
 * the real networks on WASM: start the backend the analysis worker chose, load HSEmotion, OpenCV's
 * net and the face embedding once, and run them on the inputs it sends (src/pipeline/general-nets.ts).
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendName, BackendStatus } from '../../shared/backend';
import type { GeneralApi, InputBatch } from '../../shared/general-protocol';
import type { GeneralNets } from '../general-nets';
import { READ_NOW } from '../../models/device-reads';
import type { Handlers } from './rpc-server';

/** What the service is made from (general.worker.ts passes the browser's). */
export interface GeneralDeps {
  initBackend(backend: BackendName, wasmUrl: string): Promise<BackendStatus>;
  /** The networks in this thread (pipeline/perception-models.ts: loadGeneralNetsHere). */
  loadNets(modelsUrl: string): Promise<GeneralNets>;
}

/** Creates the handlers. */
export function createGeneralService(deps: GeneralDeps): Handlers<GeneralApi> {
  let nets: Promise<GeneralNets> | null = null;
  const loaded = () => {
    if (!nets) throw new Error('the general worker was used before init');
    return nets;
  };
  const tensor = (batch: InputBatch) => tf.tensor4d(batch.data, batch.shape);
  return {
    async init({ backend, wasm, models }) {
      const status = await deps.initBackend(backend, wasm);
      nets ??= deps.loadNets(models);
      // A failed load may be tried again by the next init.
      await nets.catch((error: unknown) => {
        nets = null;
        throw error;
      });
      return status;
    },
    async classify({ hse, fer, group, mirrored }) {
      const general = await loaded();
      const start = performance.now();
      const out = await general.run({ hse: hse && tensor(hse), fer: fer && tensor(fer), group: group && tensor(group), mirrored }, READ_NOW);
      return { hse: out.hse, fer: out.fer, group: out.group, ms: performance.now() - start };
    },
    memory: () => ({ numTensors: tf.memory().numTensors }),
  };
}
