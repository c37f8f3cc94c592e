/**
 * How the perception stage trades cost for coverage on a CPU. Measured on 82 frames of 7 shared
 * clips (360×270) in Node WASM: Tiny Face at 320 px with score ≥ 0.4 found the one face in 74
 * frames, at 416 px / 0.5 (face-api's defaults) in 72, at under half the cost.
 */

import { center, iou, type Box } from '../core/geometry';
import { MOUTH_TRACE } from '../core/speaker/speaker-constants';
import { DEFAULT_THRESHOLDS } from '../core/tracking/constants';
import { positionDistance } from '../core/tracking/cost-matrices';

/** Settings of the per-frame perception stage. */
export interface PerceptionConfig {
  /** Tiny Face input side for frames whose long side is at most `smallFrameMaxSide`. */
  faceInputSizeSmall: number;
  /** Tiny Face input side for larger frames (more pixels per face to find small faces). */
  faceInputSizeLarge: number;
  smallFrameMaxSide: number;
  faceScoreThreshold: number;
  /**
   * Tiny Face's boxes moved right by this fraction of their width (FaceDetectorConfig.centreShift):
   * its boxes sit about 2 % of a width left of the face, so a mirrored video (a selfie stored as the
   * screen showed it) had every crop 4 % of a face off from the original's (docs/real-files.md).
   */
  faceBoxCentreShift: number;
  /**
   * Tiny Face input side while every face is large (0: never). The detector's cost grows with
   * the square of its input (224 px: about 0.6 of 320 px), and a face that is large in the frame
   * is found as well at 224 px: 139 of 142 frames of 21 shared clips against 128 at 320 px (Node
   * WASM). Used only while the previous frame's faces were all at least `largeFaceMinSidePx` at
   * that input scale; the full size runs again at least every `fullDetectionIntervalSec` (a new,
   * smaller face), and at once on a frame where the small input finds fewer faces than before.
   */
  faceInputSizeLargeFaces: number;
  /** Least side (in pixels of the small detector input) of every previous face for the small input. */
  largeFaceMinSidePx: number;
  /** The full input size runs at least this often (seconds) while the small one is in use. */
  fullDetectionIntervalSec: number;
  /**
   * Frames larger than `smallFrameMaxSide` (HD: analysed at 640 px, read at 416) also get a search
   * pass at this input (0: never) every `fullDetectionIntervalSec` while no large face is known,
   * and on every frame while it found a face it may add within that interval. It adds only faces
   * the other passes did not see and that are smaller than `searchFaceMaxSidePx` at the full input's
   * scale: at 416 a face under ~50 px of a 640-px frame (≈ 100 px of 720p, a person a few metres
   * away) was never found, at 608 down to ~35 px are; larger faces keep the other passes' boxes,
   * since Tiny Face boxes one face very differently at 608 (docs/real-files.md, "Small faces").
   */
  faceInputSizeSearch: number;
  /** The same search on frames of at most `smallFrameMaxSide` (read at 320): this input (0: never). */
  faceInputSizeSearchSmallFrames: number;
  /**
   * While a large face is known the search still looks over the whole frame now and then: after
   * `fullDetectionIntervalSec`, then twice, four times … as long, at most this many seconds apart.
   * It had stopped for good once a large face was seen, so a small face that came into view after
   * the first frame (a call's second camera turned on, a clip fading in beside a large face) was never
   * found, nor credited with its voice (docs/real-files.md, "A small face that appears later").
   */
  searchLargeFaceMaxIntervalSec: number;
  /**
   * Largest side (pixels at the full input's scale) of a face the search pass may add: where the
   * full pass stops finding faces reliably. At 320 px it found a face boxed 41–42 px at its scale
   * on 0 and 7 of 8 frames, 46–47 px on every frame (three clips on a 640×480 picture); at 40 a far
   * person on a webcam fell between the two passes (found by the search, too large for it to add,
   * missed by the full pass). Up to this size the two inputs box a face within ~15 % of each other.
   */
  searchFaceMaxSidePx: number;
  /**
   * While the search runs for far faces it found (and when it leads, `searchLeads`), it reads only a
   * window around them, at least this many face sides wide, at the whole frame's search scale (`searchWindow`); the whole
   * frame is searched again every `fullDetectionIntervalSec` and at once when the window loses a
   * face (0: always the whole frame). A far person on a 640×480 camera at 15 pictures a second,
   * still or moving 60 px a second: found on every picture in windows of 3 face sides (inputs 160
   * and 224, 345 px of the frame at 224) and of 3.5; the window costs about a third of the whole
   * frame's 416-px search (docs/performance-camera.md).
   */
  searchWindowFaces: number;
  /**
   * A frame filled by a face (a tight face crop, as face datasets and face-only exports are) is read
   * again inside a black border this fraction of its long side wide on every side, at the small
   * input, on frames where no other pass found a face (`facelessPassDue`). Tiny Face missed such
   * faces on most frames of 112×112, 128×128, 192×192 and 720×720 crops of our clips and found
   * them on all 6 of 6 with a border of 0.5 at 224 px (docs/real-files.md). 0: off.
   */
  tightFramePad: number;
  /**
   * A frame on which no pass (the border's included) found a face is read smoothed by a box filter
   * this many pixels wide (odd), at the small input (`facelessPassDue`): a dark, grainy picture (night
   * light, an old webcam) hides a face in noise. 01-01-03 darkened with grain: found on 3 of 19 frames,
   * 19 of 19 smoothed by 5 px (docs/real-files.md). 0: off.
   */
  noisyFrameSmooth: number;
  /**
   * Person detection (CenterNet, the costliest network: ~190 ms here) runs at most this often;
   * frames in between reuse the last persons and context features. People move slowly compared
   * with faces' expressions, and the context feature is a pooled backbone activation.
   * 0 runs it on every analysed frame. At 1 s it costs ~40 ms per frame at 5 fps instead of ~190.
   */
  personIntervalSec: number;
  /**
   * Frames are analysed with at most this long side (1080p and 4K → 640×360); results are in video
   * pixels. The face detector sees at most 416 px of the frame's long side anyway, so a smaller
   * analysis frame finds the same faces; what it saves is the decode worker's resizing and reading
   * of every sampled and mouth-grid frame, which bounded HD files: at 1280 a 1080p copy of the bench
   * clips was analysed at 0.32× the originals' fps, at 640 at 0.53× (docs/performance.md).
   */
  maxAnalysisSide: number;
  /**
   * Files: grey frames per second the decode worker sends for the speaker's mouth measure between
   * analysed frames (src/pipeline/mouth-trace.ts, docs/speaker.md); 0 sends none (no one can be credited with the voice).
   */
  mouthFps: number;
  /**
   * The face embedding (~23 ms a frame here, the second costliest network) only tells faces apart,
   * so it runs when there is something to tell apart: two or more faces in the frame, no recent
   * track or several, and otherwise at least this often (seconds) to re-check that the one face
   * is still the same person. In between, the tracker matches on the other three cues (§3.3,
   * eq. 6 normalised over the cues present). 0 computes it on every frame (the paper).
   */
  embeddingIntervalSec: number;
  /**
   * A Tiny Face detection becomes a face only when BlazeFace (the face verifier) gives its crop at
   * least this score. Measured (docs/honest-answers.md): real faces of our clips ≥ 0.79, Tiny Face's
   * false faces on test patterns ≤ 0.34. 0 turns the check off (every detection is a face).
   */
  faceVerifyThreshold: number;
  /**
   * A detection that overlaps (IoU ≥ `VERIFIED_FACE_MIN_IOU`) a face the verifier confirmed on the
   * previous analysed frame keeps that confirmation for up to this many seconds since the verifier
   * last ran on it, instead of running BlazeFace again (one graph call per face: 14–21 ms a picture
   * for one or two faces on the camera under load). Only confirmed faces carry over, so a false face
   * (a test pattern) is still checked on every frame. 0: every detection of every frame (files).
   */
  faceVerifyIntervalSec: number;
  /**
   * Several faces skip the embedding between checks too when their positions alone decide which
   * track each continues (see `positionsDecide`): as many faces as recent tracks, each face within
   * the tracker's position gate of its nearest track, a different one for each, and every other
   * track at least this many times farther away. The tracker's matching then has one clear answer
   * on position, and an embedding could change it only by telling that a different person took a
   * track's place: the once-a-second check covers that. People crossing, or one stepping where
   * another was, fail the margin and get embeddings. 0: several faces always get embeddings
   * (files, the paper). The camera sets it: people side by side.
   */
  embeddingFreeMargin: number;
  /**
   * Also compute each face's embedding averaged with its mirror image's (`FaceRecord.groupingEmbedding`)
   * on every analysed frame, for grouping a folder's clips by person: the average varies less with
   * head turn and lighting, so a person's clips stay together on compressed footage
   * (docs/calibration.md: 160×120 at crf 36, small folders pure more often). The tracker and the
   * familiarity keep the plain embedding, on its own cadence. It runs the embedding net on twice the
   * faces, beside the general networks (general-nets.ts): folder clips set it, single files and the
   * camera do not.
   */
  mirrorEmbedding: boolean;
  /**
   * Run Human's FER2013 net on every face: the `humanEmotion` per-frame baseline and the second
   * face model of the temporal models (`fer`, `both`). Files need it (the trained ensemble reads
   * it); the live camera, which shows the face-api net's rolling emotion and runs no temporal
   * model, leaves it off unless asked.
   */
  ferNet: boolean;
  /**
   * Run CenterNet (person boxes and the context feature). Off, faces link to no person and carry an
   * empty context feature, which the clip models refuse: for runs that read only the face path.
   */
  personNet: boolean;
  /** Run the 68-landmark net (mouth opening for the speaker, expression geometry). Off: neither. */
  landmarksNet: boolean;
  /**
   * With several faces and a main face known (the running vote's winner, sent by the page), give
   * only the main face the full per-face nets — the face emotion net on the crop and its mirror,
   * the FER net and the landmarks, which the clip models read — and the others the face emotion
   * net on the crop alone (their probabilities for the overlay). The camera sets it: those nets are
   * 70 % of a two-face picture. Files keep every face complete (the vote is known only at the end).
   */
  mainFaceOnlyNets: boolean;
  /**
   * Run the general-purpose expression networks (HSEmotion at `generalInputSize`, and OpenCV's
   * MobileFaceNet on the face aligned by its landmarks, which needs `landmarksNet`): the `general`
   * per-frame model the overlay, the timeline and the camera show, and the answer on unfamiliar
   * footage. Off with `?nets=face`.
   */
  generalNets: boolean;
  /**
   * The general networks run on a frame at most this often (seconds; 0: every analysed frame).
   * They are the costliest face nets (about 40 ms a face here, against 65 ms for everything else a
   * file frame needs), and an untrained per-frame average loses little from every other frame.
   */
  generalIntervalSec: number;
  /**
   * HSEmotion's input side (224, 160 or 112). Files: 224, the side it was trained at — at 160 its
   * clip probabilities were 0.18 (total variation) from its own at 224 and named another emotion on
   * 14 % of our clips (24 of 168; 0.19–0.20 and 17–29 % on grey, crops, 240p and dim copies), a
   * different network in effect, for `general`, the answer on footage unlike ours. It runs on its own
   * thread beside the analysis, so a file's frame costs the same (docs/performance.md). The camera
   * keeps 160 (CAMERA_PERCEPTION): there it is on the analysis path, 5.3 → 8.3 ms a picture at 224.
   */
  generalInputSize: 224 | 160 | 112;
  /**
   * At most this many faces a frame get the general networks: the main face alone when it is known;
   * else confirmed faces largest first, taken in turn when more are confirmed (`generalFacesInTurn`).
   */
  generalMaxFaces: number;
  /**
   * Which view of each face the general networks read: 'none' (the crop), 'alternate' (the crop on
   * one run, its mirror image on the next), 'both' (the two averaged on every run). A face and its
   * mirror image read differently (0.036 apart, total variation, in a clip's mean), so with 'none'
   * a video stored mirrored — a selfie — got another `general` answer on 22 of our 462 clips and
   * copies; 'both' makes it the same but costs a file 1.37× the face-api baseline (1.22 without),
   * over the 1.3 budget; 'alternate' leaves 5, at no cost: a clip's mean reads both views (0.01 from
   * 'both'), a single frame one. Accuracy moved by a clip or none either way (docs/performance.md, "The general
   * networks' mirror").
   */
  generalMirror: GeneralMirror;
}

