import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clip, clipTensors, makeScaled, makeSideBySide, noLeak, readFrames, setUp } from '../../node/test-fixtures';
import { frameToTensor } from '../../node/test-fixtures';
import { iou } from '../../core/geometry';
import { createFaceDetector, type FaceDetector } from './face-detector';
import { DEFAULT_PERCEPTION_CONFIG } from '../../shared/perception-config';

describe('face-detector (TinyFaceDetector, Node WASM)', () => {
  let model: FaceDetector;
  let frames: tf.Tensor3D[];

  beforeAll(async () => {
    model = await setUp(createFaceDetector);
    frames = await clipTensors('01-01-01_01.mp4', 2); // 360×270, one speaking face
  });
  afterAll(() => {
    tf.dispose(frames);
    model.dispose();
  });

  it('finds exactly one face above 0.5 in most frames of a one-person clip, with a plausible box', async () => {
    let withOne = 0;
    for (const frame of frames) {
      const faces = await model.run(frame);
      expect(faces.length).toBeLessThanOrEqual(1);
      if (faces.length !== 1) continue;
      withOne++;
      const { box, score } = faces[0]!;
      expect(score).toBeGreaterThan(0.5);
      // Face of a head-and-shoulders shot: 25–70 % of the frame height, roughly square, inside.
      expect(box.h).toBeGreaterThan(0.25 * 270);
      expect(box.h).toBeLessThan(0.7 * 270);
      expect(box.w / box.h).toBeGreaterThan(0.7);
      expect(box.w / box.h).toBeLessThan(1.4);
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y + box.h).toBeLessThanOrEqual(270);
    }
    expect(withOne / frames.length).toBeGreaterThanOrEqual(0.75);
  });

  it('centres its boxes with `centreShift`: a mirrored frame gives the mirrored box, where the raw boxes sit left of it', async () => {
    // The gap between the box on a frame and the box on its mirror image mirrored back, as a fraction of the width (> 0: the first sits left).
    // Three actors' faces (01's frames above, and 04's and 06's), a frame a second.
    const others = [...(await clipTensors('04-01-03_01.mp4', 1)), ...(await clipTensors('06-01-01_01.mp4', 1))];
    const faces = [...frames, ...others];
    const mirrorGap = async (centreShift: number, inputSize: number) => {
      const gaps: number[] = [];
      for (const frame of faces) {
        const width = frame.shape[1];
        const flipped = tf.tidy(() => tf.squeeze(tf.image.flipLeftRight(tf.expandDims(tf.cast(frame, 'float32'), 0) as tf.Tensor4D), [0]) as tf.Tensor3D);
        try {
          const [a] = await model.run(frame, { inputSize, scoreThreshold: 0.3, centreShift });
          const [b] = await model.run(flipped, { inputSize, scoreThreshold: 0.3, centreShift });
          if (a && b) gaps.push((width - b.box.x - b.box.w / 2 - (a.box.x + a.box.w / 2)) / a.box.w);
        } finally {
          flipped.dispose();
        }
      }
      expect(gaps.length).toBeGreaterThanOrEqual(faces.length - 2);
      return gaps.reduce((s, g) => s + g, 0) / gaps.length;
    };
    try {
      for (const inputSize of [224, 416]) {
        const raw = await mirrorGap(0, inputSize);
        const centred = await mirrorGap(DEFAULT_PERCEPTION_CONFIG.faceBoxCentreShift, inputSize);
        expect(raw).toBeGreaterThan(0.025);
        expect(Math.abs(centred)).toBeLessThan(raw / 2);
      }
    } finally {
      tf.dispose(others);
    }
  });

  it('finds no face in a uniform grey frame', async () => {
    const grey = tf.fill([270, 360, 3], 128, 'int32') as tf.Tensor3D;
    try {
      expect(await model.run(grey, { scoreThreshold: 0.3 })).toEqual([]);
    } finally {
      grey.dispose();
    }
  });

  it('accepts float32 frames and other input sizes, and rejects a bad input size', async () => {
    const frame = frames[2]!;
    const asFloat = tf.cast(frame, 'float32') as tf.Tensor3D;
    try {
      const a = await model.run(frame, { scoreThreshold: 0.3 });
      const b = await model.run(asFloat, { scoreThreshold: 0.3 });
      expect(b.length).toBe(a.length);
      expect(b[0]!.score).toBeCloseTo(a[0]!.score, 4);
      expect((await model.run(frame, { inputSize: 320, scoreThreshold: 0.3 })).length).toBe(1);
    } finally {
      asFloat.dispose();
    }
    await expect(model.run(frame, { inputSize: 300 })).rejects.toThrow(TypeError);
  });

  it('finds two faces, one in each half, in a side-by-side composite', async () => {
    const composite = await makeSideBySide(clip('01-01-01_01.mp4'), clip('02-01-01_01.mp4'));
    const raw = await readFrames(composite, 2);
    let withTwo = 0;
    for (const f of raw) {
      const t = frameToTensor(f);
      try {
        const faces = await model.run(t);
        expect(faces.length).toBeLessThanOrEqual(2);
        if (faces.length !== 2) continue;
        withTwo++;
        const centres = faces.map((d) => d.box.x + d.box.w / 2).sort((p, q) => p - q);
        expect(centres[0]).toBeLessThan(f.width / 2);
        expect(centres[1]).toBeGreaterThan(f.width / 2);
      } finally {
        t.dispose();
      }
    }
    expect(withTwo / raw.length).toBeGreaterThanOrEqual(0.6);
  });

  it("decodes the grid exactly as face-api's own detection does, from one read instead of two", async () => {
    const composite = await makeSideBySide(clip('01-01-01_01.mp4'), clip('02-01-01_01.mp4'));
    const wide = (await readFrames(composite, 1)).slice(0, 3).map(frameToTensor);
    let compared = 0;
    try {
      for (const frame of [...frames.slice(0, 4), ...wide]) {
        for (const config of [{ inputSize: 416, scoreThreshold: 0.3 }, { inputSize: 224, scoreThreshold: 0.5 }]) {
          const ours = await model.run(frame, config);
          const theirs = await model.locateWithFaceApi(frame, config);
          expect(ours.length).toBe(theirs.length);
          ours.forEach((d, i) => {
            const t = theirs[i]!;
            expect(d.score).toBeCloseTo(t.score, 6);
            // face-api's box, clipped to the frame as run() clips it.
            expect(d.box.x).toBeCloseTo(Math.max(0, t.box.x), 3);
            expect(d.box.y).toBeCloseTo(Math.max(0, t.box.y), 3);
            expect(d.box.x + d.box.w).toBeCloseTo(Math.min(frame.shape[1], t.box.x + t.box.width), 3);
            expect(d.box.y + d.box.h).toBeCloseTo(Math.min(frame.shape[0], t.box.y + t.box.height), 3);
            compared++;
          });
        }
      }
    } finally {
      tf.dispose(wide);
    }
    expect(compared).toBeGreaterThanOrEqual(12);
  });

  it('looks only inside a region, giving boxes in frame pixels, as on that part cut out', async () => {
    const composite = await makeSideBySide(clip('01-01-01_01.mp4'), clip('02-01-01_01.mp4'));
    const frame = frameToTensor((await readFrames(composite, 1))[1]!);
    const [height, width] = frame.shape;
    const right = { x: Math.round(width / 2), y: 0, w: width - Math.round(width / 2), h: height };
    const cut = tf.slice(frame, [0, right.x, 0], [height, right.w, 3]) as tf.Tensor3D;
    try {
      expect((await model.run(frame, { inputSize: 416 })).length).toBe(2);
      const inRegion = await model.run(frame, { inputSize: 224, region: right });
      const onCut = await model.run(cut, { inputSize: 224 });
      expect(inRegion.length).toBe(1);
      expect(inRegion[0]!.box.x).toBeGreaterThan(right.x); // the right person, in the frame's pixels
      // The region is resampled once (crop and resize together), the cut-out twice: nearly the same.
      expect(Math.abs(inRegion[0]!.score - onCut[0]!.score)).toBeLessThan(0.05);
      expect(iou(inRegion[0]!.box, { ...onCut[0]!.box, x: onCut[0]!.box.x + right.x })).toBeGreaterThan(0.9);
      const { leaked } = await noLeak(() => model.run(frame, { inputSize: 224, region: right }));
      expect(leaked).toBe(0);
      // A region off the frame or in fractions of a pixel would shift every box: refused.
      await expect(model.run(frame, { region: { ...right, x: right.x + 1 } })).rejects.toThrow(RangeError);
      await expect(model.run(frame, { region: { ...right, w: right.w - 0.5 } })).rejects.toThrow(RangeError);
    } finally {
      tf.dispose([frame, cut]);
    }
  });

  it('reads a frame inside a black border when asked, giving boxes in frame pixels clipped to the frame', async () => {
    // A tight crop of a face (the face fills the frame), as on a padded copy of it.
    const [raw] = await readFrames(await makeScaled(clip('01-01-03_01.mp4'), 112, 112, 1, 'crop=150:150:108:75,scale=112:112'), 1);
    const frame = frameToTensor(raw!);
    const border = 56;
    const framed = tf.tidy(() => tf.pad(frame, [[border, border], [border, border], [0, 0]]) as tf.Tensor3D);
    try {
      const padded = await model.run(frame, { inputSize: 224, scoreThreshold: 0.4, pad: 0.5 });
      const onFramed = await model.run(framed, { inputSize: 224, scoreThreshold: 0.4 });
      expect(padded).toHaveLength(1);
      expect(Math.abs(padded[0]!.score - onFramed[0]!.score)).toBeLessThan(0.05);
      const b = onFramed[0]!.box;
      const clipped = { x: Math.max(0, b.x - border), y: Math.max(0, b.y - border), w: 0, h: 0 };
      clipped.w = Math.min(112, b.x - border + b.w) - clipped.x;
      clipped.h = Math.min(112, b.y - border + b.h) - clipped.y;
      expect(iou(padded[0]!.box, clipped)).toBeGreaterThan(0.9);
      const { x, y, w, h } = padded[0]!.box;
      expect(x >= 0 && y >= 0 && x + w <= 112 + 1e-6 && y + h <= 112 + 1e-6).toBe(true);
      expect((await noLeak(() => model.run(frame, { inputSize: 224, pad: 0.5 }))).leaked).toBe(0);
    } finally {
      tf.dispose([frame, framed]);
    }
  });

  it('reads a frame smoothed when asked: a face hidden in a dark picture\'s grain is found', async () => {
    const night = await makeScaled(clip('01-01-03_01.mp4'), 360, 270, 2, 'eq=brightness=-0.25:contrast=0.5,noise=alls=25:allf=t');
    const frames = (await readFrames(night, 5)).map(frameToTensor);
    try {
      const count = async (smooth: number) => (await Promise.all(frames.map((f) => model.run(f, { inputSize: 224, scoreThreshold: 0.4, smooth })))).filter((d) => d.length > 0).length;
      expect(await count(0)).toBeLessThanOrEqual(frames.length / 2);
      expect(await count(5)).toBeGreaterThanOrEqual(frames.length - 1);
      expect((await noLeak(() => model.run(frames[0]!, { inputSize: 224, smooth: 5 }))).leaked).toBe(0);
    } finally {
      tf.dispose(frames);
    }
  });

  it('leaves no tensor behind', async () => {
    const { leaked, result } = await noLeak(() => model.run(frames[1]!));
    expect(result.length).toBe(1);
    expect(leaked).toBe(0);
  });
});
