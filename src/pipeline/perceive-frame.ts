/**
 * The paper's per-frame front half (§3.2–3.5) on one frame tensor: detect faces and persons, link
 * each face to its person (else the whole frame), compute what the tracker needs (HSV histogram,
 * embedding) and what the emotion models need (probabilities, face and context features).
 * Runs the same in the browser (WebGPU/WASM) and in Node (WASM); all reads are async.
 */
import * as tf from '@tensorflow/tfjs';
import { computeHsvHistogram } from '../core/tracking/hsv-histogram';
import { linkFacesToPersons } from '../core/tracking/link-person';
import { mouthOpening } from '../core/speaker/mouth-opening';
import type { Detection } from '../core/tracking/cost-matrices';
import type { Box } from '../core/geometry';
import { cropBoxes, landmarksInFrame, type FaceDetectorOutput, type Frame, type PersonDetectorOutput } from '../models';
import { FACE_LANDMARKS_DEFAULTS } from '../models/face-landmarks/constants';
import { generalEmotion } from '../core/general-emotion';
import type { FramePixels } from '../video';
import { carriedVerification, DEFAULT_PERCEPTION_CONFIG, detectionPlan, embeddingsDue, faceInputSize, generalDue, mainFaceIndex, mergeDetections, smallInputFor, personDetectionDue, positionsDecide, type PerceptionConfig, type VerifiedFace } from '../shared/perception-config';
import type { PerceptionModels } from './perception-models';
import type { FaceRecord } from './clip-analysis';
import type { StageTimer } from './stage-timer';
import { GENERAL, HUMAN_EMOTION } from '../shared/prediction-keys';

/** Side of the face crop the HSV histogram is computed on: enough pixels for 120 bins, cheap to read. */
const HSV_CROP_SIZE = 32;

/** What one frame gave: a record per face (for the clip) and a detection per face (for the tracker). */
export interface PerceivedFrame {
  faces: Omit<FaceRecord, 'frameIndex' | 'tSec'>[];
  detections: Detection[];
  persons: { box: FaceRecord['box']; score: number }[];
  /** Detections the face verifier turned down (not faces): for measurements and debugging. */
  rejected?: { box: FaceRecord['box']; score: number; verifyScore: number }[];
}

/**
 * The second face check: BlazeFace scores every Tiny Face box; those under `faceVerifyThreshold`
 * are not faces. A detection over a face confirmed on the previous frame keeps that confirmation
 * while it is recent (`faceVerifyIntervalSec`). Returns the kept detections with their scores, and
 * the rejected ones.
 */
async function verifyFaces(models: PerceptionModels, frame: Frame, faces: FaceDetectorOutput, tSec: number, state: PerceptionState, timer: StageTimer) {
  const { config } = state;
  if (config.faceVerifyThreshold <= 0 || faces.length === 0) {
    state.verified = [];
    return { kept: faces.map((f) => ({ ...f, verifyScore: undefined })), rejected: [] };
  }
  const carried = faces.map((f) => carriedVerification(config, f.box, state.verified, tSec));
  const pending = faces.filter((_, i) => !carried[i]);
  const scores = pending.length ? await timer.time('faceVerify', () => models.faceVerifier.run({ frame, boxes: pending.map((f) => f.box) })) : [];
  let next = 0;
  const all = faces.map((f, i) => {
    const carry = carried[i];
    return carry ? { ...f, verifyScore: carry.score, verifiedSec: carry.verifiedSec } : { ...f, verifyScore: scores[next++]!, verifiedSec: tSec };
  });
  const kept = all.filter((f) => f.verifyScore >= config.faceVerifyThreshold);
  state.verified = kept.map((f) => ({ box: f.box, score: f.verifyScore, verifiedSec: f.verifiedSec }));
  return { kept, rejected: all.filter((f) => f.verifyScore < config.faceVerifyThreshold) };
}

/** HSV histograms (§3.3.1) of each face box, computed on small crops read back asynchronously. */
async function faceHistograms(frame: Frame, boxes: FaceRecord['box'][]): Promise<Float32Array[]> {
  const crops = cropBoxes(frame, boxes, { size: HSV_CROP_SIZE, padding: 0, square: false });
  let pixels: Float32Array;
  try {
    pixels = (await crops.data()) as Float32Array;
  } finally {
    crops.dispose();
  }
  const per = HSV_CROP_SIZE * HSV_CROP_SIZE * 3;
  return boxes.map((_, i) =>
    computeHsvHistogram({ data: pixels.subarray(i * per, (i + 1) * per), width: HSV_CROP_SIZE, height: HSV_CROP_SIZE, channels: 3 }),
  );
}

/** Per-clip state of the perception stage: the last person detection (reused between runs) and the last embeddings' time. */
export interface PerceptionState {
  config: PerceptionConfig;
  lastPeople?: { tSec: number; result: PersonDetectorOutput };
  lastEmbeddingSec?: number;
  /** The previous frame's faces (shorter side, frame pixels) and when the full detector input last ran. */
  lastFaceSides?: number[];
  lastFullDetectionSec?: number;
  /** The faces the verifier confirmed on the previous frame (see `faceVerifyIntervalSec`). */
  verified?: VerifiedFace[];
  /** When the general networks last ran (see `generalIntervalSec`). */
  lastGeneralSec?: number;
  /**
   * The long side of the video itself when frames are analysed downscaled (`maxAnalysisSide`): the
   * detector's full input is chosen by it, so a large video keeps the large input's reach.
   */
  sourceLongSide?: number;
}

