import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clip, clipTensors, frameToTensor, makeSideBySide, noLeak, readFrames, setUp } from '../../node/test-fixtures';
import { CONTEXT_FEATURE_SIZE } from './constants';
import { createPersonDetector, type PersonDetector } from './person-detector';

describe('person-detector (CenterNet + context features, Node WASM)', () => {
  let model: PersonDetector;
  let frames: tf.Tensor3D[];

  beforeAll(async () => {
    model = await setUp(createPersonDetector);
    frames = await clipTensors('03-02-05_01.mp4', 1);
  });
  afterAll(() => {
    tf.dispose(frames);
    model.dispose();
  });

  it('finds the person in a frame of a Javanese clip, with 480-d context features', async () => {
    const frame = frames[1]!;
    const out = await model.run({ frame, regions: [{ x: 100, y: 50, w: 150, h: 150 }] });
    expect(out.persons.length).toBe(1);
    const [p] = out.persons;
    expect(p!.score).toBeGreaterThan(0.4);
    // A head-and-shoulders shot: the person covers most of the frame.
    expect(p!.box.w * p!.box.h).toBeGreaterThan(0.4 * 360 * 270);
    expect(p!.context).toHaveLength(CONTEXT_FEATURE_SIZE);
    expect(out.frameContext).toHaveLength(CONTEXT_FEATURE_SIZE);
    expect(out.regionContexts).toHaveLength(1);
    expect(out.regionContexts[0]).toHaveLength(CONTEXT_FEATURE_SIZE);
    expect(out.frameContext.every(Number.isFinite)).toBe(true);
    // Different regions pool different cells.
    expect(out.regionContexts[0]).not.toEqual(out.frameContext);
  });

  it('accepts a bare frame (no extra regions)', async () => {
    const out = await model.run(frames[0]!);
    expect(out.regionContexts).toEqual([]);
    expect(out.persons.length).toBeGreaterThanOrEqual(1);
  });

  it('finds two persons in a side-by-side composite', async () => {
    const composite = await makeSideBySide(clip('01-01-01_01.mp4'), clip('02-01-01_01.mp4'));
    const [raw] = (await readFrames(composite, 1)).slice(1, 2);
    const t = frameToTensor(raw!);
    try {
      const out = await model.run(t);
      expect(out.persons.length).toBe(2);
      const centres = out.persons.map((p) => p.box.x + p.box.w / 2).sort((a, b) => a - b);
      expect(centres[0]).toBeLessThan(raw!.width / 2);
      expect(centres[1]).toBeGreaterThan(raw!.width / 2);
    } finally {
      t.dispose();
    }
  });

  it('reads only the picture inside black bars: the same people and context as the picture alone, boxes in frame pixels', async () => {
    // Our clip reposted in a portrait frame (black above and below), as a phone's editor does.
    const picture = frames[1]!;
    const barred = tf.pad(picture, [[185, 185], [0, 0], [0, 0]]) as tf.Tensor3D;
    try {
      const alone = await model.run(picture);
      const inside = await model.run({ frame: barred, picture: { x: 0, y: 185, w: 360, h: 270 } });
      expect(inside.persons).toHaveLength(alone.persons.length);
      expect(inside.persons[0]!.box.y).toBeCloseTo(alone.persons[0]!.box.y + 185, 3);
      expect(inside.persons[0]!.context).toEqual(alone.persons[0]!.context);
      expect(inside.frameContext).toEqual(alone.frameContext);
      // Read whole, the bars shrink the person in the square input, and the context is another (the scene read unfamiliar).
      const whole = await model.run(barred);
      expect(whole.persons[0]!.context).not.toEqual(alone.persons[0]!.context);
    } finally {
      barred.dispose();
    }
  });

  it('leaves no tensor behind', async () => {
    const { leaked } = await noLeak(() => model.run({ frame: frames[2]!, regions: [{ x: 0, y: 0, w: 10, h: 10 }] }));
    expect(leaked).toBe(0);
  });
});
