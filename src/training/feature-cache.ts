/**
 * Node-only: the per-clip feature cache written by `npm run features` and read by `npm run train`.
 * One clip = `<stem>.json` (metadata, written last so a half-written clip is redone) plus
 * `<stem>.bin` (float32, little-endian): probs [T×7], faceFeature [T×256], contextFeature [T×C],
 * then for each augmented copy a = 0 … A−1: probs [T×7], faceFeature [T×256]; then, when `ferDim` is
 * set (caches made since 2026-11-26 03:00 UTC), the FER net's ferProbs [T×7], ferFeature [T×ferDim] of
 * the original and of each augmented copy in the same order; then, when `landmarkDim` is set (caches
 * made since 2026-12-02 17:30 UTC), the original's 68 landmarks [T×136].
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SPEECH_FEATURES_VERSION } from '../core/audio/speech-features';
import type { ClipRecord } from '../shared/face-record';
import { DEFAULT_PERCEPTION_CONFIG, type PerceptionConfig } from '../shared/perception-config';

/** Metadata of one cached clip. */
export interface CachedClipMeta {
  file: string;
  actor: string;
  sentence: string;
  /** Paper-order label index (0 anger … 6 surprise). */
  label: number;
  fps: number;
  /** Frames of the main track (0 when no face was found). */
  frames: number;
  tSec: number[];
  probDim: number;
  faceDim: number;
  contextDim: number;
  /** FER feature size; absent = the cache has no FER block (older caches). */
  ferDim?: number;
  /** Landmark numbers per frame (LANDMARK_VALUES); absent = the cache has no landmarks (older caches, re-extracted by `npm run features`). */
  landmarkDim?: number;
  /** Augmented copies stored after the original. */
  augmented: number;
  /** Parameters of each augmented copy. */
  augmentations: { flip: boolean; angleDeg: number; scale: number }[];
  /** Which source frames were sampled (readFramesWithFfmpeg `frames`); absent = 'fps-filter'. */
  frameChoice?: 'fps-filter' | 'app';
  /** Source frames skipped before the app's grid starts (`--phase`); absent = 0. */
  phase?: number;
  /**
   * The perception settings the clip was extracted with; absent = the defaults before 2026-12-02
   * 21:45 UTC. `npm run features` extracts a clip again when they differ from today's defaults.
   */
  perception?: PerceptionConfig;
  /** Seconds spent extracting this clip. */
  seconds: number;
  /**
   * Speech features of the clip's audio (src/core/audio/speech-features.ts); null when it has no
   * audio or no speech; absent in caches made before 2026-11-26 06:00 UTC (`npm run features` adds them).
   */
  speech?: number[] | null;
  /**
   * SPEECH_FEATURES_VERSION of `speech`; absent = 1, the 49 features before 2026-12-02 (which read
   * the clip's length and absolute levels). `npm run features` recomputes older versions.
   */
  speechVersion?: number;
  /**
   * The main track's `general` model (the general-purpose networks' mean, disgust dropped),
   * averaged over the frames where those networks ran; null when they never ran on it; absent in
   * caches made before 2026-12-04. (Caches of 2026-12-04 before 18:10 UTC also hold HSEmotion's
   * mean feature, which nothing reads.)
   */
  general?: { frames: number; probs: number[] } | null;
  /** The main track's mean 128-d face embedding (what the app groups clips by person with); null without a face; absent in older caches. */
  embedding?: number[] | null;
}

/** A cached clip: the main track's records, and the augmented copies of face probs/features. */
export interface CachedClip {
  meta: CachedClipMeta;
  records: ClipRecord[];
  /** augmentedRecords[a][t]: copy a of frame t (context unaugmented). */
  augmentedRecords: ClipRecord[][];
}

/** File stem of a clip (`01-01-01_01.mp4` → `01-01-01_01`). */
export function clipStem(file: string): string {
  return file.replace(/\.[^.]+$/, '');
}

/** True if the clip's metadata (written last) exists. */
export function isCached(dir: string, file: string): boolean {
  return existsSync(join(dir, `${clipStem(file)}.json`));
}

/** Writes one clip to the cache. */
export async function writeCachedClip(dir: string, clip: CachedClip): Promise<void> {
  await mkdir(dir, { recursive: true });
  const { meta } = clip;
  const frameSize = meta.probDim + meta.faceDim;
  const ferSize = meta.ferDim === undefined ? 0 : meta.probDim + meta.ferDim;
  const total =
    meta.frames * (frameSize + meta.contextDim + (meta.landmarkDim ?? 0)) + meta.augmented * meta.frames * frameSize + (1 + meta.augmented) * meta.frames * ferSize;
  const out = new Float32Array(total);
  let at = 0;
  const put = (v: Float32Array) => {
    out.set(v, at);
    at += v.length;
  };
  clip.records.forEach((r) => put(r.probs));
  clip.records.forEach((r) => put(r.faceFeature));
  clip.records.forEach((r) => put(r.contextFeature));
  for (const copy of clip.augmentedRecords) {
    copy.forEach((r) => put(r.probs));
    copy.forEach((r) => put(r.faceFeature));
  }
  if (meta.ferDim !== undefined) {
    for (const copy of [clip.records, ...clip.augmentedRecords]) {
      copy.forEach((r) => put(r.ferProbs!));
      copy.forEach((r) => put(r.ferFeature!));
    }
  }
  if (meta.landmarkDim !== undefined) clip.records.forEach((r) => put(r.landmarks!));
  const stem = clipStem(meta.file);
  await writeFile(join(dir, `${stem}.bin`), new Uint8Array(out.buffer));
  await writeFile(join(dir, `${stem}.json`), `${JSON.stringify(meta)}\n`);
}

