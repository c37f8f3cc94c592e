import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../node';
import { clipInputs } from '../models/clip/temporal-model';
import { buildSpatioTemporalNet, spatioTemporalInputs } from '../models/clip/spatio-temporal';
import { buildTemporalPyramidNet } from '../models/clip/temporal-pyramid';
import { syntheticRecords, TINY_ST, TINY_TP } from '../models/clip/test-helpers';
import { fitStandardizer } from './standardize';
import { trainNet, type EvalClip, type TrainExample, type TrainOptions } from './train-net';

/** Six clips per class for classes 0 and 3, told apart by a shift of the first face features. */
function clips(seed: number) {
  return [0, 3].flatMap((label) => Array.from({ length: 6 }, (_, i) => ({ label, records: syntheticRecords(9, seed + i + label * 100, label === 3 ? 1 : 0) })));
}

const OPTIONS: Omit<TrainOptions, 'standardizer'> = {
  seed: 4, epochs: 8, batchSize: 8, stepsPerEpoch: 3, optimizer: 'sgd', lr: 0.05, plateauPatience: 10, plateauFactor: 0.5, patience: 10,
};

describe('trainNet (Node WASM)', () => {
  beforeAll(async () => {
    await initNodeBackend();
  });

  it('lowers the training loss of a Temporal-Pyramid model and is reproducible', async () => {
    const data = clips(1);
    const train: TrainExample[] = data.map((c) => {
      const row = clipInputs(c.records, TINY_TP)[0]!;
      return { label: c.label, row: () => row };
    });
    const val: EvalClip[] = clips(50).map((c) => ({ label: c.label, rows: clipInputs(c.records, TINY_TP) }));
    const standardizer = fitStandardizer(train.map((t) => t.row(undefined as never)), train[0]!.row(undefined as never).length);
    const run = async () => {
      const net = buildTemporalPyramidNet(TINY_TP, 2);
      const result = await trainNet(net, train, val, { ...OPTIONS, standardizer });
      net.dispose();
      return result;
    };
    const a = await run();
    expect(a.history.at(-1)!.loss).toBeLessThan(a.history[0]!.loss);
    expect(Math.max(...a.history.map((h) => h.valAcc))).toBeGreaterThan(0.5);
    const before = tf.memory().numTensors; // after a first run (tfjs caches a few scalars once)
    const b = await run();
    expect(tf.memory().numTensors).toBe(before);
    expect(b.history.map((h) => h.loss)).toEqual(a.history.map((h) => h.loss));
  });

  it('trains a Spatio-Temporal model for a few steps without error', async () => {
    const data = clips(7);
    const train: TrainExample[] = data.map((c) => ({ label: c.label, row: (rng) => spatioTemporalInputs(c.records, TINY_ST, rng, true)[0]! }));
    const val: EvalClip[] = data.slice(0, 4).map((c) => ({ label: c.label, rows: clipInputs(c.records, TINY_ST) }));
    const standardizer = fitStandardizer(val.flatMap((v) => v.rows), 7 + 256);
    const net = buildSpatioTemporalNet(TINY_ST, 2);
    const result = await trainNet(net, train, val, { ...OPTIONS, epochs: 3, optimizer: 'adam', lr: 0.01, standardizer });
    net.dispose();
    expect(result.history).toHaveLength(3);
    expect(result.history.every((h) => Number.isFinite(h.loss))).toBe(true);
    expect(result.valProbs).toHaveLength(4);
  });

  it('trains a Spatio-Temporal model with context: gradients reach the LSTM, weights stay finite, loss falls', async () => {
    // Context features scaled like CenterNet's pooled backbone (mean ≈ 0.03, σ ≈ 0.03), standardised
    // as in training. (The WASM conv3d gradient bug that made st-ctx's LSTM NaN needs larger maps
    // to show; src/node/wasm-conv3d-gradient.test.ts catches it.)
    const config = { ...TINY_ST, context: true };
    const data = clips(11).map((c) => ({ ...c, records: c.records.map((r) => ({ ...r, contextFeature: r.contextFeature.map((v) => 0.03 + 0.05 * (v - 0.5)) })) }));
    const train: TrainExample[] = data.map((c) => ({ label: c.label, row: (rng) => spatioTemporalInputs(c.records, config, rng, true)[0]! }));
    const val: EvalClip[] = data.slice(0, 4).map((c) => ({ label: c.label, rows: clipInputs(c.records, config) }));
    const standardizer = fitStandardizer(val.flatMap((v) => v.rows), 7 + 256 + 480);
    const net = buildSpatioTemporalNet(config, 3);
    const lstmBefore = net.layers[1]!.getWeights()[0]!.clone();
    const result = await trainNet(net, train, val, { ...OPTIONS, epochs: 6, optimizer: 'adam', lr: 0.005, patience: 99, standardizer });
    const lstmAfter = net.layers[1]!.getWeights()[0]!;
    const change = tf.tidy(() => tf.max(tf.abs(tf.sub(lstmAfter, lstmBefore))).dataSync()[0]!);
    expect(net.getWeights().every((w) => w.dataSync().every(Number.isFinite))).toBe(true);
    expect(change).toBeGreaterThan(1e-4);
    expect(result.history.at(-1)!.loss).toBeLessThan(result.history[0]!.loss);
    lstmBefore.dispose();
    net.dispose();
  });
});
