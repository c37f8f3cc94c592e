/**
 * Person calibration on the app's side: which clips serve as a person's
 * reference. A labelled folder is grouped by face (each group its own reference), a long video is
 * its own reference (its main track cut into windows); a clip too short, or a group too small, is
 * analysed uncalibrated. The clip models do the centring (ClipPredictor.predict's `reference`).
 * Plain data and functions: no DOM, no tfjs (the predictor is passed in).
 */
import { speechNoteFor } from '../pipeline/clip-speaker';
import { isEnoughReference, REFERENCE_WINDOW_SEC, referenceWindows } from '../core/calibration/reference-windows';
import { groupByPerson, type GroupingConfig } from '../core/grouping/group-by-person';
import type { EmotionLabel } from '../core/labels';
import type { FaceVotingConfig } from '../core/voting/face-voting';
import { personEmbedding, voteOnClip, type FaceRecord } from '../pipeline/clip-analysis';
import type { AnalysisClient } from '../pipeline/worker/analysis-client';
import { toPrediction } from '../shared/analysis-report';
import type { CalibrationNote } from '../shared/calibration-note';
import type { Session } from './results';
import { answerOf, type EnsembleConfig } from '../shared/ensemble-config';
import type { ClipAnswer, PersonGroup } from '../shared/evaluate-folder';
import { compactClipRecords, type ClipInput } from '../shared/face-record';
import { EMOLENS_ANSWER, GENERAL, GENERAL_CALIBRATED } from '../shared/prediction-keys';

/** A folder's clip as kept until the folder ends: what the clip models read, and who is in it. */
export interface KeptClip {
  clip: ClipInput;
  /** The main track's mean grouping embedding (personEmbedding); null when no embedding ran (no face). */
  embedding: ArrayLike<number> | null;
  /** False when the clip is unlike the training footage: its answer is `general`, calibrated or not. */
  familiar: boolean;
}

/** Predicts one clip, with its person's reference or alone (null), as one label per model. */
export type PredictLabels = (clip: ClipInput, reference: readonly ClipInput[] | null) => Promise<Record<string, EmotionLabel>>;

/**
 * The answer that applies to one clip's predictions: the calibrated one when a reference let its
 * key be computed, else the answer for a clip alone.
 */
export function shownAnswer(config: EnsembleConfig, predictions: Readonly<Record<string, unknown>>): ReturnType<typeof answerOf> {
  const calibrated = answerOf(config, true);
  return calibrated.calibrated && calibrated.name in predictions ? calibrated : answerOf(config);
}

/**
 * The answer shown with a person's reference, off our footage: `general` calibrated to the person
 * (nothing in it learnt from our actors) when it could be computed, else `general`.
 */
export function unfamiliarCalibratedKey(predictions: Readonly<Record<string, unknown>>): string {
  return GENERAL_CALIBRATED in predictions ? GENERAL_CALIBRATED : GENERAL;
}

/** The answer shown with a person's reference: the calibrated answer on footage like ours, else unfamiliarCalibratedKey. */
export function calibratedAnswerKey(config: EnsembleConfig, predictions: Readonly<Record<string, unknown>>, familiar: boolean): string {
  return familiar ? shownAnswer(config, predictions).name : unfamiliarCalibratedKey(predictions);
}

/** Groups the kept clips by face (ids 1, 2, … in folder order); clips without a face are in no group. */
export function groupFolder(files: readonly string[], kept: ReadonlyMap<string, KeptClip>, config?: Partial<GroupingConfig>): PersonGroup[] {
  const indices = groupByPerson(files.map((f) => kept.get(f)?.embedding ?? null), config);
  return indices.map((g, k) => ({ id: k + 1, clips: g.map((i) => files[i]!), reference: isEnoughReference(g.length) }));
}

/**
 * Each clip of the folder again, with its group as reference: the calibrated outcomes. Clips in
 * a group too small to be a reference keep their own answers, as do failed clips, and their
 * calibrated answer (`answers.calibrated`) is their answer alone, as the app would show; models
 * that only exist calibrated have no answer for them (counted wrong). Frame-level models (frame
 * average, baselines), which no reference changes, keep their answers everywhere. With `answers`,
 * EMOLENS_ANSWER becomes what the page shows with the reference: the calibrated answer on a
 * familiar clip, `general-cal` on an unfamiliar one (clips without a reference keep theirs).
 */