/** Creates the state for one clip (or one webcam session). */
export function createPerceptionState(config: Partial<PerceptionConfig> = {}): PerceptionState {
  return { config: { ...DEFAULT_PERCEPTION_CONFIG, ...config } };
}

/** No person detector (`personNet` off): no persons, and an empty context the clip models refuse. */
const NO_PEOPLE: PersonDetectorOutput = Object.freeze({ persons: [], frameContext: new Float32Array(0), regionContexts: [] });

/** Person boxes and context features for this frame: a fresh CenterNet run when due, else the last one. */
async function peopleFor(models: PerceptionModels, frame: Frame, tSec: number, state: PerceptionState, timer: StageTimer) {
  if (!state.config.personNet) return NO_PEOPLE;
  const last = state.lastPeople;
  if (last && !personDetectionDue(state.config, last.tSec, tSec)) return last.result;
  const result = await timer.time('personDetection', () => models.personDetector.run({ frame }));
  state.lastPeople = { tSec, result };
  return result;
}

/**
 * Tiny Face at the input sizes this frame needs (see `detectionPlan`): the small input alone while
 * every known face is large, with the full one added every `fullDetectionIntervalSec` or when the
 * small one lost a face; the full one alone otherwise, followed by the small one when every face it
 * found is large, so that a large face has the small pass's box on every frame.
 */
async function detectFaces(models: PerceptionModels, frame: Frame, tSec: number, state: PerceptionState, timer: StageTimer) {
  const [height, width] = frame.shape;
  const { config } = state;
  // The full input follows the video's size: a 1080p frame analysed at 640 px keeps the large input.
  const fullSize = faceInputSize(config, Math.max(width, state.sourceLongSide ?? 0), height);
  const plan = detectionPlan(config, width, height, state.lastFaceSides, state.lastFullDetectionSec, tSec, fullSize);
  const run = (inputSize: number) =>
    timer.time('faceDetection', () => models.faceDetector.run(frame, { inputSize, scoreThreshold: config.faceScoreThreshold }));
  let faces: FaceDetectorOutput;
  if (plan.small === null) {
    faces = await run(fullSize);
    state.lastFullDetectionSec = tSec;
    const small = smallInputFor(config, width, height, sidesOf(faces), fullSize);
    if (small !== null) faces = mergeDetections(await run(small), faces);
  } else {
    faces = await run(plan.small);
    if (plan.full !== null || faces.length < state.lastFaceSides!.length) {
      faces = mergeDetections(faces, await run(fullSize));
      state.lastFullDetectionSec = tSec;
    }
  }
  state.lastFaceSides = sidesOf(faces);
  return faces;
}

/** Each face's shorter side, in frame pixels. */
function sidesOf(faces: FaceDetectorOutput): number[] {
  return faces.map((f) => Math.min(f.box.w, f.box.h));
}

/**
 * Runs the perception networks on `frame` (which the caller owns and disposes) at time `tSec`.
 * Detections the face verifier turns down are not faces; frames without a face skip everything
 * after that. `recentTracks` (the last boxes, in this frame's pixels, of the tracker's tracks seen
 * within `embeddingIntervalSec`) lets a lone face skip its embedding between checks, and several
 * faces whose positions decide their tracks (`embeddingFreeMargin`); without it every face gets one.
 */
