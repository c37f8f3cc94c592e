/** The compute backends, as the page, the analysis worker and the store name them. */

/** The tfjs backends emolens can run on. */
export const BACKEND_NAMES = ['webgpu', 'wasm', 'webgl'] as const;
/** A tfjs backend emolens can run on. */
export type BackendName = (typeof BACKEND_NAMES)[number];

/** What `initBackend` settled on, and why, for the badge and the banner. */
export interface BackendStatus {
  active: BackendName;
  /** The backend named in `?backend=`, if any. */
  forced?: BackendName;
  /** Set when the forced backend (or WebGPU) could not start: a sentence for the user. */
  fallbackReason?: string;
}
