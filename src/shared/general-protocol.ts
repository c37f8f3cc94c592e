/**
 * The general worker's methods (called by the analysis worker over src/shared/rpc-wire.ts): the
 * general-purpose expression networks, and a folder clip's grouping embedding, on inputs the
 * analysis worker made from its frame (src/pipeline/general-nets.ts). `init` starts the backend and
 * loads the networks.
 */
import type { BackendName, BackendStatus } from './backend';

/** A batch of network inputs, [n, side, side, 3], row-major. */
export interface InputBatch {
  data: Float32Array;
  shape: [number, number, number, number];
}

/** The general worker's methods. */
export interface GeneralApi {
  init: { args: { backend: BackendName; wasm: string; models: string }; reply: BackendStatus };
  /**
   * HSEmotion on `hse`, OpenCV's net on `fer`: each face's 7 probabilities (paper order; with
   * `mirrored`, the batches hold the faces then their mirrors, averaged); face-api's embedding net on
   * `group` with each crop's mirror: each row's averaged descriptor; and this thread's time on the
   * call. A null batch gives no rows.
   */
  classify: {
    args: { hse: InputBatch | null; fer: InputBatch | null; group: InputBatch | null; mirrored: boolean };
    reply: { hse: Float32Array[]; fer: Float32Array[]; group: Float32Array[]; ms: number };
  };
  /** The backend's tensor count (stable from call to call: no leaks). */
  memory: { args: null; reply: { numTensors: number } };
}
