/** Pure backend-choice logic, separated from tfjs so it is unit-tested in Node. */

import { BACKEND_NAMES, type BackendName } from '../shared/backend';

/** Narrows a string (e.g. a `?backend=` query value) to a backend name, or undefined. */
export function parseBackendName(value: string | null | undefined): BackendName | undefined {
  const v = value?.trim().toLowerCase();
  return (BACKEND_NAMES as readonly string[]).includes(v ?? '') ? (v as BackendName) : undefined;
}

/** What `navigator.gpu.requestAdapter()` gave: a real GPU, a software fallback (SwiftShader), or nothing. */
export type WebGpuAdapterKind = 'hardware' | 'software' | 'none';

/**
 * The order in which to try backends: a forced one first, then WebGPU when a hardware adapter
 * exists, then WASM (fast on CPUs with SIMD). A software WebGPU adapter (SwiftShader, reported as
 * `isFallbackAdapter`) is about 100× slower than WASM (measured on a 2-core VM: 4826 ms vs 46 ms for
 * Tiny Face Detector at 416 px), so it is used only when forced. WebGL is likewise only used when forced.
 */
export function backendOrder(forced: BackendName | undefined, webgpu: WebGpuAdapterKind): BackendName[] {
  const auto: BackendName[] = webgpu === 'hardware' ? ['webgpu', 'wasm'] : ['wasm'];
  return forced ? [forced, ...auto.filter((b) => b !== forced)] : auto;
}
