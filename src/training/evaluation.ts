/** Node-only helpers for reporting: metrics lines, prediction files, and the frameAverage baseline. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { NUM_EMOTIONS } from '../core/labels';
import { classificationReport, predictFromProbabilities } from '../core/metrics/classification-metrics';
import { faceOf } from '../models/clip/clip-features';
import type { CachedClip } from './feature-cache';

/** Per-clip probabilities of one model on a set of clips. */
export interface Predictions {
  files: string[];
  labels: number[];
  probs: number[][];
}

/** The numbers the paper reports: accuracy, weighted F1, mean ± std per-class accuracy (%). */
export interface Metrics {
  accuracy: number;
  weightedF1: number;
  meanAcc: number;
  stdAcc: number;
}

/** Metrics of `p` (absent classes excluded, as in core/metrics). */
export function metricsOf(p: Pick<Predictions, 'labels' | 'probs'>): Metrics {
  const r = classificationReport(p.labels, predictFromProbabilities(p.probs));
  return { accuracy: r.accuracy, weightedF1: r.weightedF1, meanAcc: r.meanAcc, stdAcc: r.stdAcc };
}

/** `acc 54.2 | wF1 51.0 | meanAcc 54.2 ± 20.1` */
export function formatMetrics(m: Metrics): string {
  const pct = (x: number) => (x * 100).toFixed(1);
  return `acc ${pct(m.accuracy)} | wF1 ${pct(m.weightedF1)} | meanAcc ${pct(m.meanAcc)} ± ${pct(m.stdAcc)}`;
}

/**
 * frameAverage: the mean of the main track's per-frame probabilities (uniform when no face);
 * `source: 'fer'` averages the FER net's instead (the app's humanEmotion baseline).
 */
export function frameAveragePredictions(clips: readonly CachedClip[], source: 'face-api' | 'fer' = 'face-api'): Predictions {
  return {
    files: clips.map((c) => c.meta.file),
    labels: clips.map((c) => c.meta.label),
    probs: clips.map((c) => {
      const mean = new Array<number>(NUM_EMOTIONS).fill(c.records.length ? 0 : 1 / NUM_EMOTIONS);
      for (const r of c.records) faceOf(r, source).probs.forEach((p, k) => (mean[k]! += p / c.records.length));
      return mean;
    }),
  };
}

/** Writes predictions as JSON. */
export async function writePredictions(path: string, p: Predictions): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(p)}\n`);
}

/** Reads predictions written by {@link writePredictions}, or undefined if missing. */
export async function readPredictions(path: string): Promise<Predictions | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Predictions;
  } catch {
    return undefined;
  }
}