/** The views of a face the general networks read (PerceptionConfig.generalMirror). */
export type GeneralMirror = 'none' | 'alternate' | 'both';

/** The view of each face one run of the general networks reads (`generalView`): the crop, its mirror image, or both averaged. */
export type GeneralView = 'plain' | 'mirror' | 'both';

/**
 * Defaults used by the app, the CLIs and the feature extraction alike (so the heads are trained on
 * what the app computes). Since 2026-12-02 21:45 UTC files share the camera's cheaper detection
 * (224-px Tiny Face while faces are large, BlazeFace carried for 1 s) and, since 2026-12-03, its
 * person detection every 5 s (every 3 s before: the file pipeline's cost against the face-api
 * baseline, docs/performance.md, went from 1.01–1.05 to 0.96–0.99). The embedding stays
 * at once a second: at every 2 s the folder grouping by person was no longer pure (docs/calibration.md).
 * Before: 320 px on every frame, person detection every second, BlazeFace on every detection.
 */
export const DEFAULT_PERCEPTION_CONFIG: Readonly<PerceptionConfig> = Object.freeze({
  faceInputSizeSmall: 320,
  faceInputSizeLarge: 416,
  smallFrameMaxSide: 640,
  faceScoreThreshold: 0.4,
  faceBoxCentreShift: 0.02,
  faceInputSizeLargeFaces: 224,
  largeFaceMinSidePx: 40,
  fullDetectionIntervalSec: 1,
  faceInputSizeSearch: 608,
  faceInputSizeSearchSmallFrames: 416,
  searchLargeFaceMaxIntervalSec: 30,
  searchFaceMaxSidePx: 48,
  searchWindowFaces: 3,
  tightFramePad: 0.5,
  noisyFrameSmooth: 5,
  personIntervalSec: 5,
  maxAnalysisSide: 640,
  mouthFps: MOUTH_TRACE.fps,
  embeddingIntervalSec: 1,
  faceVerifyThreshold: 0.6,
  faceVerifyIntervalSec: 1,
  embeddingFreeMargin: 0,
  mirrorEmbedding: false,
  ferNet: true,
  personNet: true,
  landmarksNet: true,
  mainFaceOnlyNets: false,
  generalNets: true,
  generalIntervalSec: 0.4,
  generalInputSize: 224,
  generalMaxFaces: 2,
  generalMirror: 'alternate',
});