/** Reads a cached clip's metadata. */
export async function readCachedMeta(dir: string, file: string): Promise<CachedClipMeta> {
  return JSON.parse(await readFile(join(dir, `${clipStem(file)}.json`), 'utf8')) as CachedClipMeta;
}

/** Rewrites a cached clip's metadata with `patch` (fields that do not change the .bin layout). */
export async function patchCachedMeta(dir: string, file: string, patch: Partial<Pick<CachedClipMeta, 'speech' | 'speechVersion' | 'embedding'>>): Promise<void> {
  const meta = { ...(await readCachedMeta(dir, file)), ...patch };
  await writeFile(join(dir, `${clipStem(file)}.json`), `${JSON.stringify(meta)}\n`);
}

/** True when the clip was extracted with other perception settings than the app's defaults (or before they were recorded). */
export function perceptionIsStale(meta: CachedClipMeta, current: Readonly<PerceptionConfig> = DEFAULT_PERCEPTION_CONFIG): boolean {
  if (!meta.perception) return true;
  const cached = meta.perception as unknown as Record<string, unknown>;
  return Object.entries(current).some(([key, value]) => !CACHE_NEUTRAL_SETTINGS.has(key) && cached[key] !== value);
}

/**
 * Settings that cannot change what the cache holds: the extraction reads ffmpeg's frames at their
 * own size (the app's cap on large videos never applies), the speaker's mouth trace is not
 * cached (no head reads it), the HD search pass never runs on clips of at most 640 px (ours), and
 * the small frames' search only adds faces under ~54 px of a 360-px frame, which our
 * head-and-shoulders clips (faces of 100–160 px) do not have: it changes nothing else it runs on.
 */
const CACHE_NEUTRAL_SETTINGS: ReadonlySet<string> = new Set<keyof PerceptionConfig>([
  'maxAnalysisSide',
  'mouthFps',
  'faceInputSizeSearch',
  'faceInputSizeSearchSmallFrames',
  'searchFaceMaxSidePx',
  // The search's window follows faces the search found (under 48 px), which our clips lack: three
  // clips' features were byte for byte the same with and without it (docs/real-files.md).
  'searchWindowFaces',
  // The search's later looks while a large face is known: on our 168 clips no search-size face is
  // found at 1, 3 or 7 s (266 frames looked at, 2026-12-07), so they add nothing.
  'searchLargeFaceMaxIntervalSec',
  // Adds the grouping embedding alone, which the cache does not hold (its `embedding` is the plain one).
  'mirrorEmbedding',
]);

/** True when the cached clip's speech features are missing or older than the code's (`npm run features` refreshes them). */
export function speechIsStale(meta: CachedClipMeta): boolean {
  return meta.speech === undefined || (meta.speechVersion ?? 1) < SPEECH_FEATURES_VERSION;
}

/** The clip's speech features (null: no speech); throws when they are stale, since a model would read them wrongly. */
export function cachedSpeech(meta: CachedClipMeta): Float32Array | null {
  if (speechIsStale(meta)) throw new Error(`${meta.file}: speech features version ${meta.speechVersion ?? 1} in the cache, ${SPEECH_FEATURES_VERSION} in the code: run npm run features to refresh them`);
  return meta.speech ? Float32Array.from(meta.speech) : null;
}

/** Reads one clip from the cache. */
export async function readCachedClip(dir: string, file: string): Promise<CachedClip> {
  const stem = clipStem(file);
  const meta = await readCachedMeta(dir, file);
  const buf = await readFile(join(dir, `${stem}.bin`));
  const data = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const T = meta.frames;
  let at = 0;
  const take = (dim: number): Float32Array[] => {
    const rows = Array.from({ length: T }, (_, t) => data.slice(at + t * dim, at + (t + 1) * dim));
    at += T * dim;
    return rows;
  };
  const probs = take(meta.probDim);
  const faces = take(meta.faceDim);
  const contexts = take(meta.contextDim);
  const records = probs.map((p, t) => ({ probs: p, faceFeature: faces[t]!, contextFeature: contexts[t]! }));
  const augmentedRecords: ClipRecord[][] = [];
  for (let a = 0; a < meta.augmented; a++) {
    const ap = take(meta.probDim);
    const af = take(meta.faceDim);
    augmentedRecords.push(ap.map((p, t) => ({ probs: p, faceFeature: af[t]!, contextFeature: contexts[t]! })));
  }
  if (meta.ferDim !== undefined) {
    for (const copy of [records, ...augmentedRecords]) {
      const fp = take(meta.probDim);
      const ff = take(meta.ferDim);
      copy.forEach((r, t) => Object.assign(r, { ferProbs: fp[t]!, ferFeature: ff[t]! }));
    }
  }
  if (meta.landmarkDim !== undefined) {
    const lm = take(meta.landmarkDim);
    records.forEach((r, t) => Object.assign(r, { landmarks: lm[t]! }));
  }
  if (at !== data.length) throw new Error(`${stem}.bin: ${data.length} values, expected ${at} from ${stem}.json`);
  // The cache keeps the clip's mean `general` only: every record carries it, so a clip predictor fed
  // these records fuses the clip's `general` as the app does (ClipRecord.baselineProbs).
  if (meta.general) {
    const general = Float32Array.from(meta.general.probs);
    records.forEach((r) => Object.assign(r, { baselineProbs: { general } }));
  }
  return { meta, records, augmentedRecords };
}

/** Reads every cached clip in `dir`, sorted by file name. */
export async function readFeatureCache(dir: string): Promise<CachedClip[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  return Promise.all(names.map((n) => readCachedClip(dir, n.replace(/\.json$/, '.mp4'))));
}
