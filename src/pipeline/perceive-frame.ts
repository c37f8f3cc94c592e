/**
 * The paper's per-frame front half (§3.2–3.5) on one frame tensor: detect faces and persons, link
 * each face to its person (else the whole frame), compute what the tracker needs (HSV histogram,
 * embedding) and what the emotion models need (probabilities, face and context features).
 * Runs the same in the browser (WebGPU/WASM) and in Node (WASM); all reads are async, and on a GPU
 * a frame is read back in two downloads whatever its faces (see `perceiveFrame`).
 */
import * as tf from '@tensorflow/tfjs';
import { computeHsvHistogram } from '../core/tracking/hsv-histogram';
import { linkFacesToPersons } from '../core/tracking/link-person';
import { mouthOpening } from '../core/speaker/mouth-opening';
import type { Detection } from '../core/tracking/cost-matrices';
import { atFrameEdge, type Box } from '../core/geometry';
import { cropBoxes, readRows, type FaceDetectorOutput, type Frame, type FrameBoxes, type GeneralOpencvFerOutput, type PersonDetectorOutput } from '../models';
import { ReadBatch, type DeviceReads } from '../models/device-reads';
import { FACE_LANDMARK_COUNT, FACE_LANDMARKS_DEFAULTS } from '../models/face-landmarks/constants';
import { generalEmotion } from '../core/general-emotion';
import type { FramePixels } from '../video';
import { carriedVerification, DEFAULT_PERCEPTION_CONFIG, embeddingsDue, generalDue, mainFaceIndex, personDetectionDue, positionsDecide, type PerceptionConfig, type VerifiedFace } from '../shared/perception-config';
import { detectFaces } from './detect-faces';
import type { PerceptionModels } from './perception-models';
import type { FaceRecord } from './clip-analysis';
import { timeSync, type StageTimer } from './stage-timer';
import { issueGeneralNets, withGeneral, type GeneralByFace } from './general-nets';
import { HUMAN_EMOTION } from '../shared/prediction-keys';

/** Side of the face crop the HSV histogram is computed on: enough pixels for 120 bins, cheap to read. */
const HSV_CROP_SIZE = 32;

/** Numbers per face of the landmarks net: x and y of 68 points. */
const LANDMARKS_SIZE = FACE_LANDMARK_COUNT * 2;

/** What one frame gave: a record per face (for the clip) and a detection per face (for the tracker). */
export interface PerceivedFrame {
  faces: Omit<FaceRecord, 'frameIndex' | 'tSec'>[];
  detections: Detection[];
  persons: { box: FaceRecord['box']; score: number }[];
  /** Detections the face verifier turned down (not faces): for measurements and debugging. */
  rejected?: { box: FaceRecord['box']; score: number; verifyScore: number }[];
}

/** A perceived frame, and the general networks' answer for its faces when they ran on it (see `perceiveFrameAhead`). */
export interface PerceivedFrameAhead {
  seen: PerceivedFrame;
  general: Promise<GeneralByFace> | null;
}

/** A detection with the verifier's word on it: its score, and when the verifier last ran on it. */
export type CheckedDetection = FaceDetectorOutput[number] & { verifyScore: number | undefined; verifiedSec?: number };

/**
 * The second face check: BlazeFace scores every Tiny Face box; those under `faceVerifyThreshold`
 * are not faces. A detection over a face confirmed on the previous frame keeps that confirmation
 * while it is recent (`faceVerifyIntervalSec`). Issues BlazeFace on the others (read with `reads`);
 * `confirmed` says, at once, which detections carry a confirmation.
 */
function verifyFaces(models: PerceptionModels, frame: Frame, faces: FaceDetectorOutput, tSec: number, state: PerceptionState, timer: StageTimer, reads: DeviceReads) {
  const { config } = state;
  if (config.faceVerifyThreshold <= 0) {
    return { confirmed: faces.map(() => true), checked: Promise.resolve(faces.map((f): CheckedDetection => ({ ...f, verifyScore: undefined }))) };
  }
  const carried = faces.map((f) => carriedVerification(config, f.box, state.verified, tSec));
  const pending = faces.filter((_, i) => !carried[i]);
  const scores = pending.length ? timeSync(timer, 'faceVerify', () => models.faceVerifier.run({ frame, boxes: pending.map((f) => f.box), reads })) : Promise.resolve([]);
  const checked = scores.then((s) => {
    let next = 0;
    return faces.map((f, i): CheckedDetection => {
      const carry = carried[i];
      return carry ? { ...f, verifyScore: carry.score, verifiedSec: carry.verifiedSec } : { ...f, verifyScore: s[next++]!, verifiedSec: tSec };
    });
  });
  return { confirmed: carried.map((c) => c !== null), checked };
}

