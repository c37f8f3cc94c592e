/**
 * The live camera's clock and its measured speed: how many pictures were analysed, and how long
 * each took from the moment it was grabbed to the moment its boxes were first drawn. Plain data (no
 * DOM): the camera run counts analyses, the overlay reports draws, and `npm run bench -- --webcam`
 * reads the summary through the page's diagnostics. Bounded: a long session keeps only the newest
 * samples, so memory stays flat.
 */
import { quantile } from '../core/vector';

/** Samples kept (about a minute at 30 analyses a second). */
const MAX_SAMPLES = 2048;

/** What the camera achieved over a window of time. */
export interface CameraSummary {
  /** Pictures analysed in the window, and per second of it. */
  analysed: number;
  analysedFps: number;
  /** Grab-to-draw latency of the pictures drawn in the window (ms), or null when none was drawn. */
  latencyMsP50: number | null;
  latencyMsP95: number | null;
  latencyMsMax: number | null;
  /** Length of the window (seconds). */
  windowSec: number;
  /**
   * Where each picture's time went, per stage (the worker's stages, 'decode' being its wait for the
   * picture, 'cameraPicture' the part of that wait it spent reading a camera picture's pixels
   * (its bitmap for the page is made during the analysis; 'bitmapWait' is what was left to wait),
   * 'pageOnFrame' the page's handling of the result, and 'pageGrabWait' the page's time from the
   * previous result to this picture's grab): on how many of the window's
   * pictures it ran, its median when it ran, and its mean over all the window's pictures (ms).
   */
  stagesMs: Record<string, { runs: number; p50: number; perPicture: number }>;
  /** Median of the worker's busy time per picture (every stage but 'decode' and 'pageOnFrame'), ms; null with no breakdown. */
  workerMsP50: number | null;
}

/** The camera's clock and counters for one camera session. */
export interface CameraStats {
  /** performance.now() at which the session's `tSec` is 0. */
  readonly originMs: number;
  /** The session's time (seconds) at performance.now() = `nowMs`. */
  tSecAt(nowMs: number): number;
  /** The analysis of the picture grabbed at `tSec` came back at `nowMs`, with its ms per stage when known. */
  analysed(tSec: number, nowMs: number, stageMs?: Readonly<Record<string, number>>): void;
  /** The boxes of the picture grabbed at `tSec` were drawn at `nowMs`; later draws of the same picture are ignored. */
  drawn(tSec: number, nowMs: number): void;
  /** Analyses and latencies after `sinceMs` (performance.now() time) up to `nowMs`. */
  summary(sinceMs: number, nowMs: number): CameraSummary;
}

/** Stages that are not the worker's own work on a picture ('scaledCameraPicture' repeats cameraPicture's time for pictures the browser scaled). */
const NOT_WORKER = new Set(['decode', 'pageOnFrame', 'pageGrabWait', 'scaledCameraPicture']);

/** A bounded list of [time ms, value] samples. */
function createSamples<T = number>() {
  const times: number[] = [];
  const values: T[] = [];
  return {
    add(tMs: number, value: T) {
      times.push(tMs);
      values.push(value);
      if (times.length > MAX_SAMPLES) {
        times.splice(0, times.length - MAX_SAMPLES);
        values.splice(0, values.length - MAX_SAMPLES);
      }
    },
    since(tMs: number): T[] {
      return values.filter((_, i) => times[i]! > tMs);
    },
  };
}

/** Starts the counters of a session whose clock starts at `originMs`. */
export function createCameraStats(originMs: number): CameraStats {
  const analyses = createSamples<Readonly<Record<string, number>> | null>();
  const latencies = createSamples();
  let lastDrawnSec = -Infinity;
  const round1 = (x: number) => Math.round(x * 10) / 10;
  return {
    originMs,
    tSecAt: (nowMs) => (nowMs - originMs) / 1000,
    analysed(_tSec, nowMs, stageMs) {
      analyses.add(nowMs, stageMs ?? null);
    },
    drawn(tSec, nowMs) {
      if (tSec <= lastDrawnSec) return;
      lastDrawnSec = tSec;
      latencies.add(nowMs, nowMs - (originMs + tSec * 1000));
    },
    summary(sinceMs, nowMs) {
      const windowSec = Math.max(1e-3, (nowMs - sinceMs) / 1000);
      const pictures = analyses.since(sinceMs);
      const analysed = pictures.length;
      const lat = latencies.since(sinceMs);
      const q = (p: number) => (lat.length ? round1(quantile(lat, p)) : null);
      return {
        analysed,
        analysedFps: round1(analysed / windowSec),
        latencyMsP50: q(0.5),
        latencyMsP95: q(0.95),
        latencyMsMax: lat.length ? round1(Math.max(...lat)) : null,
        windowSec: round1(windowSec),
        ...stageSummary(pictures, round1),
      };
    },
  };
}

/** Per-stage figures of the pictures that came with a breakdown (see CameraSummary.stagesMs). */
function stageSummary(pictures: readonly (Readonly<Record<string, number>> | null)[], round1: (x: number) => number) {
  const known = pictures.filter((p): p is Readonly<Record<string, number>> => p !== null);
  const byStage = new Map<string, number[]>();
  const busy: number[] = [];
  for (const p of known) {
    let worker = 0;
    for (const [stage, ms] of Object.entries(p)) {
      const list = byStage.get(stage);
      if (list) list.push(ms);
      else byStage.set(stage, [ms]);
      if (!NOT_WORKER.has(stage)) worker += ms;
    }
    busy.push(worker);
  }
  const stagesMs: CameraSummary['stagesMs'] = {};
  for (const [stage, list] of byStage) {
    stagesMs[stage] = { runs: list.length, p50: round1(quantile(list, 0.5)), perPicture: round1(list.reduce((s, x) => s + x, 0) / known.length) };
  }
  return { stagesMs, workerMsP50: busy.length ? round1(quantile(busy, 0.5)) : null };
}
