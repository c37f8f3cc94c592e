import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import type { GrayFrame } from '../gray-image';
import { createShotCutDetector, type ShotCutConfig } from './shot-cut';

const W = 96;
const H = 72;

/** A picture: a background level, a bright "face" ellipse at (cx, cy), a darker "body" under it, and pixel noise. */
function picture(seed: number, { bg = 120, face = 180, cx = 48, cy = 30, body = 40, shift = 0, gain = 0, size = 1 } = {}): Uint8Array {
  const rng = createRng(seed);
  const data = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const fx = (x - cx - shift) / (14 * size);
      const fy = (y - cy) / (18 * size);
      let v = bg;
      if (fx * fx + fy * fy < 1) v = face;
      else if (y > cy + 20 && Math.abs(x - cx - shift) < 30) v = body;
      data[y * W + x] = Math.max(0, Math.min(255, Math.round(v + gain + (rng.next() - 0.5) * 6)));
    }
  }
  return data;
}

const frame = (tSec: number, data: Uint8Array): GrayFrame => ({ tSec, width: W, height: H, data });

/** Times at which the detector says a new shot begins, each frame judged with the next one known. */
function cutsIn(frames: GrayFrame[], config: Partial<ShotCutConfig> = {}): number[] {
  const detector = createShotCutDetector(config);
  return frames.filter((f, i) => detector.push(f, frames[i + 1]) === 'cut').map((f) => f.tSec);
}

