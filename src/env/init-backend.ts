/**
 * Starts a tfjs backend in the browser: the forced one (`?backend=`) if it starts, else WebGPU when
 * `navigator.gpu` gives a hardware adapter, else WASM. The WASM binaries are served from our own origin.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { BackendUnavailableError } from '../errors';
import type { BackendName, BackendStatus } from '../shared/backend';
import { backendOrder, type WebGpuAdapterKind } from './backend-choice';

let wasmPathsSet = false;

/** Points the WASM backend at our own copy of its binaries (scripts/copy-models.mjs puts them in wasm/). */
function useOwnWasmBinaries(wasmBase: string): void {
  if (wasmPathsSet) return;
  setWasmPaths(wasmBase);
  wasmPathsSet = true;
}

/** Asks for a WebGPU adapter and tells a real GPU from a software fallback (SwiftShader). */
async function webGpuAdapterKind(): Promise<WebGpuAdapterKind> {
  const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
  if (!gpu) return 'none';
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return 'none';
    const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
    const legacy = adapter as GPUAdapter & { isFallbackAdapter?: boolean };
    const software = info.isFallbackAdapter === true || legacy.isFallbackAdapter === true || /swiftshader/i.test(info.architecture);
    return software ? 'software' : 'hardware';
  } catch {
    return 'none';
  }
}

async function tryBackend(name: BackendName, wasmBase: string): Promise<boolean> {
  if (name === 'wasm') useOwnWasmBinaries(wasmBase);
  if (name === 'webgpu') {
    // fromPixels(video) through external textures failed on Chromium's WebGPU; copy instead.
    tf.env().set('WEBGPU_IMPORT_EXTERNAL_TEXTURE', false);
  }
  try {
    const ok = await tf.setBackend(name);
    if (!ok) return false;
    await tf.ready();
    return tf.getBackend() === name;
  } catch {
    return false;
  }
}

/**
 * Starts the best available backend; throws only when none can start. `wasmBase` is the absolute
 * URL of the WASM binaries (default: `wasm/` next to the page; a worker passes the page's).
 */
export async function initBackend(forced?: BackendName, wasmBase = new URL('wasm/', document.baseURI).href): Promise<BackendStatus> {
  const order = backendOrder(forced, await webGpuAdapterKind());
  const failed: BackendName[] = [];
  for (const name of order) {
    if (await tryBackend(name, wasmBase)) {
      const status: BackendStatus = { active: name };
      if (forced) status.forced = forced;
      if (failed.length > 0) {
        status.fallbackReason = `The ${failed.join(' and ')} backend could not start in this browser; using ${name} instead.`;
      }
      return status;
    }
    failed.push(name);
  }
  throw new BackendUnavailableError(`No compute backend could start (tried ${order.join(', ')}).`);
}
