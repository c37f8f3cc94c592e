/**
 * Builds the report `npm run analyze -- --json` writes and the UI's "export JSON" downloads
 * (its shape: src/shared/analysis-report.ts) from a ClipAnalysis.
 */
import { EMOTION_LABELS } from '../core/labels';
import type { FaceVotingConfig } from '../core/voting/face-voting';
import { round, toPrediction, type AnalysisReport, type ClipPrediction } from '../shared/analysis-report';
import type { VideoInfo } from '../shared/video-info';
import { answerConfidence, type ConfidenceSettings } from '../core/calibration/answer-confidence';
import { averageBaselineProbs, averageProbs, trackSeconds, voteOnClip, type ClipAnalysis } from './clip-analysis';
import { NO_SPEAKER, type ClipSpeaker } from './clip-speaker';
import { FRAME_AVERAGE, type ByPredictionKey } from '../shared/prediction-keys';

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
  /** The clip's familiarity to the trained models (null or absent: not measured). */
  familiarity?: AnalysisReport['familiarity'];
  /** The voice over the steady noise under it (dB; null or absent: no speech measured). */
  voiceOverNoiseDb?: number | null;
  /** The conversion the file went through first (null or absent: none). */
  conversion?: AnalysisReport['conversion'];
}

/**
 * Said with "No face was found": faces are found upright, so a picture stored sideways without the
 * rotation tag players follow (real-files.md) shows none, and the person can turn it and try again.
 */
export const NO_FACE_HINT = ' Faces were looked for upright, and on a few frames turned sideways and upside down.';

/**
 * Said of a video analysed turned (VideoInfo.turn). Its faces read upright only turned: a picture
 * stored turned without a rotation tag, or a person lying on their side filmed upright (a sofa, a
 * bed; our clip turned inside an upright frame is turned and read as the upright clip) — the look
 * cannot tell the two apart, so the sentence names both.
 */
export function turnedWarning(turn: number): string {
  return `This video's faces are upright only turned (its picture stored turned without a rotation tag, or the person lying on their side): emolens turned it ${turn}° clockwise to read the faces, and shows it turned.`;
}

/**
 * A file's first analysed frame later than this (seconds) had no picture before it: a stream
 * picked up mid-GOP, whose frames before the first key frame cannot be decoded (decode-frames.ts).
 */
export const LATE_PICTURE_SEC = 0.5;

/** Said of a file whose picture starts late (LATE_PICTURE_SEC). */
export function latePictureWarning(startSec: number): string {
  return `This video's picture starts at ${startSec.toFixed(1)} s: nothing before it could be decoded (a recording picked up mid-stream has frames that need ones it lacks), so the analysis starts there.`;
}

/** Said of a file whose data ends before the frames its header announces (VideoInfo.declaredFrames). */
export function endsEarlyWarning(frames: number, declared: number): string {
  return `This video file ends early: ${frames} of the ${declared} frames its header announces are there (a recording cut short), so the analysis covers what is there.`;
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
  const warnings: string[] = ctx.info.turn ? [turnedWarning(ctx.info.turn)] : [];
  const pictureStart = clip.frameTimes[0];
  if (pictureStart !== undefined && pictureStart > LATE_PICTURE_SEC) warnings.push(latePictureWarning(pictureStart));
  if (ctx.info.declaredFrames !== undefined) warnings.push(endsEarlyWarning(ctx.info.frameCount, ctx.info.declaredFrames));
  const predictions: ByPredictionKey<ClipPrediction> = {};
  if (vote.winnerId === null) {
    const thin = vote.votes.length > 0 ? ` (${vote.votes.length} brief or unsure face track${vote.votes.length > 1 ? 's' : ''}, too little evidence for a main face)` : '';
    // The page looks turned only where no face was found at all (file-runner.ts).
    warnings.push(clip.sampledFrames === 0 ? 'No frame could be analysed.' : thin ? `No face was found in this video${thin}.` : `No face was found in this video.${NO_FACE_HINT}`);
  } else {
    const main = clip.tracks.get(vote.winnerId) ?? [];
    predictions[FRAME_AVERAGE] = toPrediction(averageProbs(main));
    for (const [name, probs] of Object.entries(averageBaselineProbs(main))) predictions[name] = toPrediction(probs);
    Object.assign(predictions, ctx.extraPredictions ?? {});
  }
  warnings.push(...(ctx.extraWarnings ?? []));
  const { info } = ctx;
  const answer = ctx.answer !== undefined && predictions[ctx.answer] ? ctx.answer : null;
  const stated = predictions[answer ?? FRAME_AVERAGE];
  const sure = stated && vote.winnerId !== null ? answerConfidence(stated.probs, trackSeconds(clip, vote.winnerId), ctx.confidence) : null;
  return {
    file: ctx.file,
    backend: ctx.backend,
    labels: [...EMOTION_LABELS],
    video: { width: info.width, height: info.height, fps: round(info.fps, 3), frames: info.frameCount, durationSec: round(info.durationSec, 3) },
    sampleFps: ctx.sampleFps ?? null,
    sampledFrames: clip.sampledFrames,
    cuts: clip.shotStarts.map((t) => round(t, 3)),
    tracks,
    mainTrackId: vote.winnerId,
    predictions,
    answer,
    familiarity: ctx.familiarity ?? null,
    speaker: ctx.speaker ?? NO_SPEAKER,
    voiceOverNoiseDb: ctx.voiceOverNoiseDb == null ? null : round(ctx.voiceOverNoiseDb, 1),
    conversion: ctx.conversion ? { ...ctx.conversion, seconds: round(ctx.conversion.seconds, 2) } : null,
    confidence: sure ? round(sure.confidence, 4) : null,
    answerProbs: sure ? sure.probs.map((p) => round(p, 4)) : null,
    uncertain: sure?.uncertain ?? false,
    uncertainty: sure?.reason ? { reason: sure.reason, topTwo: sure.topTwo.map((t) => ({ label: t.label, p: round(t.p, 4) })) } : null,
    warnings,
    timingsMs: Object.fromEntries(Object.entries(ctx.timingsMs).map(([k, v]) => [k, round(v, 1)])),
  };
}
