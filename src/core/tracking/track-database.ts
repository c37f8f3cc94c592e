/** Tracking database D (§3.3.1): per track, the last k histograms and embeddings plus the last box. */
import type { Box } from '../geometry';
import type { Detection } from './cost-matrices';

/** One frame in which a track was seen. */
export interface TrackObservation {
  readonly frameIndex: number;
  readonly tSec: number;
  readonly box: Box;
  /** Detection probability. */
  readonly score: number;
}

/** A mutable track record inside the database (the tracker owns it; callers get snapshots). */
export interface TrackRecord {
  readonly id: number;
  /** Last k H–S/V histograms (oldest first). */
  hsv: Float32Array[];
  /** Last k embeddings (oldest first). */
  embeddings: Float32Array[];
  /** Last box (d_pos and d_size). */
  lastBox: Box;
  /** Every observation of the track, in frame order (f_i of eq. 1). */
  observations: TrackObservation[];
}

/** The database: create tracks with fresh IDs, append observations, list records. */
export interface TrackDatabase {
  /** Inserts a new track for `detection` (eq. 10) and returns its never-reused ID. */
  create(detection: Detection, observation: TrackObservation): number;
  /** Appends `detection` to track `id` (eq. 9), keeping only the last k histograms/embeddings. */
  append(id: number, detection: Detection, observation: TrackObservation): void;
  /** All records in creation order. */
  records(): readonly TrackRecord[];
  /** Forgets the given tracks (e.g. long gone from a webcam session); their IDs are never reused. */
  forget(ids: readonly number[]): void;
  /** Forgets every track's histograms (the light changed: the colours they hold are not the faces' now); each starts again from its next detection. */
  forgetColours(): void;
  /** Forgets every track; IDs keep counting so they never repeat. */
  clear(): void;
}

const pushLastK = (list: Float32Array[], value: Float32Array, k: number): void => {
  list.push(Float32Array.from(value));
  if (list.length > k) list.splice(0, list.length - k);
};

/** Creates an empty database that keeps the last `historyK` histograms and embeddings per track. */
export function createTrackDatabase(historyK: number): TrackDatabase {
  if (!Number.isInteger(historyK) || historyK < 1) throw new TypeError(`historyK must be a positive integer, got ${historyK}`);
  let nextId = 1;
  let records: TrackRecord[] = [];
  const byId = new Map<number, TrackRecord>();
  const store = (record: TrackRecord, detection: Detection, observation: TrackObservation): void => {
    pushLastK(record.hsv, detection.hsv, historyK);
    // A frame without an embedding (see Detection) leaves the track's last k embeddings as they were.
    if (detection.embedding) pushLastK(record.embeddings, detection.embedding, historyK);
    record.lastBox = { ...observation.box };
    record.observations.push({ ...observation, box: { ...observation.box } });
  };
  return {
    create(detection, observation) {
      const record: TrackRecord = { id: nextId++, hsv: [], embeddings: [], lastBox: observation.box, observations: [] };
      store(record, detection, observation);
      records.push(record);
      byId.set(record.id, record);
      return record.id;
    },
    append(id, detection, observation) {
      const record = byId.get(id);
      if (record === undefined) throw new TypeError(`track database: no track with id ${id}`);
      store(record, detection, observation);
    },
    records: () => records,
    forget(ids) {
      if (ids.length === 0) return;
      const gone = new Set(ids);
      records = records.filter((r) => !gone.has(r.id));
      for (const id of gone) byId.delete(id);
    },
    forgetColours() {
      for (const record of records) record.hsv = [];
    },
    clear() {
      records = [];
      byId.clear();
    },
  };
}
