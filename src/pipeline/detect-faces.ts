/**
 * The face detection of one frame (§3.3.2): Tiny Face at the input sizes the frame needs (see
 * `detectionPlan`), as one download on a GPU.
 */
import type { FaceDetectorOutput, Frame } from '../models';
import { READ_NOW, ReadBatch } from '../models/device-reads';
import type { Box } from '../core/geometry';
import { detectionPlan, detectorInputCap, faceInputSize, fullPassDue, isLargeFace, isSearchFace, facelessPassDue, mergeDetections, searchInputFor, searchLeads, searchWindow, smallFaceRecent, smallInputFor, type SearchWindow } from '../shared/perception-config';
import type { PerceptionModels } from './perception-models';
import type { PerceptionState } from './perceive-frame';
import { timeSync, type StageTimer } from './stage-timer';

/**
 * The small input alone while every known face is large, with the full one added every
 * `fullDetectionIntervalSec` or when the small one lost a face; the full one alone otherwise,
 * followed by the small one when every face it found is large and no small face was found within
 * that interval (`smallFaceRecent`), so that a face keeps one box convention from frame to frame.
 *
 * A search pass at a larger input then adds small faces neither pass could see (`searchInputFor`,
 * `isSearchFace`); while every known face is one of those, the search leads and the full pass runs
 * once a second (`searchLeads`). Whenever the search runs for faces it found, it reads a window
 * around them (`searchWindow`), the whole frame once a second or when the window lost a face.
 *
 * Those follow-ups depend on the first pass's faces. With `state.batchedReads` (a GPU, where each
 * download is a round trip) every pass the frame may need is issued first and read in one
 * download, and the same rules then pick among the results; the spare pass costs GPU time only.
 * Otherwise (WASM) each pass runs only when the rules ask for it.
 *
 * A frame on which no pass found a face is read once more inside a black border (`tightFramePad`):
 * a face that fills the frame, as in a tight face crop, is found there; then, still faceless,
 * smoothed (`noisyFrameSmooth`): a face hidden in a dark picture's grain is (`facelessPasses`).
 */
export async function detectFaces(models: PerceptionModels, frame: Frame, tSec: number, state: PerceptionState, timer: StageTimer): Promise<FaceDetectorOutput> {
  const [height, width] = frame.shape;
  const { config } = state;
  // The full input follows the video's size: a 1080p frame analysed at 640 px keeps the large input;
  // a frame smaller than the input is not blown up past its own size.
  const sourceLongSide = Math.max(width, height, state.sourceLongSide ?? 0);
  const maxInput = detectorInputCap(Math.max(width, height));
  const fullSize = Math.min(faceInputSize(config, sourceLongSide, height), maxInput);
  const previous = state.lastFaceBoxes ?? [];
  const previousSides = sidesOf(previous);
  const plan = detectionPlan(config, width, height, previousSides, state.lastFullDetectionSec, tSec, fullSize, state.lastSmallFaceSec);
  const largeFaceKnown = previousSides.some((side) => isLargeFace(config, width, height, side));
  const search = searchInputFor(config, sourceLongSide, state.lastSearchSec, state.lastSearchFaceSec, tSec, largeFaceKnown, maxInput, state.largeFaceSearches);
  const leads = search !== null && searchLeads(config, width, height, fullSize, previousSides, state.lastSearchFaceSec, tSec);
  // The far faces the search found last frame: it reads a window around them (searchWindow).
  const searchKnown = previous.filter((b) => isSearchFace(config, width, height, fullSize, b));
  const farWindow = search === null ? null : searchWindow(config, width, height, searchKnown, search, state.lastSearchSec, tSec);
  const batch = state.batchedReads ? new ReadBatch() : null;
  const passes = new Map<string, Promise<FaceDetectorOutput>>();
  const run = (inputSize: number, region?: Box): Promise<FaceDetectorOutput> => {
    const key = region ? `${inputSize}@${region.x},${region.y},${region.w},${region.h}` : `${inputSize}`;
    let pass = passes.get(key);
    if (!pass) {
      const detect = () => models.faceDetector.run(frame, { inputSize, scoreThreshold: config.faceScoreThreshold, centreShift: config.faceBoxCentreShift, region }, batch ?? READ_NOW);
      // The search's window timed apart, so that the bench shows how often it stands in for the whole frame.
      const stage = region ? 'faceSearchWindow' : 'faceDetection';
      pass = batch ? timeSync(timer, stage, detect) : timer.time(stage, detect);
      passes.set(key, pass);
    }
    return pass;
  };
  const runWindow = (w: SearchWindow) => run(w.inputSize, w.region);
  if (batch) {
    const small = config.faceInputSizeLargeFaces;
    const sizes = [...(plan.small === null ? [fullSize, ...(small > 0 && small < fullSize ? [small] : [])] : [plan.small, fullSize]), ...(search === null ? [] : [search])];
    try {
      sizes.forEach((size) => run(size));
      if (farWindow) runWindow(farWindow);
      await timer.time('readback', () => batch.flush());
    } catch (error) {
      batch.discard();
      throw error;
    }
  }
  // The search pass's faces small enough to add (isSearchFace), from `over`: the whole frame at that
  // input size, or a window; noting when it ran over the whole frame and when it found one.
  const searchFaces = async (over: number | SearchWindow): Promise<FaceDetectorOutput> => {
    const whole = typeof over === 'number';
    const small = (await (whole ? run(over) : runWindow(over))).filter((f) => isSearchFace(config, width, height, fullSize, f.box));
    if (whole) state.lastSearchSec = tSec;
    if (whole && largeFaceKnown) state.largeFaceSearches = (state.largeFaceSearches ?? 0) + 1;
    if (small.length > 0) state.lastSearchFaceSec = tSec;
    return small;
  };
  // The search's faces: in the window while it finds every far face it knew; else, or when no
  // window is used, over the whole frame at input `size`.
  const searchPass = async (size: number): Promise<FaceDetectorOutput> => {
    if (!farWindow) return searchFaces(size);
    const found = await searchFaces(farWindow);
    return found.length < searchKnown.length ? mergeDetections(found, await searchFaces(size)) : found;
  };
  // The first pass's faces, with the full pass's new ones when it is due (once an interval, or a face was lost).
  const withFullPassIfDue = async (first: FaceDetectorOutput): Promise<FaceDetectorOutput> => {
    if (!fullPassDue(config, state.lastFullDetectionSec, tSec, first.length, previous.length)) return first;
    const merged = mergeDetections(first, await run(fullSize));
    state.lastFullDetectionSec = tSec;
    return merged;
  };
  let faces: FaceDetectorOutput;
  if (leads) return remember(config, state, width, height, tSec, await withFullPassIfDue(await searchPass(search)));
  if (plan.small === null) {
    faces = await run(fullSize);
    state.lastFullDetectionSec = tSec;
    const small = smallFaceRecent(config, state.lastSmallFaceSec, tSec) ? null : smallInputFor(config, width, height, sidesOf(faces.map((f) => f.box)), fullSize);
    if (small !== null) faces = mergeDetections(await run(small), faces);
  } else {
    // plan.full is set exactly when the interval is due (detectionPlan), which fullPassDue checks too.
    faces = await withFullPassIfDue(await run(plan.small));
  }
  // Kept running while it finds small faces, even on a frame where another pass saw them too:
  // the full input finds such faces on some frames only.
  if (search !== null) faces = mergeDetections(faces, await searchPass(search));
  if (faces.length === 0) faces = await facelessPasses(models, frame, tSec, state, timer);
  return remember(config, state, width, height, tSec, faces);
}

