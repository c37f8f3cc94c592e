/**
 * The slice of @vladmandic/face-api that emolens uses, typed against our own `@tensorflow/tfjs`
 * (face-api's bundled typings declare their own copy of the tfjs classes, which do not mix with
 * ours under `strict`). The module is loaded lazily: in the browser the `esm-nobundle` build, which
 * imports `@tensorflow/tfjs` and so shares our tfjs instance; Node tools swap in the
 * `node-wasm` build (see `src/node/backend.ts`), which shares Node's CommonJS tfjs instance.
 */
import type * as tf from '@tensorflow/tfjs';

/** face-api's `NetInput` (only constructed from Tensor3D lists here). */
export interface FaceApiNetInput {
  readonly batchSize: number;
}

/** Common part of every face-api network. */
export interface FaceApiNet {
  readonly isLoaded: boolean;
  loadFromWeightMap(weightMap: tf.NamedTensorMap): void;
  dispose(throwOnRedispose?: boolean): void;
}

/** face-api's `FaceDetection` (only what we read). */
export interface FaceApiDetection {
  readonly score: number;
  readonly box: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
}

export interface FaceApiTinyFaceDetector extends FaceApiNet {
  locateFaces(input: tf.Tensor3D, options: { inputSize: number; scoreThreshold: number }): Promise<FaceApiDetection[]>;
  /** The raw grid, [1, cells, cells, anchors × 5]: the frame padded to a square and resized to `inputSize`. */
  forwardInput(input: FaceApiNetInput, inputSize: number): tf.Tensor4D;
  readonly config: { anchors: readonly { x: number; y: number }[]; iouThreshold: number };
}

export interface FaceApiFaceExpressionNet extends FaceApiNet {
  readonly faceFeatureExtractor: { forwardInput(input: FaceApiNetInput): tf.Tensor4D };
  readonly params: { fc: { weights: tf.Tensor2D; bias: tf.Tensor1D } } | undefined;
}

export interface FaceApiFaceRecognitionNet extends FaceApiNet {
  forwardInput(input: FaceApiNetInput): tf.Tensor2D;
}

/** face-api's 68-point landmark nets: [N, 136] points relative to each (square) input. */
export interface FaceApiLandmarkNet extends FaceApiNet {
  forwardInput(input: FaceApiNetInput): tf.Tensor2D;
}

/** The constructors we use from the face-api module. */
export interface FaceApiModule {
  TinyFaceDetector: new () => FaceApiTinyFaceDetector;
  FaceExpressionNet: new () => FaceApiFaceExpressionNet;
  FaceRecognitionNet: new () => FaceApiFaceRecognitionNet;
  FaceLandmark68TinyNet: new () => FaceApiLandmarkNet;
  NetInput: new (inputs: tf.Tensor3D[], treatAsBatchInput?: boolean) => FaceApiNetInput;
  env: {
    isBrowser(): boolean;
    isNodejs(): boolean;
    setEnv(env: Record<string, unknown>): void;
  };
}

/**
 * face-api knows a window and Node, not a worker: there its environment stays undefined and any
 * NetInput throws "getEnv - environment is not defined". We only hand it tensors, so the worker's
 * OffscreenCanvas stands in for the canvas, and the DOM-only classes are placeholders that no
 * input is ever an instance of.
 */
function useWorkerEnvironment(api: FaceApiModule): void {
  if (api.env.isBrowser() || api.env.isNodejs() || typeof OffscreenCanvas === 'undefined') return;
  class NotInAWorker {}
  api.env.setEnv({
    Canvas: OffscreenCanvas,
    CanvasRenderingContext2D: OffscreenCanvasRenderingContext2D,
    Image: NotInAWorker,
    Video: NotInAWorker,
    ImageData,
    createCanvasElement: () => new OffscreenCanvas(1, 1),
    createImageElement: () => {
      throw new Error('face-api: no image elements in a worker');
    },
    createVideoElement: () => {
      throw new Error('face-api: no video elements in a worker');
    },
    fetch: (...args: Parameters<typeof fetch>) => fetch(...args),
    readFile: () => {
      throw new Error('face-api: no file system in a worker');
    },
  });
}

type Loader = () => Promise<unknown>;

const defaultLoader: Loader = () => import('@vladmandic/face-api/dist/face-api.esm-nobundle.js');
let loader: Loader = defaultLoader;
let pending: Promise<FaceApiModule> | undefined;

/**
 * Replaces how the face-api module is imported (Node tools pass the `node-wasm` build). Must be
 * called before the first face-api model loads; later calls have no effect on loaded models.
 */
export function setFaceApiLoader(load: Loader | undefined): void {
  loader = load ?? defaultLoader;
  pending = undefined;
}

/** The face-api module, imported once. */
export function getFaceApi(): Promise<FaceApiModule> {
  pending ??= loader().then((m) => {
    const mod = ((m as { default?: unknown }).default ?? m) as Partial<FaceApiModule>;
    const api = (mod.TinyFaceDetector ? mod : m) as FaceApiModule;
    if (typeof api.TinyFaceDetector !== 'function' || typeof api.NetInput !== 'function') {
      throw new Error('face-api module has no TinyFaceDetector/NetInput export');
    }
    useWorkerEnvironment(api);
    return api;
  });
  return pending;
}
