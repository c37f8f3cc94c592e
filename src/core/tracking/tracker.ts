/** Tracking-by-detection with Hungarian matching (§3.3): `createTracker(config).update(...)` per frame. */
import type { Box } from '../geometry';
import { buildCostMatrices, allCuesFinite, DEFAULT_COST_CONFIG, type CostConfig, type CostMatrices, type Detection } from './cost-matrices';
import { CUES, DEFAULT_HISTORY_K, DEFAULT_MAX_UNSEEN_SEC, HSV_LENGTH, type PerCue } from './constants';
import { hungarian } from './hungarian';
import { createTrackDatabase, type TrackObservation, type TrackRecord } from './track-database';

/** Tracker configuration; every field has a documented default (see constants.ts). */
export interface TrackerConfig extends CostConfig {
  /** k: how many recent histograms/embeddings a track keeps (§3.3.1). */
  readonly historyK: number;
  /**
   * Seconds of history a track keeps (observations older than this are dropped, tracks unseen for
   * this long are forgotten). Infinity (paper, clips) keeps everything; a long webcam session needs
   * a bound so memory stays flat.
   */
  readonly historySec: number;
  /** A track unseen for longer than this (seconds) is retired and never matched again; Infinity = never (paper). */
  readonly maxUnseenSec: number;
}

/** Defaults: paper thresholds are not given, so these are our documented choices. */
export const DEFAULT_TRACKER_CONFIG: TrackerConfig = Object.freeze({
  ...DEFAULT_COST_CONFIG,
  historyK: DEFAULT_HISTORY_K,
  maxUnseenSec: DEFAULT_MAX_UNSEEN_SEC,
  historySec: Infinity,
});

/** Read-only view of a track. */
export interface TrackSnapshot {
  readonly id: number;
  readonly lastBox: Box;
  readonly observations: readonly TrackObservation[];
  /** True once the track has been unseen for longer than maxUnseenSec. */
  readonly retired: boolean;
}

/** What one `update` did. */
export interface TrackerUpdate {
  /** trackIds[j] = track ID given to detection j (eq. 8 index g_j, resolved to an ID). */
  readonly trackIds: number[];
  /** IDs created in this frame (§3.3.4, eq. 10). */
  readonly newTrackIds: number[];
  /** IDs of the tracks that were candidates for matching: the rows of `costs`. */
  readonly candidateTrackIds: number[];
  /** The cost matrices used (tracks × detections), for explanation and debugging. */
  readonly costs: CostMatrices;
}

/** A stateful face tracker. */
export interface Tracker {
  /**
   * Matches this frame's detections to tracks; frameIndex and tSec must increase. `newShot`: the
   * frame begins a new shot (shot-cut.ts), so no track seen before it is matched again — a face's
   * position and size across a cut say nothing of who it is (shot-join.ts re-joins by embedding) —
   * but the tracks in `carried`, whose own region the cut left as it was (cut-carry.ts: picture in
   * picture), stay candidates through the new shot. `continued`: detections (by index) that go on
   * a given track whatever their cues say — a face a jump cut took closer or wider (zoom-cut.ts).
   */
  update(frameIndex: number, tSec: number, detections: readonly Detection[], newShot?: boolean, carried?: readonly number[], continued?: ReadonlyMap<number, number>): TrackerUpdate;
  /**
   * The light changed at once (a lamp switched on, an exposure step: shot-cut.ts): the same shot, so
   * place and size still say who is who, but every face's colour moved — the tracks' histograms are
   * forgotten, and the colour cue counts again from each track's next detection.
   */
  relit(): void;
  /** Snapshots of every track (retired ones included), in creation order. */
  tracks(): TrackSnapshot[];
  /** When the current shot began (the last `newShot` frame's time; -Infinity before any cut). */
  readonly shotStartSec: number;
  /** How many tracks were seen within `withinSec` before `tSec` in the current shot (those a new face may continue). */
  recentTrackCount(tSec: number, withinSec: number): number;
  /** The last boxes of those tracks, in creation order (where each may continue, for the position gate). */
  recentTrackBoxes(tSec: number, withinSec: number): Box[];
  /** Those tracks' IDs and last boxes (which a cut may leave as they were: cut-carry.ts). */
  recentTracks(tSec: number, withinSec: number): { id: number; box: Box }[];
  /** The last box of track `id`, or null when there is no such track. */
  lastBoxOf(id: number): Box | null;
  /** Forgets all tracks; new IDs still never repeat earlier ones. */
  reset(): void;
}

function validate(detections: readonly Detection[]): void {
  detections.forEach((d, j) => {
    if (d.hsv.length !== HSV_LENGTH) throw new TypeError(`detections[${j}].hsv: expected ${HSV_LENGTH} values, got ${d.hsv.length}`);
    if (!(d.box.w > 0 && d.box.h > 0)) throw new TypeError(`detections[${j}].box: width and height must be positive`);
    if (!Number.isFinite(d.score)) throw new TypeError(`detections[${j}].score must be finite`);
  });
}