export async function calibrateFolder<O extends ClipAnswer>(
  outcomes: readonly O[],
  kept: ReadonlyMap<string, KeptClip>,
  groups: readonly PersonGroup[],
  predict: PredictLabels,
  signal?: AbortSignal,
  answers?: { alone: string; calibrated: string },
): Promise<O[]> {
  const groupOf = new Map(groups.flatMap((g) => g.clips.map((f) => [f, g] as const)));
  const calibrated: O[] = [];
  for (const outcome of outcomes) {
    signal?.throwIfAborted();
    const group = groupOf.get(outcome.file);
    const mine = kept.get(outcome.file);
    if (outcome.failure !== undefined || !group?.reference || !mine) {
      // Without a reference the app shows the answer for a clip alone: so does the calibrated answer here.
      const alone = answers && outcome.predicted[answers.alone];
      calibrated.push({ ...outcome, predicted: { ...outcome.predicted, ...(alone && answers ? { [answers.calibrated]: alone } : {}) } });
      continue;
    }
    const reference = group.clips.map((f) => kept.get(f)!.clip);
    const labels = await predict(mine.clip, reference);
    // What the page would show with this reference (calibratedAnswerKey).
    const shown = answers && (mine.familiar ? labels[answers.calibrated] : (labels[unfamiliarCalibratedKey(labels)] ?? outcome.predicted[GENERAL]));
    calibrated.push({ ...outcome, predicted: { ...outcome.predicted, ...labels, ...(shown ? { [EMOLENS_ANSWER]: shown } : {}) } });
  }
  return calibrated;
}

/** A finished session's main track and speech features with its person's embedding (personEmbedding); null without a face. */
export async function keptClip(session: Session | null, voting: Partial<FaceVotingConfig>): Promise<KeptClip | null> {
  const clip = session?.result?.clip;
  const winner = clip ? voteOnClip(clip, voting).winnerId : null;
  if (!session || !clip || winner === null) return null;
  const records = clip.tracks.get(winner)!;
  const { features } = await session.speech;
  // A voice the speaker check gave to nobody or to another face is kept out here too, as it was alone.
  const notTheirs = session.speaker !== undefined && speechNoteFor(session.speaker, winner, features !== null) !== null;
  // Only what the clip models read, in a buffer of its own: the folder holds every clip's until it ends.
  const kept = { records: compactClipRecords(records), speech: notTheirs ? null : features };
  return { clip: kept, embedding: personEmbedding(records), familiar: session.familiarity?.familiar ?? true };
}

/** The clip models' and ensembles' labels for one clip, with a person reference or alone. */
export async function predictLabels(
  client: Pick<AnalysisClient, 'predict'>,
  clip: ClipInput,
  reference: readonly ClipInput[] | null,
): Promise<Record<string, EmotionLabel>> {
  const probs = await client.predict(clip, reference ?? undefined);
  return Object.fromEntries(Object.entries(probs).map(([m, p]) => [m, toPrediction(p).label]));
}

/**
 * Fewest records a reference window should hold. A long video's track is thinned (at most
 * DEFAULT_MAX_RECORDS_PER_TRACK records, evenly spread), so its windows stretch to hold this many.
 */
export const MIN_WINDOW_RECORDS = 8;

/**
 * A single video's own reference: its main track cut into windows of REFERENCE_WINDOW_SEC, or
 * longer when the track is thinned (an hour of face: 256–512 records, windows of a minute or two),
 * so each holds at least MIN_WINDOW_RECORDS (the last one at least half that). Speech features are the whole clip's only: none per window.
 */
export function videoReference(records: readonly FaceRecord[]): ClipInput[] {
  const n = records.length;
  const spacing = n > 1 ? (records[n - 1]!.tSec - records[0]!.tSec) / (n - 1) : 0;
  // Half a record more than the minimum, so rounding never leaves a full window one record short.
  return referenceWindows(records, Math.max(REFERENCE_WINDOW_SEC, (MIN_WINDOW_RECORDS + 0.5) * spacing)).map((w) => ({ records: w, speech: null }));
}

export type { CalibrationNote };

/** The note for a single video whose main track made `windows` reference windows. */
export function videoCalibrationNote(windows: number, calibrates: boolean): CalibrationNote {
  if (!calibrates) return { calibrated: false, sentence: 'Analysed uncalibrated: none of the loaded models adapts to the person.' };
  if (!isEnoughReference(windows)) {
    return {
      calibrated: false,
      sentence: 'Analysed uncalibrated: the clip is shorter than about half a minute, too short to learn this person’s own baseline.',
    };
  }
  return { calibrated: true, sentence: `Calibrated to this person: the video's ${windows} stretches of ${REFERENCE_WINDOW_SEC} s are their baseline.` };
}
