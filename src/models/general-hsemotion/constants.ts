/** Defaults and weight path of general-hsemotion (HSEmotion mobilenet_7, AffectNet; general-models/README.md). */

export const GENERAL_HSEMOTION_WEIGHTS = 'general/hsemotion-mobilenet7-affectnet.tflite';

/** Side the network was trained at. It ends in a global mean, so smaller squares also run (cheaper, less detail). */
export const GENERAL_HSEMOTION_INPUT_SIZES = Object.freeze([224, 160, 112] as const);

/** One of the allowed input sides. */
export type GeneralHsemotionInputSize = (typeof GENERAL_HSEMOTION_INPUT_SIZES)[number];

/** Per-channel means subtracted from the BGR input (Keras `imagenet_utils` 'caffe' mode), B, G, R. */
export const GENERAL_HSEMOTION_BGR_MEANS: readonly [number, number, number] = [103.939, 116.779, 123.68];

/** Length of the `feats` embedding (the first dense layer's output, after its ReLU). */
export const GENERAL_HSEMOTION_FEATURE_SIZE = 256;

/** Per-call settings. */
export interface GeneralHsemotionConfig {
  /** Average each crop with its mirror image (probabilities and features). */
  mirror: boolean;
  /** Margin around each face box as a fraction of its side, on every side (square crop around the box centre). */
  padding: number;
  /** Crop side fed to the net: 224 (trained), 160 (about half the cost) or 112 (a third). */
  inputSize: GeneralHsemotionInputSize;
}

export const GENERAL_HSEMOTION_DEFAULTS: Readonly<GeneralHsemotionConfig> = Object.freeze({ mirror: true, padding: 0, inputSize: 224 });
