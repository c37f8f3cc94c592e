/**
 * A folder of videos without labels (no labels.csv, no folder named by an emotion): what emolens
 * answers for each clip, alone and calibrated to the person its face was grouped with, whether the
 * footage was like the training clips, or why the clip failed. Nothing is scored. Pure data and
 * functions: the page shows it and exports it as JSON and CSV.
 */
import type { EmotionLabel } from '../core/labels';
import type { ClipAnswer, PersonGroup } from './evaluate-folder';
import { EMOLENS_ANSWER } from './prediction-keys';

/** One clip's row. */
export interface FolderAnswerRow {
  file: string;
  /** What the page shows for the clip alone; null when it failed (or nothing answered). */
  answer: EmotionLabel | null;
  /** The same calibrated to its person's group (the answer alone where the group is too small to be a reference); null until the folder is done. */
  calibrated: EmotionLabel | null;
  /** The person (group id) its face was grouped with; null for a clip in no group. */
  person: number | null;
  /** Whether the clip was like the training footage (else `general` answered it); null when not known. */
  familiar: boolean | null;
  failure: string | null;
  /** What this browser could not read of the clip, converted on the device first; null: read as it is. */
  converted: string | null;
  /** Every model's label, as an evaluated folder's per-clip rows have them. */
  predicted: Record<string, EmotionLabel>;
}

/** An unlabelled folder's answers (its JSON export). */
export interface FolderAnswersReport {
  clips: FolderAnswerRow[];
  groups: PersonGroup[];
}

/** The rows of `answers` (in folder order) with their calibrated answers and groups, when known. */
export function buildFolderAnswers(answers: readonly ClipAnswer[], calibrated: readonly ClipAnswer[], groups: readonly PersonGroup[]): FolderAnswersReport {
  const calibratedOf = new Map(calibrated.map((c) => [c.file, c]));
  const personOf = new Map(groups.flatMap((g) => g.clips.map((f) => [f, g.id] as const)));
  return {
    clips: answers.map((a) => ({
      file: a.file,
      answer: a.predicted[EMOLENS_ANSWER] ?? null,
      calibrated: calibratedOf.get(a.file)?.predicted[EMOLENS_ANSWER] ?? null,
      person: personOf.get(a.file) ?? null,
      familiar: a.familiarity?.familiar ?? null,
      failure: a.failure ?? null,
      converted: a.converted ?? null,
      predicted: { ...a.predicted },
    })),
    groups: groups.map((g) => ({ ...g, clips: [...g.clips] })),
  };
}

/** What a row's note says: why it failed, or that the general networks answered a clip unlike the training footage; empty otherwise. */
export function answerNote(row: Pick<FolderAnswerRow, 'failure' | 'familiar'>): string {
  return row.failure ?? (row.familiar === false ? 'unlike the training footage: the general networks answer' : '');
}
