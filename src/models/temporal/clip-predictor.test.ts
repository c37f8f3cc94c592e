import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { NUM_EMOTIONS } from '../../core/labels';
import { fileWeightSource, initNodeBackend } from '../../node';
import { REPO_ROOT } from '../../node/test-fixtures';
import { loadClipPredictor } from './clip-predictor';
import { syntheticRecords } from './test-helpers';

const TRAINED = join(REPO_ROOT, 'public/trained');

describe.skipIf(!existsSync(join(TRAINED, 'ensemble.json')))('clip predictor on the committed weights (public/trained)', () => {
  beforeAll(async () => {
    await initNodeBackend();
  });

  it('loads every model and gives 7 probabilities per model and ensemble, without leaking tensors', async () => {
    const predictor = await loadClipPredictor(fileWeightSource(TRAINED));
    const records = syntheticRecords(12, 3);
    await predictor.predict(records);
    const before = tf.memory().numTensors;
    const out = await predictor.predict(records);
    expect(tf.memory().numTensors).toBe(before);
    expect(Object.keys(out)).toEqual(predictor.names);
    for (const probs of Object.values(out)) {
      expect(probs).toHaveLength(NUM_EMOTIONS);
      expect(probs.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 4);
    }
    predictor.dispose();
  });
});
