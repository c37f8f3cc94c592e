/** Pure summaries of benchmark samples (tested in Node). */
import { quantile } from '../core/vector';

/** Median and 95th percentile of one stage, in ms per call. */
export interface StageStats {
  medianMs: number;
  p95Ms: number;
  calls: number;
}

/** Median/p95 per stage from raw samples; stages without samples are left out. */
export function summarizeStages(samples: Record<string, number[]>): Record<string, StageStats> {
  const out: Record<string, StageStats> = {};
  for (const [stage, values] of Object.entries(samples)) {
    if (values.length === 0) continue;
    out[stage] = { medianMs: round1(quantile(values, 0.5)), p95Ms: round1(quantile(values, 0.95)), calls: values.length };
  }
  return out;
}

/** Rounds to 0.1. */
export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
