import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { NUM_EMOTIONS } from '../../core/labels';
import { ModelLoadError, ModelNotReadyError } from '../model';
import { fileWeightSource, initNodeBackend } from '../../node';
import { saveTemporalNet } from '../../training/save-model';
import { fitStandardizer, foldStandardizer, standardize } from '../../training/standardize';
import { loadClipPredictor } from './clip-predictor';
import type { EnsembleConfig } from '../../shared/ensemble-config';
import { buildSpatioTemporalNet } from './spatio-temporal';
import { buildTemporalPyramidNet } from './temporal-pyramid';
import { clipInputs, modelInputs, predictMean, TemporalModel } from './temporal-model';
import { SPEECH_FEATURE_LENGTH } from '../../core/audio/speech-features';
import { averageClassifierNets, buildSpeechNet, type SpeechConfig } from './speech-net';
import { syntheticRecords, TINY_ST, TINY_TP } from './test-helpers';
import { GENERAL, GENERAL_CALIBRATED } from '../../shared/prediction-keys';
import { clipRecordOf } from '../../shared/face-record';
import { calibratedGeneral, noGeneralOpinion } from '../../core/general-emotion';
import { argmax } from '../../core/vector';

/** `net` with every weight drawn at random: a zero-initialised pyramid head would give uniform outputs for any input. */
function randomized(net: tf.LayersModel, seed: number): tf.LayersModel {
  const random = net.getWeights().map((w, i) => tf.randomNormal(w.shape, 0, 0.1, 'float32', seed + i));
  net.setWeights(random);
  tf.dispose(random);
  return net;
}

const SPEECH: SpeechConfig = { kind: 'speech', hidden: 0, dropout: 0, l2: 0 };
const speech = Float32Array.from({ length: SPEECH_FEATURE_LENGTH }, (_, i) => Math.sin(i));