export async function perceiveFrame(
  models: PerceptionModels,
  frame: Frame,
  tSec: number,
  state: PerceptionState,
  timer: StageTimer,
  recentTracks?: readonly Box[],
  mainBox?: Box | null,
): Promise<PerceivedFrame> {
  const [height, width] = frame.shape;
  const { config } = state;
  const detected = await detectFaces(models, frame, tSec, state, timer);
  const { kept: faces, rejected } = await verifyFaces(models, frame, detected, tSec, state, timer);
  if (faces.length === 0) return { faces: [], detections: [], persons: [], rejected };
  const people = await peopleFor(models, frame, tSec, state, timer);
  const boxes = faces.map((f) => f.box);
  const links = linkFacesToPersons(boxes, people.persons.map((p) => p.box), { width, height });
  // The camera (mainFaceOnlyNets): only the main face gets the nets the clip models read.
  const main = config.mainFaceOnlyNets && faces.length > 1 && mainBox ? mainFaceIndex(boxes, mainBox) : null;
  const full = main === null ? boxes : [boxes[main]!];
  const fullIndex = (j: number) => (main === null ? j : j === main ? 0 : -1);
  const emotions = await timer.time('faceEmotion', () => faceEmotions(models, frame, boxes, main));
  const embeddings =
    recentTracks === undefined ||
    embeddingsDue(config, faces.length, recentTracks.length, state.lastEmbeddingSec, tSec, positionsDecide(boxes, recentTracks, config.embeddingFreeMargin))
      ? await timer.time('embedding', () => models.faceEmbedding.run({ frame, boxes }))
      : null;
  if (embeddings) state.lastEmbeddingSec = tSec;
  const histograms = await timer.time('hsvHistogram', () => faceHistograms(frame, boxes));
  // Human's FER2013 net: the humanEmotion baseline, and the face model of the `fer` temporal models.
  const fer = config.ferNet ? await timer.time('ferEmotion', () => models.humanEmotion.run({ frame, boxes: full })) : null;
  const landmarks = config.landmarksNet ? await timer.time('landmarks', () => models.faceLandmarks.run({ frame, boxes: full })) : null;
  const general = generalDue(config, state.lastGeneralSec, tSec) ? await timer.time('generalNets', () => generalEmotions(models, frame, boxes, main, config, landmarks, fullIndex)) : null;
  if (general) state.lastGeneralSec = tSec;

  const records = faces.map((face, j) => {
    const link = links[j]!;
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
      ...baselinesOf(ferOf?.probs, general?.get(j)),
      ...(embeddings ? { embedding: embeddings[j]! } : {}),
      ...(face.verifyScore === undefined ? {} : { verifyScore: face.verifyScore }),
      ...(landmarksOf && { mouthOpen: mouthOpening(landmarksOf), landmarks: landmarksOf }),
    };
  });
  const detections = faces.map((face, j) => ({
    box: face.box,
    score: face.score,
    hsv: histograms[j]!,
    embedding: embeddings ? embeddings[j]! : null,
  }));
  return { faces: records, detections, persons: people.persons.map(({ box, score }) => ({ box, score })), rejected };
}

/**
 * The face emotion net on every face, as one batch; with a main face (`main`), the main face's crop
 * and its mirror in one call and the other faces' crops alone in another (their probabilities only
 * feed the overlay, so they skip the mirror's cost).
 */
async function faceEmotions(models: PerceptionModels, frame: Frame, boxes: Box[], main: number | null) {
  if (main === null) return models.faceEmotion.run({ frame, boxes });
  const mine = await models.faceEmotion.run({ frame, boxes: [boxes[main]!] });
  const theirs = await models.faceEmotion.run({ frame, boxes: boxes.filter((_, j) => j !== main) }, { mirror: false });
  let k = 0;
  return boxes.map((_, j) => (j === main ? mine[0]! : theirs[k++]!));
}

/** A face's per-frame baselines: Human's FER2013 net, and the general networks where they ran. */
function baselinesOf(fer: Float32Array | undefined, general: Float32Array | undefined) {
  if (!fer && !general) return {};
  return { baselineProbs: { ...(fer && { [HUMAN_EMOTION]: fer }), ...(general && { [GENERAL]: general }) } };
}

/**
 * The general networks on at most `generalMaxFaces` faces — the main one when it is known, else the
 * largest — as one batch each: HSEmotion on the square crop, OpenCV's MobileFaceNet on the face
 * aligned by its landmarks (skipped without them). No mirror: they already cost more than every
 * other face net together. Returns the `general` probabilities by face index.
 */
async function generalEmotions(
  models: PerceptionModels,
  frame: Frame,
  boxes: Box[],
  main: number | null,
  config: PerceptionConfig,
  landmarks: Float32Array[] | null,
  fullIndex: (j: number) => number,
): Promise<Map<number, Float32Array>> {
  const order = main !== null ? [main] : boxes.map((_, j) => j).sort((a, b) => boxes[b]!.w * boxes[b]!.h - boxes[a]!.w * boxes[a]!.h);
  const chosen = order.slice(0, Math.max(0, config.generalMaxFaces));
  const out = new Map<number, Float32Array>();
  if (chosen.length === 0) return out;
  const picked = chosen.map((j) => boxes[j]!);
  const hse = await models.generalHsemotion.run({ frame, boxes: picked }, { mirror: false, inputSize: config.generalInputSize });
  const aligned = landmarks ? chosen.filter((j) => fullIndex(j) >= 0) : [];
  const fer = aligned.length
    ? await models.generalOpencvFer.run(
        { frame, boxes: aligned.map((j) => boxes[j]!), landmarks: aligned.map((j) => landmarksInFrame(boxes[j]!, landmarks![fullIndex(j)]!, FACE_LANDMARKS_DEFAULTS.padding)) },
        { mirror: false },
      )
    : [];
  chosen.forEach((j, k) => {
    const a = aligned.indexOf(j);
    const probs = generalEmotion(a >= 0 ? [hse[k]!.probs, fer[a]!.probs] : [hse[k]!.probs]);
    if (probs) out.set(j, probs);
  });
  return out;
}

/** Turns an ImageBitmap (browser) into a frame tensor; the caller disposes it. */
export function frameFromBitmap(bitmap: ImageBitmap): Frame {
  return tf.browser.fromPixels(bitmap);
}

/** A frame tensor from pixels read ahead (src/video/frame-pixels.ts): one copy, the same tensor fromPixels makes. */
export function frameFromPixels(pixels: FramePixels): Frame {
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
