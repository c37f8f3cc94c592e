import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../node/backend';
import { fileWeightSource, packageWeightSource } from '../node/file-weight-source';
import { REPO_ROOT } from '../node/test-fixtures';
import { ModelLoadError, ModelNotReadyError } from './model';
import { createModel, loadModels, MODEL_NAMES, MODEL_REGISTRY } from './registry';

describe('model registry', () => {
  beforeAll(() => initNodeBackend());

  it('is frozen and lists every network with its weights', () => {
    expect(Object.isFrozen(MODEL_REGISTRY)).toBe(true);
    expect(Object.isFrozen(MODEL_REGISTRY['face-detector'])).toBe(true);
    expect(MODEL_NAMES).toEqual(['face-detector', 'face-emotion', 'face-embedding', 'person-detector', 'human-emotion', 'face-verifier', 'face-landmarks', 'general-hsemotion', 'general-opencv-fer']);
    for (const name of MODEL_NAMES) {
      const m = createModel(name, packageWeightSource());
      expect(m.name).toBe(name);
      expect(m.loaded).toBe(false);
    }
    expect(() => createModel('nope' as 'face-detector', packageWeightSource())).toThrow(TypeError);
  });

  it('serves the same weight paths from public/models as from the packages', async () => {
    const pub = fileWeightSource(join(REPO_ROOT, 'public/models'));
    const pkg = packageWeightSource();
    for (const name of MODEL_NAMES) {
      const [a, b] = await Promise.all([pub.readBytes(MODEL_REGISTRY[name].weights), pkg.readBytes(MODEL_REGISTRY[name].weights)]);
      expect(a.byteLength).toBe(b.byteLength);
    }
  });

  it('throws ModelNotReadyError before load and after dispose; dispose is safe twice; no leak', async () => {
    const before = tf.memory().numTensors;
    const frame = tf.zeros([64, 64, 3], 'int32') as tf.Tensor3D;
    const { 'human-emotion': m } = await loadModels(['human-emotion'], packageWeightSource());
    expect(m.loaded).toBe(true);
    await m.load(); // idempotent
    m.dispose();
    m.dispose();
    expect(m.loaded).toBe(false);
    await expect(m.run({ frame, boxes: [{ x: 0, y: 0, w: 10, h: 10 }] })).rejects.toBeInstanceOf(ModelNotReadyError);
    frame.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('wraps missing weights in a ModelLoadError naming the model and source', async () => {
    const empty = fileWeightSource(await mkdtemp(join(tmpdir(), 'emolens-empty-')));
    for (const name of ['face-detector', 'person-detector'] as const) {
      const err = await createModel(name, empty).load().then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(ModelLoadError);
      expect((err as ModelLoadError).name).toBe('ModelLoadError');
      expect((err as ModelLoadError).model).toBe(name);
      expect((err as Error).message).toContain(empty.description);
    }
    await expect(loadModels(['human-emotion', 'face-detector'], empty)).rejects.toBeInstanceOf(ModelLoadError);
  });

  it('rejects bad arguments with a TypeError naming the field', async () => {
    const { 'face-emotion': m } = await loadModels(['face-emotion'], packageWeightSource());
    const frame = tf.zeros([64, 64, 3], 'int32') as tf.Tensor3D;
    const flat = tf.zeros([64, 64], 'int32');
    try {
      await expect(m.run({ frame, boxes: [{ x: 0, y: 0, w: 0, h: 5 }] })).rejects.toThrow(/boxes\[0\]/);
      await expect(m.run({ frame: flat as unknown as tf.Tensor3D, boxes: [] })).rejects.toThrow(/frame/);
    } finally {
      tf.dispose([frame, flat]);
      m.dispose();
    }
  });
});