/** Whether a checked detection is a face (no verifier: every detection). */
function isFace(config: PerceptionConfig, face: CheckedDetection): boolean {
  return face.verifyScore === undefined || face.verifyScore >= config.faceVerifyThreshold;
}

/** HSV histograms (§3.3.1) of each face box, computed on small crops read with the frame's other outputs. */
async function faceHistograms(frame: Frame, boxes: Box[], reads: DeviceReads): Promise<Float32Array[]> {
  const pixels = await reads.read(cropBoxes(frame, boxes, { size: HSV_CROP_SIZE, padding: 0, square: false }));
  const per = HSV_CROP_SIZE * HSV_CROP_SIZE * 3;
  return boxes.map((_, i) =>
    computeHsvHistogram({ data: pixels.subarray(i * per, (i + 1) * per), width: HSV_CROP_SIZE, height: HSV_CROP_SIZE, channels: 3 }),
  );
}

/** Per-clip state of the perception stage: the last person detection (reused between runs) and the last embeddings' time. */
export interface PerceptionState {
  config: PerceptionConfig;
  /**
   * Read each frame in two downloads whatever its faces — the detector's grid, then every per-face
   * output of every net together — doing work the frame may not need rather than wait for a
   * download to decide (a GPU, where each download is a round trip). Off (WASM, where a read is a
   * copy), a frame reads a third time when a detection needs the verifier, and runs nothing
   * on what it turns down.
   */
  batchedReads: boolean;
  /**
   * False for a frame whose records no clip model will read (the camera while nobody calibrates):
   * it skips Human's FER net and the main face's mirror, which only the clip models need.
   */
  clipNets?: boolean;
  lastPeople?: { tSec: number; result: PersonDetectorOutput };
  /**
   * The picture inside black bars on this frame (frame pixels), set by the caller from the grey
   * frames (src/core/framing/picture-bars.ts); the person detector reads only it. Null: the whole frame.
   */
  picture?: Box | null;
  lastEmbeddingSec?: number;
  /** The previous frame's faces (frame pixels) and when the full detector input last ran. */
  lastFaceBoxes?: Box[];
  lastFullDetectionSec?: number;
  /** When a face too small for the small detector input was last found (see `smallFaceRecent`). */
  lastSmallFaceSec?: number;
  /**
   * When the search pass last ran over the whole frame (not a window, `searchWindow`), and last
   * found a face small enough to add (see `searchInputFor`).
   */
  lastSearchSec?: number;
  lastSearchFaceSec?: number;
  /** How many whole-frame searches ran while a large face was known (their interval doubles: `searchInputFor`). */
  largeFaceSearches?: number;
  /** When each read of a faceless frame (detect-faces.ts: inside a border, smoothed) last ran, and last found a face. */
  faceless?: Record<string, { lastSec?: number; lastFaceSec?: number }>;
  /** The faces the verifier confirmed on the previous frame (see `faceVerifyIntervalSec`). */
  verified?: VerifiedFace[];
  /** Run the general networks in this thread where they also run on another (`PerceptionModels.generalHere`): the run waits on its frames (frame-bound.ts). */
  generalHere?: boolean;
  /** When the general networks last ran (see `generalIntervalSec`), and how many times they have run (which faces and view: `generalFacesInTurn`). */
  lastGeneralSec?: number;
  generalRuns?: number;
  /**
   * The long side of the video itself when frames are analysed downscaled (`maxAnalysisSide`): the
   * detector's full input is chosen by it, so a large video keeps the large input's reach.
   */
  sourceLongSide?: number;
}

/** True when tfjs runs on a GPU, where every download is a round trip worth saving. */
export function onGpuBackend(): boolean {
  return ['webgpu', 'webgl'].includes(tf.getBackend());
}

/** Creates the state for one clip (or one webcam session); reads are batched on a GPU backend unless told. */
export function createPerceptionState(config: Partial<PerceptionConfig> = {}, batchedReads = onGpuBackend()): PerceptionState {
  return { config: { ...DEFAULT_PERCEPTION_CONFIG, ...config }, batchedReads };
}

/** No person detector (`personNet` off): no persons, and an empty context the clip models refuse. */
const NO_PEOPLE: PersonDetectorOutput = Object.freeze({ persons: [], frameContext: new Float32Array(0), regionContexts: [] });

