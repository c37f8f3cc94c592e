/** The networks the perception stage needs, loaded together from one weight source. */
import {
  createModel,
  loadAll,
  type FaceDetector,
  type FaceEmbeddingModel,
  type FaceEmotionModel,
  type FaceLandmarksModel,
  type FaceVerifier,
  type HumanEmotionModel,
  type PersonDetector,
  type WeightSource,
} from '../models';
import { loadGeneralNetsHere, withFallback, type GeneralNets } from './general-nets';

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
  /** The general-purpose expression networks (AffectNet, RAF-DB): the `general` per-frame model, here or on another thread. */
  general: GeneralNets;
  /**
   * When `general` runs on another thread: the same networks here too, for the frames of a run that
   * waits on its decoding (`PerceptionState.generalHere`), where the other thread would only slow
   * the decoder down.
   */
  generalHere?: GeneralNets;
  dispose(): void;
}

/** Where the general networks run: here (the default), or what `general` gives (the general worker's client) and here as well. */
export interface PerceptionModelsOptions {
  general?: () => Promise<GeneralNets>;
}

/** Creates and loads the perception networks in parallel. */
export async function loadPerceptionModels(source: WeightSource, options: PerceptionModelsOptions = {}): Promise<PerceptionModels> {
  const models = {
    faceDetector: createModel('face-detector', source),
    faceEmotion: createModel('face-emotion', source),
    faceEmbedding: createModel('face-embedding', source),
    personDetector: createModel('person-detector', source),
    humanEmotion: createModel('human-emotion', source),
    faceVerifier: createModel('face-verifier', source),
    faceLandmarks: createModel('face-landmarks', source),
  };
  // This thread's general networks share its face embedding net (a folder clip's grouping embedding).
  const here = () => loadGeneralNetsHere(source, models.faceEmbedding);
  const loading = await Promise.allSettled([loadAll(Object.values(models)), here(), options.general?.() ?? Promise.resolve(null)] as const);
  const [loaded, hereLoaded, thereLoaded] = loading;
  if (loaded.status === 'rejected' || hereLoaded.status === 'rejected' || thereLoaded.status === 'rejected') {
    if (loaded.status === 'fulfilled') loaded.value();
    if (hereLoaded.status === 'fulfilled') hereLoaded.value.dispose();
    if (thereLoaded.status === 'fulfilled') thereLoaded.value?.dispose();
    throw loading.find((r) => r.status === 'rejected')!.reason;
  }
  const [disposeModels, generalHere, generalThere] = [loaded.value, hereLoaded.value, thereLoaded.value];
  // With a worker, `general` is it and this thread's copy behind it (withFallback disposes both).
  const general = generalThere ? withFallback(generalThere, generalHere) : generalHere;
  return {
    ...models,
    general,
    ...(generalThere && { generalHere }),
    dispose() {
      disposeModels();
      general.dispose();
    },
  };
}
