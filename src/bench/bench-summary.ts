/** Pure summaries of benchmark samples (tested in Node). */
import { quantile } from '../core/vector';
import type { DeviceWork } from '../models/device-work';

/** Median and 95th percentile of one stage, in ms per call. */
export interface StageStats {
  medianMs: number;
  p95Ms: number;
  calls: number;
  /** All calls together: a stage's share of the run, which the median misses for stages that vary (waits). */
  totalMs: number;
}

/** Median/p95 per stage from raw samples; stages without samples are left out. */
export function summarizeStages(samples: Record<string, number[]>): Record<string, StageStats> {
  const out: Record<string, StageStats> = {};
  for (const [stage, values] of Object.entries(samples)) {
    if (values.length === 0) continue;
    out[stage] = { medianMs: round1(quantile(values, 0.5)), p95Ms: round1(quantile(values, 0.95)), calls: values.length, totalMs: round1(values.reduce((s, v) => s + v, 0)) };
  }
  return out;
}

/** Rounds to 0.1. */
export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** Per analysed frame: downloads (median, most), synchronous ones (most), GPU dispatches and kernels (median). */
export interface DeviceWorkSummary {
  frames: number;
  mostFaces: number;
  readbacks: { median: number; max: number };
  syncReadbacks: number;
  dispatches: { median: number; max: number } | null;
  kernels: number;
}

/** Summarises each frame's counts (src/bench/device-work-check.ts); null without frames. */
export function summarizeDeviceWork(frames: readonly (DeviceWork & { faces: number })[]): DeviceWorkSummary | null {
  if (frames.length === 0) return null;
  const of = (pick: (w: DeviceWork) => number) => frames.map(pick);
  const spread = (xs: number[]) => ({ median: quantile(xs, 0.5), max: Math.max(...xs) });
  return {
    frames: frames.length,
    mostFaces: Math.max(...frames.map((f) => f.faces)),
    readbacks: spread(of((w) => w.readbacks)),
    syncReadbacks: Math.max(...of((w) => w.syncReadbacks)),
    dispatches: frames[0]!.dispatches === null ? null : spread(of((w) => w.dispatches ?? 0)),
    kernels: quantile(of((w) => w.kernels), 0.5),
  };
}