/**
 * Perception settings from a page's query (`?perception.personIntervalSec=2`), so that `npm run
 * bench -- --perception personIntervalSec=2` compares a setting against the defaults in one run,
 * on files and on the camera alike. Names that are not settings are ignored.
 */
export function perceptionFromQuery(search: string): Partial<PerceptionConfig> {
  const out: Record<string, number | boolean | string> = {};
  for (const [key, value] of new URLSearchParams(search)) {
    const name = key.replace(/^perception\./, '');
    if (name === key || !(name in DEFAULT_PERCEPTION_CONFIG)) continue;
    const kind = typeof DEFAULT_PERCEPTION_CONFIG[name as keyof PerceptionConfig];
    out[name] = kind === 'boolean' ? value === 'true' : kind === 'string' ? value : Number(value);
  }
  return out as Partial<PerceptionConfig>;
}

/** The Tiny Face input size for a frame of this size. */
export function faceInputSize(config: PerceptionConfig, width: number, height: number): number {
  return Math.max(width, height) <= config.smallFrameMaxSide ? config.faceInputSizeSmall : config.faceInputSizeLarge;
}

/** Tiny Face's inputs are multiples of its stride. */
const DETECTOR_STRIDE = 32;

/**
 * The largest Tiny Face input worth running on a frame whose long side is `frameLongSide`: the
 * frame's own size, rounded up to the detector's stride. A larger input only enlarges a small
 * frame's blur and compression blocks, and Tiny Face then misses the face: on 160×120 footage at
 * crf 36 (an old webcam) it found a face on 118 of 365 frames at 320 px and on 222 at 160 px
 * (docs/real-files.md, "Small frames"). Frames of 288 px and more are not affected.
 */
