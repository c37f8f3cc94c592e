import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clipTensors, noLeak, setUp } from '../../node/test-fixtures';
import { createFaceDetector, type FaceDetector } from '../face-detector/face-detector';
import type { Box } from '../model';
import { euclidean } from '../../core/vector';
import { createFaceEmbedding, faceEmbeddingCrops, type FaceEmbeddingModel } from './face-embedding';

describe('face-embedding (FaceRecognitionNet, plain square crops, Node WASM)', () => {
  let model: FaceEmbeddingModel;
  let detector: FaceDetector;
  const faces: Record<string, { frame: tf.Tensor3D; box: Box }[]> = {};

  beforeAll(async () => {
    [model, detector] = await Promise.all([setUp(createFaceEmbedding), setUp(createFaceDetector)]);
    // Two actors, three frames each (0.5 s apart) from one clip.
    for (const name of ['01-01-01_01.mp4', '02-01-01_01.mp4']) {
      const frames = await clipTensors(name, 2);
      faces[name] = [];
      for (const frame of frames) {
        const [face] = faces[name].length < 3 ? await detector.run(frame, { scoreThreshold: 0.3 }) : [];
        if (face) faces[name].push({ frame, box: face.box });
        else frame.dispose();
      }
    }
  });
  afterAll(() => {
    tf.dispose(Object.values(faces).flatMap((l) => l.map((f) => f.frame)));
    model.dispose();
    detector.dispose();
  });

  it('gives a 128-d descriptor per box', async () => {
    const a = faces['01-01-01_01.mp4']![0]!;
    const out = await model.run({ frame: a.frame, boxes: [a.box, a.box] });
    expect(out).toHaveLength(2);
    expect(out[0]).toHaveLength(128);
    expect(euclidean(out[0]!, out[1]!)).toBeLessThan(1e-4);
  });

  it("puts each frame's face nearest to the same actor's other frames", async () => {
    const emb = async (f: { frame: tf.Tensor3D; box: Box }) => (await model.run({ frame: f.frame, boxes: [f.box] }))[0]!;
    const items = await Promise.all(
      Object.entries(faces).flatMap(([name, list]) => list.map(async (f) => ({ actor: name.slice(0, 2), e: await emb(f) }))),
    );
    expect(items).toHaveLength(6);
    let same = 0;
    let cross = 0;
    for (const a of items) {
      const others = items.filter((b) => b !== a).map((b) => ({ actor: b.actor, d: euclidean(a.e, b.e) }));
      const nearest = others.reduce((p, q) => (q.d < p.d ? q : p));
      expect(nearest.actor).toBe(a.actor);
      others.forEach((o) => (o.actor === a.actor ? (same += o.d / 12) : (cross += o.d / 18)));
    }
    // Plain crops (no landmark alignment): same person ~0.25 apart, different people ~0.55.
    expect(same).toBeLessThan(cross - 0.1);
  });

  it("averages each face's descriptor with the mirrored frame's at the mirrored box", async () => {
    const a = faces['01-01-01_01.mp4']![0]!;
    const b = faces['02-01-01_01.mp4']![1]!;
    const mirrorAveraged = await model.mirrorAveraged(faceEmbeddingCrops(a.frame, [a.box, b.box]));
    const embeddings = await model.run({ frame: a.frame, boxes: [a.box, b.box] });
    const width = a.frame.shape[1];
    const flipped = tf.tidy(() => tf.reverse(a.frame, 1));
    const mirrored = await model.run({ frame: flipped, boxes: [a.box, b.box].map((box) => ({ ...box, x: width - box.x - box.w })) });
    flipped.dispose();
    for (let j = 0; j < 2; j++) {
      const expected = embeddings[j]!.map((v, i) => (v + mirrored[j]![i]!) / 2);
      expect(euclidean(mirrorAveraged[j]!, expected)).toBeLessThan(1e-3);
      // The net is not symmetric: the average is not the plain descriptor.
      expect(euclidean(mirrorAveraged[j]!, embeddings[j]!)).toBeGreaterThan(0.01);
    }
  });

  it('leaves no tensor behind', async () => {
    const a = faces['01-01-01_01.mp4']![0]!;
    expect((await noLeak(() => model.run({ frame: a.frame, boxes: [a.box] }))).leaked).toBe(0);
    expect((await noLeak(() => model.mirrorAveraged(faceEmbeddingCrops(a.frame, [a.box])))).leaked).toBe(0);
    expect((await noLeak(() => model.mirrorAveraged(faceEmbeddingCrops(a.frame, []))))).toMatchObject({ leaked: 0, result: [] });
  });
});