/** Person boxes and context features for this frame: a fresh CenterNet run when due (`fresh`), else the last one. */
function peopleFor(models: PerceptionModels, frame: Frame, tSec: number, state: PerceptionState, timer: StageTimer, reads: DeviceReads) {
  const last = state.lastPeople;
  if (!state.config.personNet) return { fresh: false, people: Promise.resolve(NO_PEOPLE) };
  if (last && !personDetectionDue(state.config, last.tSec, tSec)) return { fresh: false, people: Promise.resolve(last.result) };
  return { fresh: true, people: timeSync(timer, 'personDetection', () => models.personDetector.run({ frame, reads, picture: state.picture })) };
}

/**
 * Runs the perception networks on `frame` (which the caller owns and disposes) at time `tSec`.
 * Detections the face verifier turns down are not faces; frames without a face skip everything
 * after that. `recentTracks` (the last boxes, in this frame's pixels, of the tracker's tracks seen
 * within `embeddingIntervalSec`) lets a lone face skip its embedding between checks, and several
 * faces whose positions decide their tracks (`embeddingFreeMargin`); without it every face gets one.
 *
 * Reads: the detector's grid in one download (detect-faces.ts), then every net's output for every
 * face in one more (`ReadBatch`): nets are issued on all faces as batches, crops stay on the device,
 * and the landmarks reach the FER net there. See `PerceptionState.batchedReads` for WASM.
 */
export async function perceiveFrame(...args: Parameters<typeof perceiveFrameAhead>): Promise<PerceivedFrame> {
  const { seen, general } = await perceiveFrameAhead(...args);
  return general ? { ...seen, faces: withGeneral(seen.faces, await general) } : seen;
}

/**
 * The faces on `frame` that the detector finds (with its reads of a faceless frame and its search
 * for small faces) and its check confirms: boxes and scores, no network after them. For the look
 * for a turned picture (find-turn.ts), which only counts faces: the expression, embedding and
 * colour reads `perceiveFrame` adds were 8–11 % of its time (Node, WASM).
 */
export async function confirmedFaces(models: PerceptionModels, frame: Frame, tSec: number, state: PerceptionState, timer: StageTimer): Promise<CheckedDetection[]> {
  const detected = await detectFaces(models, frame, tSec, state, timer);
  const reads = new ReadBatch();
  try {
    const { checked } = verifyFaces(models, frame, detected, tSec, state, timer, reads);
    await timer.time('readback', () => reads.flush());
    return (await checked).filter((f) => isFace(state.config, f));
  } finally {
    reads.discard();
  }
}

/**
 * `perceiveFrame`, returning before the general networks have answered when they run on another
 * thread: `general` resolves with their probabilities by index of `seen.faces` (null when they
 * did not run on this frame); `withGeneral` puts them in. The frame may be disposed meanwhile.
 */
export async function perceiveFrameAhead(
  models: PerceptionModels,
  frame: Frame,
  tSec: number,
  state: PerceptionState,
  timer: StageTimer,
  recentTracks?: readonly Box[],
  mainBox?: Box | null,
): Promise<PerceivedFrameAhead> {
  const detected = await detectFaces(models, frame, tSec, state, timer);
  const reads = new ReadBatch();
  try {
    return await perceiveFaces(models, frame, tSec, state, timer, reads, detected, recentTracks, mainBox);
  } finally {
    reads.discard(); // nothing waits after a flush; after a failure, frees what was issued
  }
}