export function detectorInputCap(frameLongSide: number): number {
  return Math.max(DETECTOR_STRIDE, Math.ceil(frameLongSide / DETECTOR_STRIDE) * DETECTOR_STRIDE);
}

/**
 * True when position alone pairs `faces` with `tracks` (the recent tracks' last boxes): as many of
 * each; each face's nearest track within `gate` face sizes, a different one for each face; every
 * other track at least `margin` times as far from that face. Distances are the tracker's own
 * position cue (positionDistance).
 * A `margin` of 0 or less never decides.
 */
export function positionsDecide(faces: readonly Box[], tracks: readonly Box[], margin: number, gate: number = DEFAULT_THRESHOLDS.position): boolean {
  if (!(margin > 0) || faces.length !== tracks.length) return false;
  const taken = new Set<number>();
  for (const face of faces) {
    const distances = tracks.map((track) => positionDistance(track, face));
    const nearest = distances.indexOf(Math.min(...distances));
    const d = distances[nearest]!;
    if (d > gate || taken.has(nearest)) return false;
    if (distances.some((other, i) => i !== nearest && other < margin * d)) return false;
    taken.add(nearest);
  }
  return true;
}

/**
 * Which Tiny Face passes this frame runs, given the faces of the previous analysed frame
 * (`previousSides`: each face's shorter side in frame pixels; undefined before any) and when the
 * full input size last ran (see `faceInputSizeLargeFaces`). `small`: the small input, for the faces
 * already known while every one is large; `full`: the full input, to look for new (smaller) faces
 * everywhere. Both may run on one frame: the known faces then keep the small pass's boxes and the
 * full pass only adds faces the small one did not see (see `mergeDetections`), because one face gets
 * boxes of different sizes at different input sizes (at 1280×720, 147 px at 416 against 127 px at
 * 224 on every frame of a clip), and alternating them split one face into two tracks on HD files.
 */