/** Creates a tracker; missing config fields take DEFAULT_TRACKER_CONFIG values. */
export function createTracker(config: Partial<TrackerConfig> = {}): Tracker {
  const cfg: TrackerConfig = { ...DEFAULT_TRACKER_CONFIG, ...config };
  const db = createTrackDatabase(cfg.historyK);
  let lastFrame = -Infinity;
  let lastTSec = -Infinity;
  /** When the current shot began: tracks last seen before it are never candidates again… */
  let shotStartSec = -Infinity;
  /** …but these, carried across its cut. */
  let carriedIds = new Set<number>();
  const inShot = (r: TrackRecord) => r.observations.at(-1)!.tSec >= shotStartSec || carriedIds.has(r.id);
  const isRetired = (r: TrackRecord, tSec: number): boolean => tSec - r.observations.at(-1)!.tSec > cfg.maxUnseenSec;
  /** Tracks seen within `withinSec` before `tSec`, in this shot: those a face may continue. */
  const recent = (tSec: number, withinSec: number) =>
    db.records().filter((r) => tSec - r.observations.at(-1)!.tSec <= withinSec + 1e-6 && inShot(r));
  /** Drops observations before `tMin` and forgets tracks not seen since then. */
  const forgetOlderThan = (tMin: number): void => {
    const gone: number[] = [];
    for (const r of db.records()) {
      const keepFrom = r.observations.findIndex((o) => o.tSec >= tMin);
      if (keepFrom < 0) gone.push(r.id);
      else if (keepFrom > 0) r.observations.splice(0, keepFrom);
    }
    db.forget(gone);
  };

  return {
    update(frameIndex, tSec, detections, newShot = false, carried = [], continued = new Map()) {
      if (!(frameIndex > lastFrame)) throw new TypeError(`update: frameIndex must increase (got ${frameIndex} after ${lastFrame})`);
      if (!(tSec >= lastTSec)) throw new TypeError(`update: tSec must not decrease (got ${tSec} after ${lastTSec})`);
      validate(detections);
      lastFrame = frameIndex;
      lastTSec = tSec;
      if (newShot) [shotStartSec, carriedIds] = [tSec, new Set(carried)];
      const forced = new Set(continued.values());
      const candidates = db.records().filter((r) => !isRetired(r, tSec) && inShot(r) && !forced.has(r.id));
      const costs = buildCostMatrices(candidates, detections, cfg);
      // A detection that goes on a given track is no one else's to match.
      const { colToRow } = hungarian(continued.size === 0 ? costs.total : costs.total.map((row) => row.map((cost, j) => (continued.has(j) ? Infinity : cost))));
      const trackIds: number[] = [];
      const newTrackIds: number[] = [];
      detections.forEach((detection, j) => {
        const observation = { frameIndex, tSec, box: detection.box, score: detection.score };
        const row = colToRow[j]!;
        const gated = {} as Record<keyof PerCue<number>, number>;
        for (const cue of CUES) gated[cue] = row >= 0 ? costs.cues[cue][row]![j]! : Infinity;
        const given = continued.get(j);
        if (given !== undefined) {
          db.append(given, detection, observation);
          trackIds.push(given);
        } else if (row >= 0 && allCuesFinite(gated)) {
          const id = candidates[row]!.id;
          db.append(id, detection, observation);
          trackIds.push(id);
        } else {
          const id = db.create(detection, observation);
          trackIds.push(id);
          newTrackIds.push(id);
        }
      });
      if (Number.isFinite(cfg.historySec)) forgetOlderThan(tSec - cfg.historySec);
      return { trackIds, newTrackIds, candidateTrackIds: candidates.map((r) => r.id), costs };
    },
    relit() {
      db.forgetColours();
    },
    get shotStartSec() {
      return shotStartSec;
    },
    tracks() {
      return db.records().map((r) => ({
        id: r.id,
        lastBox: { ...r.lastBox },
        observations: r.observations.slice(),
        retired: isRetired(r, lastTSec),
      }));
    },
    recentTrackCount(tSec, withinSec) {
      return recent(tSec, withinSec).length;
    },
    recentTrackBoxes(tSec, withinSec) {
      return recent(tSec, withinSec).map((r) => ({ ...r.lastBox }));
    },
    recentTracks(tSec, withinSec) {
      return recent(tSec, withinSec).map((r) => ({ id: r.id, box: { ...r.lastBox } }));
    },
    lastBoxOf(id) {
      const record = db.records().find((r) => r.id === id);
      return record ? { ...record.lastBox } : null;
    },
    reset() {
      db.clear();
      lastFrame = -Infinity;
      lastTSec = -Infinity;
      shotStartSec = -Infinity;
      carriedIds = new Set();
    },
  };
}
