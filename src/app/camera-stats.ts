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
}

/** The camera's clock and counters for one camera session. */
export interface CameraStats {
  /** performance.now() at which the session's `tSec` is 0. */
  readonly originMs: number;
  /** The session's time (seconds) at performance.now() = `nowMs`. */
  tSecAt(nowMs: number): number;
  /** The analysis of the picture grabbed at `tSec` came back at `nowMs`. */
  analysed(tSec: number, nowMs: number): void;
  /** The boxes of the picture grabbed at `tSec` were drawn at `nowMs`; later draws of the same picture are ignored. */
  drawn(tSec: number, nowMs: number): void;
  /** Analyses and latencies after `sinceMs` (performance.now() time) up to `nowMs`. */
  summary(sinceMs: number, nowMs: number): CameraSummary;
}

/** A bounded list of [time ms, value] samples. */
function createSamples() {
  const times: number[] = [];
  const values: number[] = [];
  return {
    add(tMs: number, value: number) {
      times.push(tMs);
      values.push(value);
      if (times.length > MAX_SAMPLES) {
        times.splice(0, times.length - MAX_SAMPLES);
        values.splice(0, values.length - MAX_SAMPLES);
      }
    },
    since(tMs: number): number[] {
      return values.filter((_, i) => times[i]! > tMs);
    },
  };
}

/** Starts the counters of a session whose clock starts at `originMs`. */
export function createCameraStats(originMs: number): CameraStats {
  const analyses = createSamples();
  const latencies = createSamples();
  let lastDrawnSec = -Infinity;
  const round1 = (x: number) => Math.round(x * 10) / 10;
  return {
    originMs,
    tSecAt: (nowMs) => (nowMs - originMs) / 1000,
    analysed(tSec, nowMs) {
      analyses.add(nowMs, tSec);
    },
    drawn(tSec, nowMs) {
      if (tSec <= lastDrawnSec) return;
      lastDrawnSec = tSec;
      latencies.add(nowMs, nowMs - (originMs + tSec * 1000));
    },
    summary(sinceMs, nowMs) {
      const windowSec = Math.max(1e-3, (nowMs - sinceMs) / 1000);
      const analysed = analyses.since(sinceMs).length;
      const lat = latencies.since(sinceMs);
      const q = (p: number) => (lat.length ? round1(quantile(lat, p)) : null);
      return {
        analysed,
        analysedFps: round1(analysed / windowSec),
        latencyMsP50: q(0.5),
        latencyMsP95: q(0.95),
        latencyMsMax: lat.length ? round1(Math.max(...lat)) : null,
        windowSec: round1(windowSec),
      };
    },
  };
}
