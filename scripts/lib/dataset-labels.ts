/** The Javanese dataset's labels.csv (file, actor, sentence, emotion_code, label), read by the Node scripts. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EMOTION_LABELS, parseEmotionLabelOrThrow } from '../../src/core/labels';
import type { LabelRow } from '../../src/training/extract-clip';

/** The shared dataset folder, next to the repository (never copied into it). */
export const DATA_DIR = resolve('../shared/data/javanese');

export type { LabelRow };

/** The rows of `<dataDir>/labels.csv`, in file order. */
export function readLabels(dataDir: string): LabelRow[] {
  const lines = readFileSync(join(dataDir, 'labels.csv'), 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => {
    const [file, actor, sentence, , label] = line.split(',').map((s) => s.trim()) as [string, string, string, string, string];
    return { file, actor, sentence, label: EMOTION_LABELS.indexOf(parseEmotionLabelOrThrow(label)) };
  });
}
