/**
 * The report `npm run analyze -- --json` writes and the UI's "export JSON" downloads, and the
 * clip-level prediction every panel shows. Scripts and users read these files: keep field names
 * stable. Built from a clip by src/pipeline/build-report.ts.
 */
import type { NobodyReason } from '../core/speaker/speaker-association';
import { EMOTION_LABELS, type EmotionLabel } from '../core/labels';
import { argmax } from '../core/vector';
import type { ByPredictionKey } from './prediction-keys';
import type { Unlike } from './ensemble-config';

/** The report's `speaker`: the track whose mouth moves with the voice in the soundtrack (null: nobody, or no sound) and its score. */
export interface ReportSpeaker {
  trackId: number | null;
  score: number;
  /** Nobody because several mouths moved with the voice too alike to tell: those tracks and their scores, best first. */
  alike?: { trackId: number; score: number }[];
  /** Why nobody (no voice, every face seen too briefly, no mouth moving, the best too weak, several alike), when there was a sound to associate. */
  nobody?: NobodyReason;
  /** Nobody because the best moving mouth stayed under the line (`weak`): its track (the quoted `score` is its, not necessarily the main face's). */
  closest?: number;
}

/** One model's clip-level answer. */
export interface ClipPrediction {
  label: EmotionLabel;
  probs: number[];
}

/** The JSON report of one analysed video. */
export interface AnalysisReport {
  file: string;
  backend: string;
  labels: EmotionLabel[];
  video: { width: number; height: number; fps: number; frames: number; durationSec: number };
  /** Sampling rate used for analysis (frames per second), or null for every frame. */
  sampleFps: number | null;
  sampledFrames: number;
  /** Times (s) of the analysed frames that begin a new shot (cuts in edited footage); a person's tracks on either side are joined by their look. */
  cuts: number[];
  tracks: {
    id: number;
    frames: number;
    votes: { freq: number; size: number; prob: number; total: number };
    boxes: { t: number; x: number; y: number; w: number; h: number; score: number }[];
  }[];
  mainTrackId: number | null;
  predictions: ByPredictionKey<ClipPrediction>;
  /** The prediction key that is emolens's answer (the ensemble ensemble.json names), when predicted. */
  answer: string | null;
  /**
   * How familiar the clip is to the trained models (src/core/familiarity): its score (≤ 1:
   * familiar, as a new actor of the training set) and the verdict; null when not measured (no
   * general networks, no face, no trained models). Unfamiliar: the answer is `general`; `unlike`
   * says what was unlike the training clips: the scene, the person filmed, their voice (when the main
   * face is the one speaking).
   */
  familiarity: { score: number; familiar: boolean; unlike?: Unlike[] } | null;
  /** Whose the voice in the soundtrack is (see ReportSpeaker). */
  speaker: ReportSpeaker;
  /**
   * How far the voice stands above the steady noise under it, in dB (src/core/audio/background-noise.ts:
   * our clean clips 42 or more; under 32 the speech model is left out, with a warning); null without
   * speech to measure, or when nobody is heard speaking (`speaker.nobody` 'no-voice').
   */
  voiceOverNoiseDb: number | null;
  /**
   * The answer's probability after temperature scaling (ensemble.json's answer temperature); the
   * answer is `answer`, or the frame average without trained models. Null when there is no answer.
   */
  confidence: number | null;
  /** The answer's seven probabilities after the same scaling (paper order), as the page's bars show them beside `confidence`; null without an answer. */
  answerProbs: number[] | null;
  /** True when the answer is not to be stated as one label: low confidence or a short main track. */
  uncertain: boolean;
  /** Why it is uncertain and the two most likely emotions (scaled), when `uncertain`. */
  uncertainty: { reason: string; topTwo: { label: EmotionLabel; p: number }[] } | null;
  warnings: string[];
  timingsMs: Record<string, number>;
  /**
   * What this browser could not read, which emolens converted on the device before analysing
   * (src/video/conversion.ts): `cause` as the warning words it, the whole `video` or its `sound`,
   * the seconds it took, and the picture's long side and bit rate at most. Null: analysed as it is.
   */
  conversion: ReportConversion | null;
}

/** A conversion as the report gives it (AnalysisReport.conversion). */
export interface ReportConversion {
  cause: string;
  kind: 'video' | 'sound';
  seconds: number;
  maxSide: number;
  videoBitsPerSec: number;
}

/** Turns a probability vector into a prediction (label = argmax). */
export function toPrediction(probs: ArrayLike<number>): ClipPrediction {
  return { label: EMOTION_LABELS[argmax(probs)]!, probs: Array.from(probs, (p) => round(p, 6)) };
}

/** Rounds to `digits` decimals (reports stay short and stable across runs). */
export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