async function perceiveFaces(
  models: PerceptionModels,
  frame: Frame,
  tSec: number,
  state: PerceptionState,
  timer: StageTimer,
  reads: ReadBatch,
  detected: FaceDetectorOutput,
  recentTracks: readonly Box[] | undefined,
  mainBox: Box | null | undefined,
): Promise<PerceivedFrameAhead> {
  const [height, width] = frame.shape;
  const { config } = state;
  const flush = () => timer.time('readback', () => reads.flush());
  const verifying = verifyFaces(models, frame, detected, tSec, state, timer, reads);
  // The faces the nets run on: every detection (batched), or the verifier's faces once read.
  let candidates = detected.map((_, i) => i);
  if (!state.batchedReads && verifying.confirmed.includes(false)) {
    await flush();
    const checked = await verifying.checked;
    candidates = candidates.filter((i) => isFace(config, checked[i]!));
  }
  const confirmed = (j: number) => !state.batchedReads || verifying.confirmed[candidates[j]!]!;
  const boxes = candidates.map((i) => detected[i]!.box);
  // The camera (mainFaceOnlyNets): only the main face gets the nets the clip models read.
  const main = config.mainFaceOnlyNets && boxes.length > 1 && mainBox ? mainFaceIndex(boxes, mainBox) : null;
  const full = main === null ? boxes : [boxes[main]!];
  const fullIndex = (j: number) => (main === null ? j : j === main ? 0 : -1);
  const clipNets = state.clipNets !== false;

  const issued = boxes.length === 0 ? null : issueFaceNets();
  function issueFaceNets() {
    const emotions = timeSync(timer, 'faceEmotion', () => faceEmotions(models, frame, boxes, main, reads, clipNets));
    const embeddingsDueFor = (subset: Box[]) =>
      recentTracks === undefined ||
      embeddingsDue(config, subset.length, recentTracks.length, state.lastEmbeddingSec, tSec, positionsDecide(subset, recentTracks, config.embeddingFreeMargin));
    // Unconfirmed detections: issued when due with them or without them; used only if due for the faces kept.
    const embedding =
      embeddingsDueFor(boxes) || embeddingsDueFor(boxes.filter((_, j) => confirmed(j)))
        ? timeSync(timer, 'embedding', () => models.faceEmbedding.run({ frame, boxes, reads }))
        : null;
    const histograms = timeSync(timer, 'hsvHistogram', () => faceHistograms(frame, boxes, reads));
    // Human's FER2013 net: the humanEmotion baseline, and the face model of the `fer` temporal models.
    const fer = config.ferNet && clipNets ? timeSync(timer, 'ferEmotion', () => models.humanEmotion.run({ frame, boxes: full, reads })) : null;
    const landmarksOnDevice = config.landmarksNet ? timeSync(timer, 'landmarks', () => models.faceLandmarks.landmarksTensor({ frame, boxes: full })) : null;
    // A folder clip's grouping embedding rides with the general networks: nothing per frame waits for it.
    const generalWork = { emotion: generalDue(config, state.lastGeneralSec, tSec), run: state.generalRuns ?? 0, group: config.mirrorEmbedding };
    const generalNets = (state.generalHere && models.generalHere) || models.general;
    const general =
      generalWork.emotion || generalWork.group
        ? timeSync(timer, 'generalNets', () => issueGeneralNets(generalNets, frame, boxes, { main, confirmed, fullIndex, landmarks: landmarksOnDevice }, config, reads, generalWork))
        : null;
    const landmarks = landmarksOnDevice ? readRows(landmarksOnDevice, full.length, LANDMARKS_SIZE, reads) : null;
    const people = peopleFor(models, frame, tSec, state, timer, reads);
    return { emotions, embedding, embeddingsDueFor, histograms, fer, landmarks, general, generalEmotion: generalWork.emotion, people };
  }

  await flush();
  const checked = await verifying.checked;
  const rejected = checked.flatMap((f) => (isFace(config, f) ? [] : [{ box: f.box, score: f.score, verifyScore: f.verifyScore! }]));
  state.verified = checked.filter((f) => isFace(config, f) && f.verifyScore !== undefined).map((f) => ({ box: f.box, score: f.verifyScore!, verifiedSec: f.verifiedSec! }));
  const kept = candidates.flatMap((i, j) => (isFace(config, checked[i]!) ? [j] : []));
  if (kept.length === 0 || !issued) {
    issued?.general?.catch(() => undefined); // nobody reads it; its inputs are freed by the run
    return { seen: { faces: [], detections: [], persons: [], rejected }, general: null };
  }

  const [emotions, allEmbeddings, histograms, fer, landmarks, people] = await Promise.all([
    issued.emotions,
    issued.embedding,
    issued.histograms,
    issued.fer,
    issued.landmarks,
    issued.people.people,
  ]);
  const embeddings = allEmbeddings && issued.embeddingsDueFor(kept.map((j) => boxes[j]!)) ? allEmbeddings : null;
  if (embeddings) state.lastEmbeddingSec = tSec;
  if (issued.generalEmotion) {
    state.lastGeneralSec = tSec;
    state.generalRuns = (state.generalRuns ?? 0) + 1;
  }
  if (issued.people.fresh) state.lastPeople = { tSec, result: people };
  const links = linkFacesToPersons(kept.map((j) => boxes[j]!), people.persons.map((p) => p.box), { width, height });

  const records = kept.map((j, n) => {
    const face = checked[candidates[j]!]!;
    const link = links[n]!;
    const k = fullIndex(j);
    const ferOf = fer && k >= 0 ? fer[k]! : null;
    const landmarksOf = landmarks && k >= 0 ? landmarks[k]! : null;
    const person = link.personIndex >= 0 ? people.persons[link.personIndex]! : undefined;
    return {
      box: face.box,
      score: face.score,
      probs: emotions[j]!.probs,
      faceFeature: emotions[j]!.feature,
      contextFeature: person ? person.context : people.frameContext,
      personBox: person ? person.box : null,
      ...(ferOf && { ferProbs: ferOf.probs, ferFeature: ferOf.feature }),
      ...(ferOf && { baselineProbs: { [HUMAN_EMOTION]: ferOf.probs } }),
      ...(embeddings ? { embedding: embeddings[j]! } : {}),
      ...(face.verifyScore === undefined ? {} : { verifyScore: face.verifyScore }),
      ...(landmarksOf && { mouthOpen: mouthOpening(landmarksOf), landmarks: landmarksOf }),
    };
  });
  // A face cut by the frame's edge is embedded from part of a face (black where the picture ends)
  // around a box that changes with what the detector sees of it: one person's embeddings then lay
  // 0.3–0.7 apart, and the 0.6 gate split a vlogger whose chin or forehead is out of the picture
  // into two tracks (docs/real-files.md). Tracking leaves its embedding out, as on frames that have
  // none; the record keeps it.
  const detections = kept.map((j, n) => ({
    box: records[n]!.box,
    score: records[n]!.score,
    hsv: histograms[j]!,
    embedding: embeddings && !atFrameEdge(records[n]!.box, width, height) ? embeddings[j]! : null,
  }));
  const seen = { faces: records, detections, persons: people.persons.map(({ box, score }) => ({ box, score })), rejected };
  // By record: the records are the kept faces, in order.
  const byRecord = <T>(byFace: ReadonlyMap<number, T>) => new Map(kept.flatMap((j, n) => (byFace.has(j) ? [[n, byFace.get(j)!] as const] : [])));
  const general = issued.general?.then(({ probs, grouping, offThreadMs }) => ({ probs: byRecord(probs), grouping: byRecord(grouping), ...(offThreadMs !== undefined && { offThreadMs }) }));
  return { seen, general: general ?? null };
}