export interface DetectionPlan {
  small: number | null;
  full: number | null;
}

/**
 * The passes this frame runs (see DetectionPlan). `lastSmallFaceSec`: when a face too small for the
 * small input was last found; within `fullDetectionIntervalSec` of it the full input runs alone
 * (see `smallFaceRecent`).
 */
export function detectionPlan(
  config: PerceptionConfig,
  width: number,
  height: number,
  previousSides: readonly number[] | undefined,
  lastFullSec: number | undefined,
  tSec: number,
  full = faceInputSize(config, width, height),
  lastSmallFaceSec?: number,
): DetectionPlan {
  const small = smallInputFor(config, width, height, previousSides ?? [], full);
  if (small === null || lastFullSec === undefined || smallFaceRecent(config, lastSmallFaceSec, tSec)) return { small: null, full };
  return { small, full: intervalDue(lastFullSec, tSec, config.fullDetectionIntervalSec) ? full : null };
}

/**
 * The small Tiny Face input when every one of the faces (`sides`: shorter sides in frame pixels) is
 * large at that input, and there is at least one; else null. A frame whose full pass alone found
 * only such faces runs the small pass too, so that they get the small pass's boxes from the first
 * frame on (see DetectionPlan).
 */
export function smallInputFor(config: PerceptionConfig, width: number, height: number, sides: readonly number[], full = faceInputSize(config, width, height)): number | null {
  const small = config.faceInputSizeLargeFaces;
  if (!(small > 0 && small < full) || sides.length === 0) return null;
  return sides.every((side) => isLargeFace(config, width, height, side)) ? small : null;
}

/** Whether a face (shorter side in frame pixels) is at least `largeFaceMinSidePx` at the small input's scale. */
export function isLargeFace(config: PerceptionConfig, width: number, height: number, side: number): boolean {
  return side * (config.faceInputSizeLargeFaces / Math.max(width, height)) >= config.largeFaceMinSidePx;
}

/**
 * Whether a faceless frame's pass (`tightFramePad`, `noisyFrameSmooth`), last run at `lastSec` and
 * last finding a face at `lastFaceSec`, is due on a frame where no other pass found a face: on every
 * such frame within `fullDetectionIntervalSec` of it finding one (a face crop's, a dark video's
 * frames), else once an interval (a video with nobody in it pays one small pass a second each).
 */
export function facelessPassDue(config: PerceptionConfig, lastSec: number | undefined, lastFaceSec: number | undefined, tSec: number): boolean {
  return withinDetectionInterval(config, lastFaceSec, tSec) || intervalDue(lastSec, tSec, config.fullDetectionIntervalSec);
}

/**
 * Whether a face too small for the small input was found within the last `fullDetectionIntervalSec`
 * (`lastSmallFaceSec`: when; undefined: never). While it was, the full input runs alone even on a
 * frame where it missed that face: switching the large faces to the small pass's boxes for a frame
 * (a face is 147 px at 416 and 223 px at 224 in a 720×270 composite) split them into two tracks
 * each time a small face beside them was missed.
 */
export function smallFaceRecent(config: PerceptionConfig, lastSmallFaceSec: number | undefined, tSec: number): boolean {
  return withinDetectionInterval(config, lastSmallFaceSec, tSec);
}

