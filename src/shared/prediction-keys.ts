/**
 * Prediction keys: the names a report, a folder evaluation and the panels file predictions under.
 * Three kinds, told apart by name alone:
 * - per-frame baselines, averaged on the page over the main track's frames (`frameAverage`,
 *   `humanEmotion`, `general`);
 * - trained clip models: their folder names under public/trained as ensemble.json lists them
 *   (`tp-face-lr`, `speech`, …; a `-cal` name is the variant calibrated to the person);
 * - fused outputs (ensembles): ENSEMBLE_BASE_NAMES, with a `Cal` twin over the calibrated models.
 */

/** The mean of the face emotion network's per-frame probabilities over the main track. */
export const FRAME_AVERAGE = 'frameAverage';
/** The same mean for the second face model (Human's FER2013 net). */
export const HUMAN_EMOTION = 'humanEmotion';
/**
 * The general-purpose expression networks (HSEmotion on AffectNet, OpenCV's MobileFaceNet on
 * RAF-DB), untrained by us: the mean of their probabilities, disgust dropped (src/core/general-emotion.ts).
 * What a person sees frame by frame, and the answer on footage unlike ours.
 */
export const GENERAL = 'general';
/**
 * `general` calibrated to the person with nothing fitted: divided by the person's mean `general`
 * over their reference clips (src/core/general-emotion.ts `calibratedGeneral`). A given output like
 * `general`, named as a trained model's calibrated variant so the calibrated candidates read it.
 */
export const GENERAL_CALIBRATED = 'general-cal';
/**
 * What emolens answered for a clip, as the page showed it: the shipped answer (ensemble.json's), or
 * `general` where the clip is unlike the training footage (src/core/familiarity). A folder
 * evaluation scores it like a model, so what is measured is what a person is shown.
 */
export const EMOLENS_ANSWER = 'emolens';
/** Every per-frame baseline key. */
export const BASELINE_KEYS = Object.freeze([FRAME_AVERAGE, HUMAN_EMOTION, GENERAL] as const);
/** A per-frame baseline's key. */
export type BaselineKey = (typeof BASELINE_KEYS)[number];

/** The fused outputs the protocol makes (the fused answer candidates, src/training/protocol/recipes.ts). */
export const ENSEMBLE_BASE_NAMES = Object.freeze(['average', 'audioVisual', 'bestSelectionAudioVisual'] as const);
/** A fused output over the models alone. */
export type EnsembleBaseName = (typeof ENSEMBLE_BASE_NAMES)[number];
/** Suffix of a fused output over the person-calibrated models. */
export const CALIBRATED_ENSEMBLE_SUFFIX = 'Cal';
/** A fused output's key. */
export type EnsembleKey = EnsembleBaseName | `${EnsembleBaseName}${typeof CALIBRATED_ENSEMBLE_SUFFIX}`;

/** The speech model's key (its calibrated variant adds CALIBRATED_MODEL_SUFFIX). */
export const SPEECH_MODEL = 'speech';
/** Suffix of a trained model's variant calibrated to the person. */
export const CALIBRATED_MODEL_SUFFIX = '-cal';
/**
 * A trained clip model's key: whatever folder ensemble.json names, so any string (`& {}` keeps the
 * literal keys above offered by the editor).
 */
export type TrainedModelKey = string & {};

/** Any prediction key. */
export type PredictionKey = BaselineKey | EnsembleKey | TrainedModelKey;

/** True for a per-frame baseline's key. */
export function isBaselineKey(key: string): key is BaselineKey {
  return (BASELINE_KEYS as readonly string[]).includes(key);
}

/** True for a fused output's key (alone or calibrated). */
export function isEnsembleKey(key: string): key is EnsembleKey {
  return (ENSEMBLE_BASE_NAMES as readonly string[]).includes(key.endsWith(CALIBRATED_ENSEMBLE_SUFFIX) ? key.slice(0, -CALIBRATED_ENSEMBLE_SUFFIX.length) : key);
}

/** True for the speech model's keys (alone and calibrated to the speaker). */
export function isSpeechModelKey(key: string): boolean {
  return key === SPEECH_MODEL || key === SPEECH_MODEL + CALIBRATED_MODEL_SUFFIX;
}

/** The key of fused output `base`, over the calibrated models when `calibrated`. */
export function ensembleKey(base: EnsembleBaseName, calibrated = false): EnsembleKey {
  return calibrated ? `${base}${CALIBRATED_ENSEMBLE_SUFFIX}` : base;
}

/** Values filed by prediction key (an index signature: trained model keys are any string). */
export type ByPredictionKey<T> = Record<string, T>;
