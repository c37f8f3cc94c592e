/**
 * The mouth at the voice's pace (issue 29): between two analysed frames, each face that has
 * landmarks gets the cheap pixel measure (src/core/speaker/mouth-pixels.ts) on every grey frame the
 * decoder sent (≥ 12 fps), in its lips' region placed by interpolating the track's last two
 * analysed regions. The browser (analyze-video.ts) and Node (ffmpeg's `mouthFrames`) both call it,
 * so they measure the same thing. Plain data, no tfjs.
 */
import type { Box } from '../core/geometry';
import { cameraShift, frameProfiles, type FrameProfiles } from '../core/speaker/camera-shift';
import { interpolateBox, mouthPixels, mouthRegion, scaleRegion, type MouthPixels, type Shift } from '../core/speaker/mouth-pixels';
import { meanGray, type GrayFrame } from '../core/gray-image';
import { MOUTH_TRACE } from '../core/speaker/speaker-constants';

/** A face's dense mouth measure since the previous analysed frame (times in seconds). */
export interface MouthTrace {
  tSec: number[];
  value: number[];
}

/** One face of an analysed frame, in video pixels. */
export interface TracedFace {
  trackId: number;
  box: Box;
  landmarks?: ArrayLike<number>;
}

/** Follows each track's lips from analysed frame to analysed frame. */
export interface MouthTracer {
  /**
   * The traces of `faces` (analysed at `tSec`) over `frames`, the grey frames since the previous
   * call (this frame's last); `videoWidth` maps video pixels to the grey frames' (smaller for
   * large videos). Faces without landmarks get none.
   */
  trace(faces: readonly TracedFace[], tSec: number, frames: readonly GrayFrame[], videoWidth: number): (MouthTrace | undefined)[];
  /**
   * A new shot begins with the next frames given (a cut in edited footage): no grey frame is
   * compared with one before the cut (the whole picture changes there: a "mouth" spike) and no
   * region is carried over it — but the regions of the tracks in `carried`, which the cut left as
   * they were (picture in picture: src/core/tracking/cut-carry.ts), whose traces go on after it.
   */
  cut(carried?: readonly number[]): void;
  /**
   * The light changed at once with the next frames given (shot-cut.ts): no grey frame is compared
   * with one before it (every pixel jumps: a "mouth" spike), but every region goes on — the shot is the same.
   */
  relit(): void;
}

/** Creates a tracer for one clip; `measure` picks the number from a frame's mouth pixels (the default: MOUTH_TRACE's). */
export function createMouthTracer(measure: (p: MouthPixels) => number = defaultMeasure): MouthTracer {
  const last = new Map<number, { tSec: number; region: Box }>();
  let previous: GrayFrame | undefined;
  return {
    trace(faces, tSec, frames, videoWidth) {
      // The camera's shift between each grey frame and the one before, once for every face.
      const shifts = faces.some((face) => face.landmarks) ? cameraShifts(frames, previous, faces, videoWidth) : [];
      const out = faces.map((face) => {
        if (!face.landmarks) return undefined;
        const region = mouthRegion(face.box, face.landmarks);
        const before = last.get(face.trackId);
        last.set(face.trackId, { tSec, region });
        const bridged = before && tSec - before.tSec <= MOUTH_TRACE.maxBridgeSec ? before : undefined;
        const trace: MouthTrace = { tSec: [], value: [] };
        frames.forEach((frame, k) => {
          const prior = k > 0 ? frames[k - 1] : previous;
          // Frames before the track's previous analysed frame, or before it was first seen, have no region.
          if (frame.tSec < tSec - 1e-6 && (!bridged || frame.tSec <= bridged.tSec + 1e-6)) return;
          // No frame to compare with (the clip's first, or the first after a cut) is no measure, not a still mouth.
          const before = bridgedPrior(frame, prior);
          if (!before || lightStepped(before, frame)) return;
          const at = bridged && tSec > bridged.tSec ? interpolateBox(bridged.region, region, (frame.tSec - bridged.tSec) / (tSec - bridged.tSec)) : region;
          const pixels = mouthPixels(frame, scaleRegion(at, frame.width / videoWidth), before, shifts[k]);
          if (!pixels) return;
          trace.tSec.push(frame.tSec);
          trace.value.push(measure(pixels));
        });
        return trace;
      });
      if (frames.length) previous = frames[frames.length - 1];
      return out;
    },
    relit() {
      previous = undefined;
    },
    cut(carried = []) {
      previous = undefined;
      for (const id of [...last.keys()]) if (!carried.includes(id)) last.delete(id);
    },
  };
}

/** Each grey frame's mean level, read once (every face of a frame compares the same two frames). */
const brightness = new WeakMap<GrayFrame, number>();

/**
 * Whether the whole picture's brightness changed from `before` to `frame` by more than
 * MOUTH_TRACE.maxLightStep: every pixel of the lips' region changed with the light, and one such
 * sample outweighed a clip's syllables (03-02-04, opening on black: 66 against a median of 9.5).
 */
function lightStepped(before: GrayFrame, frame: GrayFrame): boolean {
  const level = (f: GrayFrame) => brightness.get(f) ?? brightness.set(f, meanGray(f)).get(f)!;
  return Math.abs(level(frame) - level(before)) > MOUTH_TRACE.maxLightStep;
}

/** The frame before `frame` when it is near enough to measure a change against (else none). */
function bridgedPrior(frame: GrayFrame, prior: GrayFrame | undefined): GrayFrame | undefined {
  return prior && frame.tSec - prior.tSec <= MOUTH_TRACE.maxBridgeSec ? prior : undefined;
}

/** The camera's shift from each grey frame's predecessor to it ({ 0, 0 } without one), the faces' heads left out. */
function cameraShifts(frames: readonly GrayFrame[], previous: GrayFrame | undefined, faces: readonly TracedFace[], videoWidth: number): Shift[] {
  const heads = faces.map((face) => headRegion(face.box));
  // Each frame's profiles serve twice: against the frame before it and the frame after.
  const profiles = new Map<GrayFrame, FrameProfiles>();
  const profilesOf = (frame: GrayFrame) => {
    let p = profiles.get(frame);
    if (!p) profiles.set(frame, (p = frameProfiles(frame, heads.map((h) => scaleRegion(h, frame.width / videoWidth)))));
    return p;
  };
  return frames.map((frame, k) => {
    const prior = bridgedPrior(frame, k > 0 ? frames[k - 1] : previous);
    return prior ? cameraShift(profilesOf(frame), profilesOf(prior)) : { dx: 0, dy: 0 };
  });
}

/** The head around a face box, hair and neck included (what moves when the head does, left out of the camera's shift), with room for 0.2 s of motion. */
function headRegion(box: Box): Box {
  return { x: box.x - 0.3 * box.w, y: box.y - 0.5 * box.h, w: 1.6 * box.w, h: 1.8 * box.h };
}

function defaultMeasure(p: MouthPixels): number {
  return p[MOUTH_TRACE.measure];
}