/**
 * The face emotion net on every face, as one batch; with a main face (`main`), the main face's crop
 * and its mirror in one call and the other faces' crops alone in another (their probabilities only
 * feed the overlay, so they skip the mirror's cost). Without `clipNets`, no face gets the mirror.
 */
async function faceEmotions(models: PerceptionModels, frame: Frame, boxes: Box[], main: number | null, reads: DeviceReads, clipNets: boolean) {
  if (!clipNets) return models.faceEmotion.run({ frame, boxes, reads }, { mirror: false });
  if (main === null) return models.faceEmotion.run({ frame, boxes, reads });
  const mine = models.faceEmotion.run({ frame, boxes: [boxes[main]!], reads });
  const theirs = models.faceEmotion.run({ frame, boxes: boxes.filter((_, j) => j !== main), reads }, { mirror: false });
  const [m, t] = await Promise.all([mine, theirs]);
  let k = 0;
  return boxes.map((_, j) => (j === main ? m[0]! : t[k++]!));
}

/** Turns an ImageBitmap (browser) into a frame tensor; the caller disposes it. */
export function frameFromBitmap(bitmap: ImageBitmap): Frame {
  return tf.browser.fromPixels(bitmap);
}

/**
 * A frame tensor from RGB pixels: read ahead in the browser (src/video/frame-pixels.ts: one copy,
 * the same tensor fromPixels makes) or ffmpeg's bytes in Node. The caller disposes it.
 */
export function frameFromPixels(pixels: Omit<FramePixels, 'data'> & { data: Int32Array | Uint8Array }): Frame {
  return tf.tensor3d(pixels.data, [pixels.height, pixels.width, 3], 'int32');
}

/**
 * True when the active backend turns a bitmap into a tensor on the CPU (it has no FromPixels
 * kernel: WASM), so pixels read ahead in the decode worker save the analysing thread that work.
 * WebGPU and WebGL upload the bitmap to the GPU themselves.
 */
export function readsPixelsOnCpu(): boolean {
  return tf.getKernel('FromPixels', tf.getBackend()) === undefined;
}