/** The reads of a faceless frame, in turn, each with its setting's detector option (null: off). */
const FACELESS_READS = [
  { name: 'padded', option: (c: PerceptionState['config']) => (c.tightFramePad > 0 ? { pad: c.tightFramePad } : null) },
  { name: 'smoothed', option: (c: PerceptionState['config']) => (c.noisyFrameSmooth > 0 ? { smooth: c.noisyFrameSmooth } : null) },
] as const;

/**
 * A faceless frame read the other ways (`FACELESS_READS`) at the small input, each when due
 * (`facelessPassDue`), until one finds a face; noting when each ran and found one. Read at once,
 * also on a GPU: they run only on frames where the batch found nobody.
 */
async function facelessPasses(models: PerceptionModels, frame: Frame, tSec: number, state: PerceptionState, timer: StageTimer): Promise<FaceDetectorOutput> {
  const { config } = state;
  for (const { name, option } of FACELESS_READS) {
    const read = option(config);
    const times = (state.faceless ??= {})[name] ?? {};
    if (!read || !facelessPassDue(config, times.lastSec, times.lastFaceSec, tSec)) continue;
    const faces = await timer.time('faceDetection', () =>
      models.faceDetector.run(frame, { inputSize: config.faceInputSizeLargeFaces, scoreThreshold: config.faceScoreThreshold, centreShift: config.faceBoxCentreShift, ...read }, READ_NOW),
    );
    state.faceless[name] = { lastSec: tSec, lastFaceSec: faces.length > 0 ? tSec : times.lastFaceSec };
    if (faces.length > 0) return faces;
  }
  return [];
}

/** Records this frame's faces for the next frame's plan; returns them. */
function remember(config: PerceptionState['config'], state: PerceptionState, width: number, height: number, tSec: number, faces: FaceDetectorOutput): FaceDetectorOutput {
  state.lastFaceBoxes = faces.map((f) => f.box);
  if (sidesOf(state.lastFaceBoxes).some((side) => !isLargeFace(config, width, height, side))) state.lastSmallFaceSec = tSec;
  return faces;
}

/** Each face's shorter side, in frame pixels. */
function sidesOf(boxes: readonly Box[]): number[] {
  return boxes.map((b) => Math.min(b.w, b.h));
}
