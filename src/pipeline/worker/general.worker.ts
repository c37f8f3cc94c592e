/// <reference lib="webworker" />
/**
 * The general worker: the general-purpose expression networks on their own thread, started by the
 * analysis worker on WASM (src/pipeline/general-nets.ts says why). What it does is the service in
 * general-service.ts; this file gives it the browser's parts and serves it.
 */
import { initBackend } from '../../env/init-backend';
import { urlWeightSource } from '../../models/weight-source';
import type { GeneralApi } from '../../shared/general-protocol';
import { loadGeneralNetsHere } from '../general-nets';
import { createGeneralService } from './general-service';
import { serveRpc } from './rpc-server';

const handlers = createGeneralService({
  initBackend: (backend, wasm) => initBackend(backend, wasm),
  loadNets: (models) => loadGeneralNetsHere(urlWeightSource(models)),
});

serveRpc<GeneralApi>(self as unknown as DedicatedWorkerGlobalScope, handlers);