describe('temporal models (Node WASM)', () => {
  let dir: string;
  beforeAll(async () => {
    await initNodeBackend();
    dir = await mkdtemp(join(tmpdir(), 'emolens-temporal-'));
  });

  it('folding the standardizer into the first layer gives the same outputs on raw inputs', async () => {
    for (const [config, net] of [[TINY_TP, buildTemporalPyramidNet(TINY_TP, 3)], [TINY_ST, buildSpatioTemporalNet(TINY_ST, 3)]] as const) {
      const rows = [1, 2, 3].flatMap((s) => clipInputs(syntheticRecords(10, s), config));
      const s = fitStandardizer(rows, net.inputs[0]!.shape.at(-1)!);
      const before = await predictMean(net, rows.map((r) => standardize(r, s)));
      foldStandardizer(net, s);
      const after = await predictMean(net, rows);
      for (let k = 0; k < NUM_EMOTIONS; k++) expect(after[k]).toBeCloseTo(before[k]!, 4);
      net.dispose();
    }
  });

  it('saved-then-loaded weights give identical outputs', async () => {
    const records = syntheticRecords(13, 7);
    const ferTp = { ...TINY_TP, face: 'fer' } as const;
    const cases = [
      ['tp', TINY_TP, randomized(buildTemporalPyramidNet(TINY_TP, 5), 5)],
      ['st', TINY_ST, buildSpatioTemporalNet(TINY_ST, 5)],
      // Same weights as 'tp': the loaded model must read the FER block, as its saved config says.
      ['tp-fer', ferTp, randomized(buildTemporalPyramidNet(ferTp, 5), 5)],
      ['speech', SPEECH, randomized(buildSpeechNet(SPEECH, 5), 5)],
    ] as const;
    const outputs: Record<string, number[]> = {};
    for (const [name, config, net] of cases) {
      const expected = await predictMean(net, modelInputs({ records, speech }, config)!);
      await saveTemporalNet(net, join(dir, name), config);
      net.dispose();
      const model = new TemporalModel(name, fileWeightSource(dir));
      await model.load();
      expect(model.config).toEqual(config);
      outputs[name] = [...(await model.run({ records, speech }))!];
      expect(outputs[name]).toEqual([...expected]);
      // Only the speech model needs speech: without it, it has no answer and the others are unchanged.
      const silent = await model.run({ records, speech: null });
      expect(silent === null ? null : [...silent]).toEqual(config.kind === 'speech' ? null : outputs[name]);
      model.dispose();
      model.dispose();
      await expect(model.run({ records })).rejects.toBeInstanceOf(ModelNotReadyError);
    }
    expect(outputs['tp-fer']).not.toEqual(outputs.tp);
  });

  it('shares the perception networks\' lifecycle: a failed load is a ModelLoadError naming the model, a load disposed midway frees what it read', async () => {
    const missing = new TemporalModel('missing', fileWeightSource(dir));
    await expect(missing.load()).rejects.toMatchObject({ name: 'ModelLoadError', model: 'missing' });
    await expect(missing.load()).rejects.toBeInstanceOf(ModelLoadError);
    await saveTemporalNet(buildTemporalPyramidNet(TINY_TP, 2), join(dir, 'early'), TINY_TP);
    const before = tf.memory().numTensors;
    const model = new TemporalModel('early', fileWeightSource(dir));
    const loading = model.load();
    model.dispose();
    await expect(loading).rejects.toBeInstanceOf(ModelLoadError);
    expect(model.loaded).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
    await model.load();
    expect(model.loaded).toBe(true);
    model.dispose();
  });

  it('averaged speech copies give the mean of the copies, saved and loaded as one model', async () => {
    const copies = [1, 2, 3].map((seed) => randomized(buildSpeechNet(SPEECH, seed), seed * 10));
    const rows = [speech];
    const each = await Promise.all(copies.map((net) => predictMean(net, rows)));
    const averaged = averageClassifierNets(copies);
    copies.forEach((net) => net.dispose());
    const config: SpeechConfig = { ...SPEECH, members: 3 };
    await saveTemporalNet(averaged, join(dir, 'speech-3'), config);
    averaged.dispose();
    const model = new TemporalModel('speech-3', fileWeightSource(dir));
    await model.load();
    const out = (await model.run({ records: [], speech }))!;
    out.forEach((p, k) => expect(p).toBeCloseTo((each[0]![k]! + each[1]![k]! + each[2]![k]!) / 3, 6));
    expect(each[0]).not.toEqual(each[1]);
    model.dispose();
  });

  it('a person-calibrated model answers only with a reference, centring its input on the reference mean', async () => {
    const config = { ...TINY_TP, calibration: 'person' as const };
    const net = randomized(buildTemporalPyramidNet(config, 1), 3);
    const bias = [...((await net.layers.find((l) => l.getClassName() === 'Dense')!.getWeights()[1]!.data()) as Float32Array)];
    await saveTemporalNet(net, join(dir, 'cal'), config);
    net.dispose();
    const model = new TemporalModel('cal', fileWeightSource(dir));
    await model.load();
    expect(model.calibrated).toBe(true);
    const clip = { records: syntheticRecords(6, 5) };
    const other = { records: syntheticRecords(6, 9) };
    expect(await model.run(clip)).toBeNull();
    // Its own reference centres the input on itself: a zero input, so the output is softmax(bias).
    const self = (await model.run(clip, { reference: [clip] }))!;
    const e = bias.map((b) => Math.exp(b - Math.max(...bias)));
    self.forEach((p, k) => expect(p).toBeCloseTo(e[k]! / e.reduce((a, b) => a + b, 0), 5));
    expect([...(await model.run(clip, { reference: [other] }))!]).not.toEqual([...self]);
    model.dispose();
  });

  it('the clip predictor gives 7 probabilities summing to 1 per model and ensemble, without leaking tensors', async () => {
    const root = join(dir, 'predictor');
    await saveTemporalNet(buildTemporalPyramidNet(TINY_TP, 1), join(root, 'a'), TINY_TP);
    await saveTemporalNet(buildSpatioTemporalNet(TINY_ST, 1), join(root, 'b'), TINY_ST);
    await saveTemporalNet(randomized(buildSpeechNet(SPEECH, 1), 1), join(root, 'c'), SPEECH);
    const eye = Array.from({ length: 14 }, (_, i) => Array.from({ length: 7 }, (_, k) => (i % 7 === k ? 1 : 0)));
    const choice = { temperature: 1, unseenAccuracy: 0.5, perClassRecall: [] };
    const ensemble: EnsembleConfig = {
      version: 2,
      models: ['a', 'b', 'c'],
      ensembles: {
        average: { kind: 'average', members: ['a', 'b'] },
        jointFusion: { kind: 'jointFusion', members: ['a', 'b'], kernel: eye, bias: new Array(7).fill(0) },
        bestSelection: { kind: 'average', members: ['b'] },
        audioVisual: { kind: 'audioVisual', visual: { kind: 'average', members: ['a', 'b'] }, speech: 'c', speechWeight: 0.25 },
      },
      answer: { alone: { name: 'audioVisual', ...choice }, uncertainBelow: 0.4 },
      chosenOn: 'test',
    };
    await writeFile(join(root, 'ensemble.json'), JSON.stringify(ensemble));
    const predictor = await loadClipPredictor(fileWeightSource(root));
    const clip = { records: syntheticRecords(5, 11), speech };
    await predictor.predict(clip); // warm-up (kernels may cache tensors on first use)
    const before = tf.memory().numTensors;
    const out = await predictor.predict(clip);
    expect(tf.memory().numTensors).toBe(before);
    expect(Object.keys(out)).toEqual(['a', 'b', 'c', 'average', 'jointFusion', 'bestSelection', 'audioVisual']);
    for (const probs of Object.values(out)) {
      expect(probs).toHaveLength(NUM_EMOTIONS);
      expect(probs.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 5);
    }
    expect([...out.bestSelection!]).toEqual([...out.b!].map((p) => Math.fround(p)));
    out.audioVisual!.forEach((p, k) => expect(p).toBeCloseTo(0.75 * out.average![k]! + 0.25 * out.c![k]!, 6));
    // A clip without speech: no speech prediction, and the audio-visual answer is the visual ensemble's.
    const silent = await predictor.predict({ records: clip.records, speech: null });
    expect(Object.keys(silent)).toEqual(['a', 'b', 'average', 'jointFusion', 'bestSelection', 'audioVisual']);
    expect([...silent.audioVisual!]).toEqual([...silent.average!]);
    predictor.dispose();
    predictor.dispose();
  });

  it("the clip predictor fuses `general` from the records where the general networks ran, and reads it as no opinion where they never did", async () => {
    const root = join(dir, 'predictor-general');
    await saveTemporalNet(buildTemporalPyramidNet(TINY_TP, 1), join(root, 'a'), TINY_TP);
    const choice = { temperature: 1, unseenAccuracy: 0.5, perClassRecall: [] };
    const ensemble: EnsembleConfig = {
      version: 2,
      models: ['a'],
      ensembles: { average: { kind: 'average', members: ['a', GENERAL] }, averageCal: { kind: 'average', members: ['a', GENERAL_CALIBRATED] } },
      answer: { alone: { name: 'average', ...choice }, uncertainBelow: 0.4 },
      chosenOn: 'test',
    };
    await writeFile(join(root, 'ensemble.json'), JSON.stringify(ensemble));
    const predictor = await loadClipPredictor(fileWeightSource(root));
    expect(predictor.names).toEqual([GENERAL, GENERAL_CALIBRATED, 'a', 'average', 'averageCal']);
    const records = syntheticRecords(4, 12);
    const g = (hot: number) => Float32Array.from({ length: 7 }, (_, k) => (k === hot ? 0.7 : k === 1 ? 0 : 0.06));
    // The general networks ran on two of the four frames: `general` is their mean.
    const ran = records.map((r, i) => (i % 2 === 0 ? { ...clipRecordOf(r), baselineProbs: { general: g(i === 0 ? 0 : 6) } } : r));
    const out = await predictor.predict({ records: ran, speech: null });
    out[GENERAL]!.forEach((p, k) => expect(p).toBeCloseTo((g(0)[k]! + g(6)[k]!) / 2, 6));
    out.average!.forEach((p, k) => expect(p).toBeCloseTo((out.a![k]! + out[GENERAL]![k]!) / 2, 6));
    expect(out.averageCal).toBeUndefined(); // no reference: no calibrated `general`
    // With a reference whose `general` is surprise: the clip's `general` over it, fused as such.
    const reference = [{ records: records.map((r) => ({ ...clipRecordOf(r), baselineProbs: { general: g(6) } })), speech: null }];
    const cal = await predictor.predict({ records: ran, speech: null }, { reference });
    const expected = calibratedGeneral(out[GENERAL]!, [g(6)])!;
    cal[GENERAL_CALIBRATED]!.forEach((p, k) => expect(p).toBeCloseTo(expected[k]!, 6));
    expect(argmax(cal[GENERAL_CALIBRATED]!)).toBe(0); // anger: what the clip shows beyond the person's surprise
    cal.averageCal!.forEach((p, k) => expect(p).toBeCloseTo((cal.a![k]! + expected[k]!) / 2, 6));
    const none = await predictor.predict({ records, speech: null });
    expect(Object.keys(none)).toEqual(['a', 'average']);
    const uniform = noGeneralOpinion();
    none.average!.forEach((p, k) => expect(p).toBeCloseTo((none.a![k]! + uniform[k]!) / 2, 6));
    const noneCal = await predictor.predict({ records, speech: null }, { reference });
    noneCal.averageCal!.forEach((p, k) => expect(p).toBeCloseTo((noneCal.a![k]! + uniform[k]!) / 2, 6));
    predictor.dispose();
  });
});