describe('createShotCutDetector', () => {
  it('finds the cut between two shots, and only that frame', () => {
    const a = Array.from({ length: 10 }, (_, i) => frame(i / 15, picture(i)));
    const b = Array.from({ length: 10 }, (_, i) => frame((10 + i) / 15, picture(100 + i, { bg: 70, face: 150, cx: 40, body: 200 })));
    expect(cutsIn([...a, ...b])).toEqual([10 / 15]);
  });

  it('a moving face, a shaking camera and an exposure step are not cuts', () => {
    const moving = Array.from({ length: 20 }, (_, i) => frame(i / 15, picture(i, { shift: Math.round(6 * Math.sin(i)) })));
    expect(cutsIn(moving)).toEqual([]);
    // Three grey levels brighter at once: a camera's auto exposure (histogram bins move; the layout does not).
    const exposure = Array.from({ length: 20 }, (_, i) => frame(i / 15, picture(i, { gain: i >= 10 ? 3 : 0 })));
    expect(cutsIn(exposure)).toEqual([]);
  });

  it('a lamp switched on or an exposure step is the same shot in other light: `light` at that frame, not a cut; faded in over half a second, neither', () => {
    const tones = { brighter: (v: number) => v + 45, darker: (v: number) => v - 45, curved: (v: number) => 255 * (v / 255) ** 0.6 };
    for (const [name, tone] of Object.entries(tones)) {
      const relit = (data: Uint8Array) => data.map((v) => Math.max(0, Math.min(255, Math.round(tone(v)))));
      const frames = Array.from({ length: 20 }, (_, i) => frame(i / 15, i >= 10 ? relit(picture(i)) : picture(i)));
      const detector = createShotCutDetector();
      const said = frames.map((f, i) => detector.push(f, frames[i + 1]));
      expect({ name, light: said.flatMap((c, i) => (c === 'light' ? [i] : [])), cuts: said.filter((c) => c === 'cut').length }).toEqual({ name, light: [10], cuts: 0 });
      // Without the tone test the same jump is a cut: what the light's test stands between.
      expect(cutsIn(frames, { minUnrelit: 0 })).toEqual([10 / 15]);
    }
    // Over eight frames (a camera's exposure settling): a run whose frames are mixes of its ends, as a fade's — but of one shot.
    const ramp = Array.from({ length: 24 }, (_, i) => frame(i / 15, picture(i, { gain: Math.round(45 * Math.min(1, Math.max(0, (i - 8) / 8))) })));
    expect(cutsIn(ramp)).toEqual([]);
    expect(cutsIn(ramp, { minUnrelit: 0 }).length).toBe(1);
  });

  it('a face that fills the frame and moves fast for a few frames is motion, not a cut: the jumps come in a run, not alone', () => {
    // A laugh in a tight face crop: the face's share of the picture changes much on four frames in a row.
    const sizes = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.8, 1.2, 1.9, 1.3, 1, 1, 1, 1];
    const laugh = sizes.map((size, i) => frame(i / 15, picture(i, { size })));
    expect(cutsIn(laugh, { lone: Infinity }).length).toBeGreaterThan(0); // what the spike test alone would call cuts
    expect(cutsIn(laugh)).toEqual([]);
  });

  it('a cut is found from the frame before alone when the frame after is not known yet (the video ends)', () => {
    const a = Array.from({ length: 10 }, (_, i) => frame(i / 15, picture(i)));
    const cut = frame(10 / 15, picture(100, { bg: 70, face: 150, cx: 40, body: 200 }));
    const detector = createShotCutDetector();
    expect([...a, cut].filter((f) => detector.push(f) === 'cut').map((f) => f.tSec)).toEqual([10 / 15]);
  });

  it('a cross-fade of 8 frames is a change of shot, beginning with its last frame', () => {
    const a = (i: number) => picture(i);
    const b = (i: number) => picture(100 + i, { bg: 70, face: 150, cx: 40, body: 200 });
    const blend = (x: Uint8Array, y: Uint8Array, alpha: number) => x.map((v, k) => Math.round((1 - alpha) * v + alpha * y[k]!));
    const frames = [
      ...Array.from({ length: 10 }, (_, i) => frame(i / 15, a(i))),
      ...Array.from({ length: 8 }, (_, i) => frame((10 + i) / 15, blend(a(10 + i), b(10 + i), (i + 1) / 8))),
      ...Array.from({ length: 8 }, (_, i) => frame((18 + i) / 15, b(18 + i))),
    ];
    expect(cutsIn(frames)).toEqual([17 / 15]);
    expect(cutsIn(frames, { maxBlendError: 0 })).toEqual([]); // what makes it one: its frames are blends
  });

  it('a fade through black to another shot is a change of shot; to the same shot it is not', () => {
    const a = (i: number) => picture(i);
    const b = (i: number) => picture(100 + i, { bg: 70, face: 150, cx: 40, body: 200 });
    const dim = (x: Uint8Array, gain: number) => x.map((v) => Math.round(v * gain));
    // Five frames darkening to black, two black, five brightening (a video editor's "fade to black").
    const fade = (after: (i: number) => Uint8Array) => [
      ...Array.from({ length: 10 }, (_, i) => frame(i / 15, a(i))),
      ...[0.8, 0.6, 0.4, 0.2, 0.1, 0, 0, 0.1, 0.2, 0.4, 0.6, 0.8].map((gain, i) => frame((10 + i) / 15, dim(i < 6 ? a(10 + i) : after(10 + i), gain))),
      ...Array.from({ length: 8 }, (_, i) => frame((22 + i) / 15, after(22 + i))),
    ];
    expect(cutsIn(fade(b))).toEqual([22 / 15]); // the first frame at full light ends the run
    expect(cutsIn(fade(a))).toEqual([]);
  });

  it('a zoom over as many frames, however far it goes, is not a cross-fade: its frames are no blends of its ends', () => {
    const sizes = [...Array<number>(10).fill(1), 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, ...Array<number>(8).fill(1.8)];
    const zoom = sizes.map((size, i) => frame(i / 15, picture(i, { size, body: 120 })));
    expect(cutsIn(zoom, { maxBlendError: Infinity }).length).toBeGreaterThan(0); // a long run between unalike ends
    expect(cutsIn(zoom)).toEqual([]);
  });

  it('a caption bar that appears and goes over the bottom of the picture is no cut: a cut changes the whole picture, not one band', () => {
    const captioned = (i: number, on: boolean) => {
      const data = picture(i);
      if (on) data.fill(10, (H - 12) * W); // the bottom sixth dark: a subtitle's box
      return data;
    };
    const frames = Array.from({ length: 30 }, (_, i) => frame(i / 15, captioned(i, (i >= 8 && i < 16) || i >= 22)));
    expect(cutsIn(frames, { maxBandShare: 1 }).length).toBeGreaterThan(0); // as far as the rest of the tests go, each toggle is a cut
    expect(cutsIn(frames)).toEqual([]);
  });

  it('a black frame is no shot: the same shot on both sides is not cut, another shot after it is', () => {
    const black = (t: number) => frame(t, new Uint8Array(W * H).fill(2));
    const before = Array.from({ length: 5 }, (_, i) => frame(i / 15, picture(i)));
    const same = [...before, black(0.4), frame(0.47, picture(10)), frame(0.53, picture(11))];
    expect(cutsIn(same)).toEqual([]);
    const other = [...before, black(0.4), frame(0.47, picture(10, { bg: 60, face: 200, body: 220 }))];
    expect(cutsIn(other)).toEqual([0.47]);
  });

  it('grainy footage whose frames always differ much needs a jump well beyond its usual one', () => {
    // Heavy noise: every frame's histogram moves by ~0.2 (above the 0.12 floor) with no cut at all.
    const noisy = (i: number) => {
      const rng = createRng(500 + i);
      return frame(i / 15, picture(i).map((v) => Math.max(0, Math.min(255, v + Math.round((rng.next() - 0.5) * 120)))));
    };
    expect(cutsIn(Array.from({ length: 20 }, (_, i) => noisy(i)))).toEqual([]);
  });
});