/** Whether something last seen at `lastSec` (undefined: never) was seen within the last `fullDetectionIntervalSec`. */
function withinDetectionInterval(config: PerceptionConfig, lastSec: number | undefined, tSec: number): boolean {
  return lastSec !== undefined && !intervalDue(lastSec, tSec, config.fullDetectionIntervalSec);
}

/**
 * The search pass's input for this frame, or null (see `faceInputSizeSearch`,
 * `faceInputSizeSearchSmallFrames`): within `fullDetectionIntervalSec` of a small face it
 * found (`lastSearchFaceSec`), or when that interval passed since it last ran over the whole frame
 * (`lastSearchSec`). While a large face is known (`largeFaceKnown`: it is the vote's winner anyway,
 * and HD files with one would pay the pass's ~110 ms every second) the interval doubles with each
 * such search (`largeFaceSearches` so far), up to `searchLargeFaceMaxIntervalSec`. Inputs are capped
 * at `maxInput` (see `detectorInputCap`): a frame too small for a larger input than the full pass's gets no search.
 */
export function searchInputFor(
  config: PerceptionConfig,
  sourceLongSide: number,
  lastSearchSec: number | undefined,
  lastSearchFaceSec: number | undefined,
  tSec: number,
  largeFaceKnown = false,
  maxInput = Infinity,
  largeFaceSearches = 0,
): number | null {
  const size = Math.min(sourceLongSide <= config.smallFrameMaxSide ? config.faceInputSizeSearchSmallFrames : config.faceInputSizeSearch, maxInput);
  if (!(size > 0) || size <= Math.min(faceInputSize(config, sourceLongSide, 0), maxInput)) return null;
  if (lastSearchFaceSec !== undefined && !intervalDue(lastSearchFaceSec, tSec, config.fullDetectionIntervalSec)) return size;
  const interval = largeFaceKnown ? Math.min(config.fullDetectionIntervalSec * 2 ** largeFaceSearches, config.searchLargeFaceMaxIntervalSec) : config.fullDetectionIntervalSec;
  return intervalDue(lastSearchSec, tSec, interval) ? size : null;
}

/** Whether a face (box in frame pixels) is small enough for the search pass to add (see `searchFaceMaxSidePx`). */
export function isSearchFace(config: PerceptionConfig, width: number, height: number, fullSize: number, box: Box): boolean {
  return isSearchSide(config, width, height, fullSize, Math.min(box.w, box.h));
}

function isSearchSide(config: PerceptionConfig, width: number, height: number, fullSize: number, side: number): boolean {
  return side * (fullSize / Math.max(width, height)) < config.searchFaceMaxSidePx;
}

/**
 * Whether the search pass leads this frame: it found a face within `fullDetectionIntervalSec`
 * (`lastSearchFaceSec`) and every face of the previous frame (`previousSides`) is one only it
 * finds reliably. It then runs first, its boxes are the faces', and the full pass runs only every
 * `fullDetectionIntervalSec` (a new, nearer face) or when the search lost a face — as the small
 * input does for large faces. Running both on every frame cost a far person on a 640×480 camera
 * 94 ms of detection a picture (7.4 fps); and the full pass, when it did see such a face, boxed
 * it ~15 % smaller than the search, a jump in the tracker's size cue.
 */
export function searchLeads(
  config: PerceptionConfig,
  width: number,
  height: number,
  fullSize: number,
  previousSides: readonly number[] | undefined,
  lastSearchFaceSec: number | undefined,
  tSec: number,
): boolean {
  if (lastSearchFaceSec === undefined || intervalDue(lastSearchFaceSec, tSec, config.fullDetectionIntervalSec)) return false;
  return (previousSides?.length ?? 0) > 0 && previousSides!.every((side) => isSearchSide(config, width, height, fullSize, side));
}

/** The part of the frame the search reads around its far faces, and the detector input that keeps the whole frame's scale. */
export interface SearchWindow {
  region: Box;
  inputSize: number;
}

