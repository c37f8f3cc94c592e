/** The networks the perception stage needs, loaded together from one weight source. */
import {
  createModel,
  loadAll,
  type FaceDetector,
  type FaceEmbeddingModel,
  type FaceEmotionModel,
  type FaceLandmarksModel,
  type FaceVerifier,
  type GeneralHsemotionModel,
  type GeneralOpencvFerModel,
  type HumanEmotionModel,
  type PersonDetector,
  type WeightSource,
} from '../models';

/** Face detector and its verifier, face emotion (probabilities + features), landmarks, face embedding, person detector + context, baseline emotion. */
export interface PerceptionModels {
  faceDetector: FaceDetector;
  faceEmotion: FaceEmotionModel;
  faceEmbedding: FaceEmbeddingModel;
  personDetector: PersonDetector;
  /** Human's FER2013 emotion net: a per-frame baseline users know, averaged like frameAverage. */
  humanEmotion: HumanEmotionModel;
  /** BlazeFace: the second opinion that turns a detection into a face (see `faceVerifyThreshold`). */
  faceVerifier: FaceVerifier;
  /** 68 landmarks per face: the mouth opening the speaker association reads. */
  faceLandmarks: FaceLandmarksModel;
  /** The general-purpose expression networks (AffectNet, RAF-DB): the `general` per-frame model. */
  generalHsemotion: GeneralHsemotionModel;
  generalOpencvFer: GeneralOpencvFerModel;
  dispose(): void;
}

/** Creates and loads the perception networks in parallel. */
export async function loadPerceptionModels(source: WeightSource): Promise<PerceptionModels> {
  const models = {
    faceDetector: createModel('face-detector', source),
    faceEmotion: createModel('face-emotion', source),
    faceEmbedding: createModel('face-embedding', source),
    personDetector: createModel('person-detector', source),
    humanEmotion: createModel('human-emotion', source),
    faceVerifier: createModel('face-verifier', source),
    faceLandmarks: createModel('face-landmarks', source),
    generalHsemotion: createModel('general-hsemotion', source),
    generalOpencvFer: createModel('general-opencv-fer', source),
  };
  const dispose = await loadAll(Object.values(models));
  return { ...models, dispose };
}
