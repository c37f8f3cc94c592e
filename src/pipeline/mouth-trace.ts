/**
 * The mouth at the voice's pace (issue 29): between two analysed frames, each face that has
 * landmarks gets the cheap pixel measure (src/core/speaker/mouth-pixels.ts) on every grey frame the
 * decoder sent (≥ 12 fps), in its lips' region placed by interpolating the track's last two
 * analysed regions. The browser (analyze-video.ts) and Node (ffmpeg's `mouthFrames`) both call it,
 * so they measure the same thing. Plain data, no tfjs.
 */
import type { Box } from '../core/geometry';
import { interpolateBox, mouthPixels, mouthRegion, scaleRegion, type GrayFrame, type MouthPixels } from '../core/speaker/mouth-pixels';
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
}

/** Creates a tracer for one clip; `measure` picks the number from a frame's mouth pixels (the default: MOUTH_TRACE's). */
export function createMouthTracer(measure: (p: MouthPixels) => number = defaultMeasure): MouthTracer {
  const last = new Map<number, { tSec: number; region: Box }>();
  let previous: GrayFrame | undefined;
  return {
    trace(faces, tSec, frames, videoWidth) {
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
          const at = bridged && tSec > bridged.tSec ? interpolateBox(bridged.region, region, (frame.tSec - bridged.tSec) / (tSec - bridged.tSec)) : region;
          const pixels = mouthPixels(frame, scaleRegion(at, frame.width / videoWidth), prior && frame.tSec - prior.tSec <= MOUTH_TRACE.maxBridgeSec ? prior : undefined);
          if (!pixels) return;
          trace.tSec.push(frame.tSec);
          trace.value.push(measure(pixels));
        });
        return trace;
      });
      if (frames.length) previous = frames[frames.length - 1];
      return out;
    },
  };
}

function defaultMeasure(p: MouthPixels): number {
  return p[MOUTH_TRACE.measure];
}
