/**
 * Measured constants of the speaker association (issue 29), each with where it came from
 * (docs/speaker.md).
 */
import type { MouthPixels } from './mouth-pixels';
import type { SpeakerConfig } from './speaker-association';

/** The dense mouth measure. */
export const MOUTH_TRACE = Object.freeze({
  /** Grey frames per second the decoder sends for it (the issue asks ≥ 12; 15 is every second frame at 30 fps). */
  fps: 15,
  /** A frame within this of its slot on the mouth grid fills it (container times are rounded to µs). */
  gridToleranceSec: 0.001,
  /** Which of the pixel measures is the mouth's number (docs/speaker.md: chosen on our clips). */
  measure: 'steadyMotion' as keyof MouthPixels,
  /** Longest gap between a track's analysed frames that is bridged by interpolating its lips' region. */
  maxBridgeSec: 0.5,
  /**
   * Longest side of the grey frames (our clips' own size: their measure is unchanged). A 1080p file's
   * grey frames at the analysed 640×360 cost the decode worker more than the networks' frame did.
   */
  maxSide: 360,
  /**
   * A change of the whole picture's mean grey level (0–255) larger than this between two grey frames
   * is the light's, not the lips' (a cut from black, a fade, a lamp): the mouth is not measured
   * across it. Our talking clips change by 0.11 (median), 0.90 (99th percentile), at most 2.5; 47
   * of the 168 open with black frames that jump by 123–129 to the picture, and a 1-s fade steps by ~8.5.
   */
  maxLightStep: 4,
});

/** The association's thresholds (SpeakerConfig). */
export const SPEAKER_DEFAULTS: SpeakerConfig = Object.freeze({
  minSamples: 12,
  minScore: 0.3,
  minMargin: 0.2,
  minMouthStd: 0.3,
  // Our 168 clips hold 1.15 s or more (median 2.25); the mouth needs 0.8 s of samples anyway. Until
  // 2026-12-07 a share (10 % of the windows), which a sentence and 30 s of silence after it missed.
  minVoicedSec: 0.5,
  // Our 168 voices hold 0.12 s or more, music alone mostly none (docs/speaker.md, "A soundtrack with no voice").
  minSpokenSec: 0.1,
  search: Object.freeze({ minLagSec: -0.1, maxLagSec: 0.2, stepSec: 1 / 30, halfWindowSec: 1 / 30, rangeDb: 40, highPassSec: 0, audio: 'level' as const }),
});
