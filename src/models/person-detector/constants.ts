/** Defaults, tensor names and weight paths of the person detector (Human's CenterNet, COCO). */

export const PERSON_DETECTOR_WEIGHTS = 'human/centernet.json';

/** Network input side; the frame is padded to a square (bottom/right, black) and resized to this. */
export const CENTERNET_INPUT_SIZE = 512;
/** Output [1, 100, 6]: x1, y1, x2, y2, score, class, in input-size pixels. */
export const CENTERNET_DETECTIONS = 'tower_0/detections';
/** Backbone activation [1, 16, 16, 480], pooled into context features. */
export const CENTERNET_BACKBONE = 'tower_0/extern1/hard_swish/mul_1';
export const CENTERNET_GRID = 16;
/** Length of one context feature. */
export const CONTEXT_FEATURE_SIZE = 480;
/** COCO class index of "person". */
export const PERSON_CLASS = 0;

/** Per-call settings. */
export interface PersonDetectorConfig {
  /** Keep persons scoring at least this (Human's default for CenterNet: 0.2). */
  scoreThreshold: number;
  /** Suppress a person box overlapping a higher-scoring one by more than this IoU. */
  iouThreshold: number;
  /** At most this many persons, best first. */
  maxPersons: number;
}

export const PERSON_DETECTOR_DEFAULTS: Readonly<PersonDetectorConfig> = Object.freeze({
  scoreThreshold: 0.2,
  iouThreshold: 0.4,
  maxPersons: 10,
});
