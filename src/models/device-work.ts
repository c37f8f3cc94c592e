/**
 * Counts what a stretch of work asks of the device, for the benchmark and the tests: downloads
 * (reads of tensors whose values are not already on the CPU) and kernels (tfjs kernels run; on
 * WebGPU also the compute passes dispatched). Counts are true even where timings mean nothing
 * (WebGPU on SwiftShader).
 *
 * It wraps methods of the engine and the active backend (tfjs has no hook for reads); `stop()`
 * restores them.
 */
import * as tf from '@tensorflow/tfjs';

/** What was asked of the device since the watch started. */
export interface DeviceWork {
  /**
   * Downloads: reads of tensors whose values are not on the CPU. On WebGPU every read (`data()`,
   * `dataSync()`, a kernel's own) of a tensor that lives in a GPU buffer; on WASM, which has no
   * device memory, every `data()` — the number a GPU backend would download.
   */
  readbacks: number;
  /** Of those, synchronous ones (each stalls the thread until the GPU is done); WebGPU only, else 0. */
  syncReadbacks: number;
  /** tfjs kernels run through the engine. */
  kernels: number;
  /** Compute passes dispatched to the GPU (WebGPU only; null elsewhere). */
  dispatches: number | null;
}

/** The backend internals read here: present on the WebGPU backend, absent elsewhere. */
interface BackendInternals {
  readSync(dataId: object): unknown;
  tensorMap?: { get(dataId: object): { values?: unknown } | undefined };
  recordAndSubmit?: (...args: unknown[]) => unknown;
}

interface EngineInternals {
  read(dataId: object): Promise<unknown>;
  readSync(dataId: object): unknown;
  runKernel(...args: unknown[]): unknown;
}

/** Starts counting on the active backend. */
export function watchDeviceWork(): { read(): DeviceWork; stop(): void } {
  const backend = tf.backend() as unknown as BackendInternals;
  const engine = tf.engine() as unknown as EngineInternals;
  const gpuMemory = backend.tensorMap !== undefined;
  const counts: DeviceWork = { readbacks: 0, syncReadbacks: 0, kernels: 0, dispatches: backend.recordAndSubmit ? 0 : null };
  const onDevice = (dataId: object) => !gpuMemory || backend.tensorMap!.get(dataId)?.values == null;
  // A sync read through the engine reaches the backend's readSync too: count it once.
  let inEngineRead = false;
  const syncDownload = (dataId: object) => {
    if (inEngineRead || !gpuMemory || !onDevice(dataId)) return;
    counts.readbacks++;
    counts.syncReadbacks++;
  };
  const { readSync, recordAndSubmit } = backend;
  const original = { read: engine.read, readSync: engine.readSync, runKernel: engine.runKernel };
  engine.read = function (dataId) {
    if (onDevice(dataId)) counts.readbacks++;
    return original.read.call(this, dataId);
  };
  engine.readSync = function (dataId) {
    syncDownload(dataId);
    inEngineRead = true;
    try {
      return original.readSync.call(this, dataId);
    } finally {
      inEngineRead = false;
    }
  };
  backend.readSync = function (dataId) {
    syncDownload(dataId);
    return readSync.call(this, dataId);
  };
  if (recordAndSubmit) {
    backend.recordAndSubmit = function (...args) {
      counts.dispatches!++;
      return recordAndSubmit.apply(this, args);
    };
  }
  engine.runKernel = function (...args) {
    counts.kernels++;
    return original.runKernel.apply(this, args);
  };
  return {
    read: () => ({ ...counts }),
    stop() {
      Object.assign(engine, original);
      Object.assign(backend, { readSync, ...(recordAndSubmit && { recordAndSubmit }) });
    },
  };
}
