/**
 * The one small interface every network in emolens implements, and the errors it throws.
 *
 * Rules shared by all models: the caller owns the input frame tensor (the model never disposes it);
 * tensors never leave a model (outputs are plain numbers and typed arrays); results are read with
 * `await t.data()` only (never `dataSync`/`arraySync`, which break the WebGPU backend), through the
 * caller's `DeviceReads` when it gives one (a frame's outputs then come back in one download).
 */
import type * as tf from '@tensorflow/tfjs';
import { EmolensError } from '../errors';
import type { DeviceReads } from './device-reads';
import type { TrainedModelKey } from '../shared/prediction-keys';

/** A frame as the pipeline hands it to the models: H×W×3 RGB, int32 or float32 in 0–255. */
export type Frame = tf.Tensor3D;

/** An axis-aligned box in frame pixels: top-left corner plus width and height. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A frame plus the face (or person) boxes to be cropped from it and run as one batch. */
export interface FrameBoxes {
  frame: Frame;
  boxes: readonly Box[];
  /** Where the outputs are read: at once by default, or with the rest of a frame (`ReadBatch`). */
  reads?: DeviceReads;
}

/** The perception networks' names: the registry builds each (src/models/registry.ts). */
export type PerceptionModelName =
  | 'face-detector'
  | 'face-emotion'
  | 'face-embedding'
  | 'person-detector'
  | 'human-emotion'
  | 'face-verifier'
  | 'face-landmarks'
  | 'general-hsemotion'
  | 'general-opencv-fer';

/** A trained clip model's name: its folder under the trained root, which is also its prediction key. */
export type ClipModelName = TrainedModelKey;

/** Any network's name: a perception network's, or a clip model's. */
export type ModelName = PerceptionModelName | ClipModelName;

/**
 * A network: `load()` fetches weights (idempotent), `run()` infers on one frame (batching all crops
 * of that frame into one network call), `dispose()` frees its weights (safe to call twice).
 */
export interface Model<TInput, TOutput, TRunConfig = Record<string, never>> {
  readonly name: ModelName;
  /** True between a successful `load()` and `dispose()`. */
  readonly loaded: boolean;
  load(): Promise<void>;
  run(input: TInput, config?: Partial<TRunConfig>): Promise<TOutput>;
  dispose(): void;
}

/**
 * Loads `models` in parallel and returns one function that disposes them all; if any load fails,
 * every model is disposed (none is left holding weights) and the error is rethrown.
 */
export async function loadAll(models: readonly Pick<Model<unknown, unknown>, 'load' | 'dispose'>[]): Promise<() => void> {
  const dispose = () => models.forEach((m) => m.dispose());
  try {
    await Promise.all(models.map((m) => m.load()));
  } catch (error) {
    dispose();
    throw error;
  }
  return dispose;
}

/** Weights could not be fetched or did not fit the network. */
export class ModelLoadError extends EmolensError {
  override name = 'ModelLoadError';
  constructor(
    readonly model: ModelName,
    message = `Could not load the ${model} model`,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** `run()` was called before `load()` finished, or after `dispose()`. */
export class ModelNotReadyError extends EmolensError {
  override name = 'ModelNotReadyError';
  constructor(
    readonly model: ModelName,
    message = `The ${model} model is not loaded (call load() first; it may have been disposed)`,
  ) {
    super(message);
  }
}
