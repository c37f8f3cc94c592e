/**
 * The report `npm run analyze -- --json` writes and the UI's "export JSON" downloads, built from a
 * ClipAnalysis. The shape is the contract in issue 6; keep field names stable.
 */
import { EMOTION_LABELS, type EmotionLabel } from '../core/labels';
import type { FaceVotingConfig } from '../core/voting/face-voting';
import { argmax } from '../core/vector';
import type { VideoInfo } from '../video/open-video';
import { answerConfidence, type ConfidenceSettings } from '../core/calibration/answer-confidence';
import { averageBaselineProbs, averageProbs, trackSeconds, voteOnClip, type ClipAnalysis } from './clip-analysis';
import { NO_SPEAKER, type ClipSpeaker } from './clip-speaker';

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
  tracks: {
    id: number;
    frames: number;
    votes: { freq: number; size: number; prob: number; total: number };
    boxes: { t: number; x: number; y: number; w: number; h: number; score: number }[];
  }[];
  mainTrackId: number | null;
  predictions: Record<string, ClipPrediction>;
  /** The prediction key that is emolens's answer (the ensemble ensemble.json names), when predicted. */
  answer: string | null;
  /** The track whose mouth moves with the voice in the soundtrack (null: nobody, or no sound), and its score. */
  speaker: ClipSpeaker;
  /**
   * The answer's probability after temperature scaling (ensemble.json's `confidence`); the answer is
   * `answer`, or the frame average without trained models. Null when there is no answer.
   */
  confidence: number | null;
  /** True when the answer is not to be stated as one label: low confidence or a short main track. */
  uncertain: boolean;
  /** Why it is uncertain and the two most likely emotions (scaled), when `uncertain`. */
  uncertainty: { reason: string; topTwo: { label: EmotionLabel; p: number }[] } | null;
  warnings: string[];
  timingsMs: Record<string, number>;
}

/** Turns a probability vector into a prediction (label = argmax). */
export function toPrediction(probs: ArrayLike<number>): ClipPrediction {
  return { label: EMOTION_LABELS[argmax(probs)]!, probs: Array.from(probs, (p) => round(p, 6)) };
}

/** Inputs to `buildReport` besides the analysis itself. */
export interface ReportContext {
  file: string;
  backend: string;
  info: VideoInfo;
  sampleFps: number | undefined;
  timingsMs: Record<string, number>;
  /** Clip-level predictions of models beyond the frame average (temporal models, ensembles). */
  extraPredictions?: Record<string, ClipPrediction>;
  /** Said after the report's own warnings (e.g. why the speech model did not answer). */
  extraWarnings?: readonly string[];
  /** Which prediction is emolens's answer (ensemble.json's `answer`). */
  answer?: string;
  voting?: Partial<FaceVotingConfig>;
  /** Who speaks (src/pipeline/clip-speaker.ts); nobody when absent. */
  speaker?: ClipSpeaker;
  /** Temperature and threshold from ensemble.json (DEFAULT_CONFIDENCE when absent). */
  confidence?: ConfidenceSettings;
}

/** Builds the report: tracks with their votes and boxes, the main track, and predictions. */
export function buildReport(clip: ClipAnalysis, ctx: ReportContext): AnalysisReport {
  const vote = voteOnClip(clip, ctx.voting);
  const tracks = vote.votes.map((v) => ({
    id: v.id,
    frames: v.appearances,
    votes: { freq: round(v.wFreq, 6), size: round(v.wSize, 6), prob: round(v.wProb, 6), total: round(v.total, 6) },
    boxes: (clip.tracks.get(v.id) ?? []).map((r) => ({
      t: round(r.tSec, 4),
      x: round(r.box.x, 1),
      y: round(r.box.y, 1),
      w: round(r.box.w, 1),
      h: round(r.box.h, 1),
      score: round(r.score, 4),
    })),
  }));
  const warnings: string[] = [];
  const predictions: Record<string, ClipPrediction> = {};
  if (vote.winnerId === null) {
    const thin = vote.votes.length > 0 ? ` (${vote.votes.length} brief or unsure face track${vote.votes.length > 1 ? 's' : ''}, too little evidence for a main face)` : '';
    warnings.push(clip.sampledFrames === 0 ? 'No frame could be analysed.' : `No face was found in this video${thin}.`);
  } else {
    const main = clip.tracks.get(vote.winnerId) ?? [];
    predictions.frameAverage = toPrediction(averageProbs(main));
    for (const [name, probs] of Object.entries(averageBaselineProbs(main))) predictions[name] = toPrediction(probs);
    Object.assign(predictions, ctx.extraPredictions ?? {});
  }
  warnings.push(...(ctx.extraWarnings ?? []));
  const { info } = ctx;
  const answer = ctx.answer !== undefined && predictions[ctx.answer] ? ctx.answer : null;
  const stated = predictions[answer ?? 'frameAverage'];
  const sure = stated && vote.winnerId !== null ? answerConfidence(stated.probs, trackSeconds(clip, vote.winnerId), ctx.confidence) : null;
  return {
    file: ctx.file,
    backend: ctx.backend,
    labels: [...EMOTION_LABELS],
    video: { width: info.width, height: info.height, fps: round(info.fps, 3), frames: info.frameCount, durationSec: round(info.durationSec, 3) },
    sampleFps: ctx.sampleFps ?? null,
    sampledFrames: clip.sampledFrames,
    tracks,
    mainTrackId: vote.winnerId,
    predictions,
    answer,
    speaker: ctx.speaker ?? NO_SPEAKER,
    confidence: sure ? round(sure.confidence, 4) : null,
    uncertain: sure?.uncertain ?? false,
    uncertainty: sure?.reason ? { reason: sure.reason, topTwo: sure.topTwo.map((t) => ({ label: t.label, p: round(t.p, 4) })) } : null,
    warnings,
    timingsMs: Object.fromEntries(Object.entries(ctx.timingsMs).map(([k, v]) => [k, round(v, 1)])),
  };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