/**
 * A window over the far faces' `boxes` (frame pixels) the search found, for a search whose whole-frame
 * input is `searchSize` (see `searchWindowFaces`). It must hold each face's square,
 * `searchWindowFaces` face sides wide around it; its input is that at the search's scale, rounded up
 * to an odd number of the detector's 32-px cells, and the window is the square that input covers at
 * that scale, centred on the faces and moved inside the frame rather than cut by its edge. So the
 * detector sees the faces at the whole frame's search scale; the window takes one shape per input
 * (a new shape is a new resize and, on a GPU, new programs); and a lone face's centre falls in the
 * middle of a cell — on an even count it fell on a cell border, and Tiny Face lost the far person
 * on 14 of 38 pictures at 8 cells against 0 of 20 at 7. Null — the whole frame — when off, with no
 * face, when the whole frame was last searched `fullDetectionIntervalSec` or more ago
 * (`lastWholeSearchSec`: new faces anywhere), or when the window would cost more than half the
 * whole frame's search (faces far apart).
 */
export function searchWindow(
  config: PerceptionConfig,
  width: number,
  height: number,
  boxes: readonly Box[],
  searchSize: number,
  lastWholeSearchSec: number | undefined,
  tSec: number,
): SearchWindow | null {
  const k = config.searchWindowFaces;
  if (!(k > 0) || boxes.length === 0 || intervalDue(lastWholeSearchSec, tSec, config.fullDetectionIntervalSec)) return null;
  const squares = boxes.map((b) => ({ cx: b.x + b.w / 2, cy: b.y + b.h / 2, half: (k * Math.max(b.w, b.h)) / 2 }));
  const left = Math.min(...squares.map((s) => s.cx - s.half));
  const right = Math.max(...squares.map((s) => s.cx + s.half));
  const top = Math.min(...squares.map((s) => s.cy - s.half));
  const bottom = Math.max(...squares.map((s) => s.cy + s.half));
  const scale = searchSize / Math.max(width, height);
  const cells = Math.ceil((Math.max(right - left, bottom - top) * scale) / DETECTOR_STRIDE);
  const inputSize = DETECTOR_STRIDE * (cells % 2 === 1 ? cells : cells + 1);
  if (inputSize * inputSize > 0.5 * searchSize * searchSize) return null;
  const side = Math.round(inputSize / scale);
  const [w, h] = [Math.min(width, side), Math.min(height, side)];
  const x = Math.round(Math.min(Math.max(0, (left + right - w) / 2), width - w));
  const y = Math.round(Math.min(Math.max(0, (top + bottom - h) / 2), height - h));
  return { region: { x, y, w, h }, inputSize };
}

/** Whether the full pass runs beside a leading search (see `searchLeads`): once an interval, or at once when a face was lost. */
export function fullPassDue(config: PerceptionConfig, lastFullSec: number | undefined, tSec: number, facesNow: number, facesBefore: number): boolean {
  return facesNow < facesBefore || intervalDue(lastFullSec, tSec, config.fullDetectionIntervalSec);
}

/** A full-pass face overlapping a small-pass face this much (IoU) or holding its centre is the same face. */
export const SAME_FACE_MIN_IOU = 0.3;

/**
 * The faces of a frame where both passes ran: every face of the small pass (the known faces keep one
 * box convention from frame to frame), plus each face of the full pass that is none of them.
 */
export function mergeDetections<T extends { box: Box }>(small: readonly T[], full: readonly T[]): T[] {
  const known = (box: Box) => small.some((s) => iou(s.box, box) >= SAME_FACE_MIN_IOU || contains(s.box, center(box)));
  return [...small, ...full.filter((f) => !known(f.box))];
}

function contains(box: Box, { x, y }: { x: number; y: number }): boolean {
  return x >= box.x && x <= box.x + box.w && y >= box.y && y <= box.y + box.h;
}

/**
 * Whether something that runs at most every `intervalSec` is due at `tSec`, given when it last ran:
 * never run, a seek back, or the interval has passed (to a microsecond: frame times are rounded).
 */
function intervalDue(lastSec: number | undefined, tSec: number, intervalSec: number): boolean {
  return lastSec === undefined || tSec < lastSec || tSec - lastSec >= intervalSec - 1e-6;
}

/** Whether the general networks run on this frame, given when they last ran (see `generalIntervalSec`). */
export function generalDue(config: PerceptionConfig, lastSec: number | undefined, tSec: number): boolean {
  if (!config.generalNets) return false;
  return intervalDue(lastSec, tSec, config.generalIntervalSec);
}

/** The view the general networks read on their run number `run` (0, 1, …) of a video: see `generalMirror`. */
export function generalView(config: Pick<PerceptionConfig, 'generalMirror'>, run: number): GeneralView {
  if (config.generalMirror === 'both') return 'both';
  return config.generalMirror === 'alternate' && run % 2 === 1 ? 'mirror' : 'plain';
}

