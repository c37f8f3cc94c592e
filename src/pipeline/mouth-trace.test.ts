import { describe, expect, it } from 'vitest';
import type { GrayFrame } from '../core/gray-image';
import { schematicFace } from '../core/speaker/test-face';
import { createMouthTracer } from './mouth-trace';

const SIDE = 64;
/** A grey frame whose pixels follow `level(x, y)`. */
const frame = (tSec: number, level: (x: number, y: number) => number): GrayFrame => ({
  tSec,
  width: SIDE,
  height: SIDE,
  data: Uint8Array.from({ length: SIDE * SIDE }, (_, i) => level(i % SIDE, Math.floor(i / SIDE))),
});
/** Two shots of one brightness: stripes one way, then the other (a cut changes every pixel, the lips' region included). */
const shotA = (t: number) => frame(t, (x) => (x % 8 < 4 ? 60 : 190));
const shotB = (t: number) => frame(t, (_x, y) => (y % 8 < 4 ? 30 : 220));
const faceAt = (trackId: number) => ({ trackId, box: { x: 16, y: 8, w: 32, h: 32 }, landmarks: schematicFace(0) });

describe('createMouthTracer', () => {
  it('measures nothing across a cut: the first frame of a shot is not compared with the last of the one before', () => {
    const across = createMouthTracer();
    across.trace([faceAt(1)], 0, [shotA(0)], SIDE);
    // A cut on the analysed frame itself, its face a new track: without `cut` the whole picture's change reads as the mouth's.
    const spiked = across.trace([faceAt(2)], 0.2, [shotA(0.067), shotA(0.133), shotB(0.2)], SIDE)[0]!;
    expect(spiked.value.at(-1)!).toBeGreaterThan(50);

    const within = createMouthTracer();
    within.trace([faceAt(1)], 0, [shotA(0)], SIDE);
    within.cut();
    // The new shot's first frame has nothing to be compared with: no sample (until 2026-12-07 a 0, a still mouth that was never seen).
    const clean = within.trace([faceAt(2)], 0.2, [shotB(0.2)], SIDE)[0]!;
    expect(clean.tSec).toEqual([]);
    // Within the new shot the measure goes on as before: a still picture, still lips.
    expect(within.trace([faceAt(2)], 0.4, [shotB(0.267), shotB(0.333), shotB(0.4)], SIDE)[0]!.value).toEqual([0, 0, 0]);
  });

  it('measures nothing across a change of light, but every face goes on: its region is kept', () => {
    const brighter = (t: number) => {
      const f = shotA(t);
      return { ...f, data: f.data.map((v) => v + 40) };
    };
    const relit = createMouthTracer();
    relit.trace([faceAt(1)], 0, [shotA(0)], SIDE);
    relit.relit();
    const after = relit.trace([faceAt(1)], 0.2, [brighter(0.067), brighter(0.133), brighter(0.2)], SIDE)[0]!;
    // The frames between the analysed ones keep the track's region (a cut drops it) and none is compared across the jump.
    expect(after.tSec).toEqual([0.133, 0.2]);
    expect(after.value).toEqual([0, 0]);
    // A jump of light nobody announced (a cut from black, a lamp the cut finder missed) is not measured either: the picture's mean moved by 40.
    const unannounced = createMouthTracer();
    unannounced.trace([faceAt(1)], 0, [shotA(0)], SIDE);
    expect(unannounced.trace([faceAt(1)], 0.2, [brighter(0.067), brighter(0.133), brighter(0.2)], SIDE)[0]!).toEqual({ tSec: [0.133, 0.2], value: [0, 0] });
  });

  it('measures from the second frame of a clip, and not while the picture fades, but through small changes of light', () => {
    const tracer = createMouthTracer();
    const first = tracer.trace([faceAt(1)], 0, [shotA(0)], SIDE)[0]!;
    expect(first.tSec).toEqual([]); // the clip's first frame: nothing before it
    const lit = (t: number, add: number) => frame(t, (x) => (x % 8 < 4 ? 60 : 190) + add);
    // A fade steps the picture's mean by 6 a frame (over MOUTH_TRACE.maxLightStep): not measured; an exposure drift of 2 is.
    const fading = tracer.trace([faceAt(1)], 0.2, [lit(0.067, 6), lit(0.133, 12), lit(0.2, 14)], SIDE)[0]!;
    expect(fading.tSec).toEqual([0.2]);
    expect(fading.value[0]).toBeGreaterThan(0);
  });
});
