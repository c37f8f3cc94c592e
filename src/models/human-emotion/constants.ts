/** Defaults and weight paths of human-emotion (Human's emotion.json, oarriaga FER2013 mini-Xception). */

export const HUMAN_EMOTION_WEIGHTS = 'human/emotion.json';
/** Input [N, 64, 64, 1], greyscale in -1…1. */
export const HUMAN_EMOTION_INPUT_SIZE = 64;
/** Graph nodes read per call: the softmax, and the last residual block (its average is the feature). */
export const HUMAN_EMOTION_OUTPUT_NODE = 'Identity';
export const HUMAN_EMOTION_FEATURE_NODE = 'StatefulPartitionedCall/model_1/add_2/add';
export const HUMAN_EMOTION_FEATURE_DIM = 256;
/** Greyscale weights Human uses (MATLAB rgb2gray). */
export const GREY_WEIGHTS: readonly [number, number, number] = [0.2989, 0.587, 0.114];

/** Per-call settings. */
export interface HumanEmotionConfig {
  /** Average each crop with its mirror image (features, and probabilities from them); the trained heads expect it. */
  mirror: boolean;
  /** Margin around each face box as a fraction of its side, on every side (square crop). */
  padding: number;
}

export const HUMAN_EMOTION_DEFAULTS: Readonly<HumanEmotionConfig> = Object.freeze({ padding: 0, mirror: true });