/**
 * The faces the general networks read on their run number `run`, from `order` (confirmed faces
 * first, `confirmedCount` of them, largest first; or the main face alone), at most `max`: while at
 * most `max` faces are confirmed, the first `max` of `order`; with more, `max` confirmed faces in
 * turn from run to run, so that in a group every person gets runs — the main one is known only when
 * the clip ends, and "largest first" read one person of four similar faces on 1 of its 22 frames
 * (docs/performance.md, "The general networks in a group"). `turn`: how many times a face of this
 * run has had its turn before, about (the view it reads: `generalView`).
 */
export function generalFacesInTurn(order: readonly number[], confirmedCount: number, max: number, run: number): { faces: number[]; turn: number } {
  if (confirmedCount <= max || max <= 0) return { faces: order.slice(0, Math.max(0, max)), turn: run };
  const cycle = Math.ceil(confirmedCount / max);
  const start = (run % cycle) * max;
  const faces = Array.from({ length: max }, (_, k) => order[(start + k) % confirmedCount]!);
  return { faces, turn: Math.floor(run / cycle) };
}

/** Decides when the person detector must run again, given the time of its last run. */
export function personDetectionDue(config: PerceptionConfig, lastRunSec: number | undefined, tSec: number): boolean {
  return intervalDue(lastRunSec, tSec, config.personIntervalSec);
}

/**
 * Whether this frame's faces need embeddings (see `embeddingIntervalSec`): `recentTracks` counts
 * the tracks seen within the last interval; `lastSec` is when embeddings last ran; `separated`
 * says position alone pairs the faces with those tracks (see `embeddingFreeMargin`, positionsDecide).
 */
export function embeddingsDue(
  config: PerceptionConfig,
  faceCount: number,
  recentTracks: number,
  lastSec: number | undefined,
  tSec: number,
  separated = false,
): boolean {
  if (recentTracks !== faceCount) return true;
  if (faceCount >= 2 && !(config.embeddingFreeMargin > 0 && separated)) return true;
  return intervalDue(lastSec, tSec, config.embeddingIntervalSec);
}

/** Least overlap with a confirmed face of the previous frame for a detection to keep its confirmation. */
export const VERIFIED_FACE_MIN_IOU = 0.5;

/** A face the verifier confirmed: its box on the last analysed frame, its score and when the verifier ran on it. */
export interface VerifiedFace {
  box: Box;
  score: number;
  verifiedSec: number;
}

/**
 * The confirmation `box` carries over from the previous frame's confirmed faces (see
 * `faceVerifyIntervalSec`): the best-overlapping one when it overlaps enough and was verified less
 * than the interval ago; null when the verifier must run.
 */
export function carriedVerification(config: PerceptionConfig, box: Box, previous: readonly VerifiedFace[] | undefined, tSec: number): VerifiedFace | null {
  if (!(config.faceVerifyIntervalSec > 0) || !previous) return null;
  const recent = (face: VerifiedFace) => !intervalDue(face.verifiedSec, tSec, config.faceVerifyIntervalSec);
  const j = mostOverlapping(previous.map((face) => face.box), box, VERIFIED_FACE_MIN_IOU, (k) => recent(previous[k]!));
  return j === null ? null : previous[j]!;
}

/**
 * The index of the box of `boxes` that overlaps `box` most, with IoU ≥ `minIou` (ties: the later
 * one), among those `eligible` lets through; null when none does.
 */
function mostOverlapping(boxes: readonly Box[], box: Box, minIou: number, eligible: (index: number) => boolean = () => true): number | null {
  let best: number | null = null;
  let bestIou = minIou;
  boxes.forEach((candidate, j) => {
    const overlap = iou(candidate, box);
    if (overlap >= bestIou && eligible(j)) [best, bestIou] = [j, overlap];
  });
  return best;
}

/** Least IoU between a face and the main track's last box for the face to be taken as the main face. */
export const MAIN_FACE_MIN_IOU = 0.3;

/**
 * Which of `boxes` continues the main track (last box `mainBox`): the one overlapping it most,
 * with IoU ≥ MAIN_FACE_MIN_IOU; null when none does (then every face gets the full nets).
 */
export function mainFaceIndex(boxes: readonly Box[], mainBox: Box): number | null {
  return mostOverlapping(boxes, mainBox, MAIN_FACE_MIN_IOU);
}
