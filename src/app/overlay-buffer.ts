/**
 * Analysed frames indexed by time, kept outside the store: playback draws the entry nearest to
 * (and not after) the current media time, so the video never waits for a model.
 */
import type { Box } from '../core/geometry';

/** One face as the overlay draws it. */
export interface OverlayFace {
  trackId: number;
  box: Box;
  score: number;
  /** Emotion probabilities, paper label order. */
  probs: ArrayLike<number>;
}

/** One analysed frame. */
export interface OverlayEntry {
  tSec: number;
  faces: OverlayFace[];
}

/** How far behind the media time the nearest analysed frame may be before the overlay says so. */
export const CATCHING_UP_SEC = 0.5;

/** A time-ordered buffer of analysed frames. */
export interface OverlayBuffer {
  /** Adds an entry; entries must come in time order (an older one replaces the tail after it). */
  push(entry: OverlayEntry): void;
  /** The latest entry with tSec ≤ t (+ a millisecond of slack), or null. */
  at(tSec: number): OverlayEntry | null;
  /** The most recent entry, or null. */
  latest(): OverlayEntry | null;
  /** Where `trackId` was last seen strictly before `tSec` (its box and that entry's time), or null. */
  lastSeen(trackId: number, beforeTSec: number): { tSec: number; box: Box } | null;
  /** Gives the faces of each joined track the ID of the track it continues (tracks joined across cuts). */
  relabel(joins: ReadonlyMap<number, number>): void;
  /** Drops entries older than `tSec` (the camera only ever shows the latest, so it keeps a short tail). */
  dropBefore(tSec: number): void;
  clear(): void;
  readonly size: number;
}

/** Creates an empty buffer. */
export function createOverlayBuffer(): OverlayBuffer {
  let entries: OverlayEntry[] = [];
  const indexAt = (t: number) => {
    let lo = 0;
    let hi = entries.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (entries[mid]!.tSec <= t + 1e-3) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
  return {
    push(entry) {
      const keep = indexAt(entry.tSec - 2e-3);
      if (keep < entries.length - 1) entries = entries.slice(0, keep + 1);
      entries.push(entry);
    },
    at(t) {
      const i = indexAt(t);
      return i < 0 ? null : entries[i]!;
    },
    latest: () => entries.at(-1) ?? null,
    lastSeen(trackId, beforeTSec) {
      for (let i = entries.length - 1; i >= 0; i--) {
        const entry = entries[i]!;
        if (entry.tSec >= beforeTSec) continue;
        const face = entry.faces.find((f) => f.trackId === trackId);
        if (face) return { tSec: entry.tSec, box: face.box };
      }
      return null;
    },
    relabel(joins) {
      for (const entry of entries) for (const face of entry.faces) face.trackId = joins.get(face.trackId) ?? face.trackId;
    },
    dropBefore(t) {
      const first = entries.findIndex((e) => e.tSec >= t);
      if (first > 0) entries = entries.slice(first);
      else if (first < 0) entries = [];
    },
    clear() {
      entries = [];
    },
    get size() {
      return entries.length;
    },
  };
}

/** True when the overlay should say the analysis is behind the picture. */
export function isCatchingUp(entry: OverlayEntry | null, mediaTimeSec: number, analysisDone: boolean): boolean {
  if (analysisDone) return false;
  return entry === null ? mediaTimeSec > CATCHING_UP_SEC : mediaTimeSec - entry.tSec > CATCHING_UP_SEC;
}
