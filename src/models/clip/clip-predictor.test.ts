import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { NUM_EMOTIONS } from '../../core/labels';
import { speechFeaturesOfAudio } from '../../core/audio/speech-features';
import { fileWeightSource, initNodeBackend, readAudioWithFfmpeg } from '../../node';
import { clip, REPO_ROOT } from '../../node/test-fixtures';
import { answerOf } from '../../shared/ensemble-config';
import { GENERAL, GENERAL_CALIBRATED } from '../../shared/prediction-keys';
import { loadClipPredictor } from './clip-predictor';
import { syntheticRecords } from './test-helpers';

const TRAINED = join(REPO_ROOT, 'public/trained');

describe.skipIf(!existsSync(join(TRAINED, 'ensemble.json')))('clip predictor on the committed weights (public/trained)', () => {
  beforeAll(async () => {
    await initNodeBackend();
  });

  it('loads every model and gives 7 probabilities per model and ensemble, without leaking tensors', async () => {
    const predictor = await loadClipPredictor(fileWeightSource(TRAINED));
    // A real clip's speech (an angry sentence of actor 07) with synthetic face records.
    const audio = (await readAudioWithFfmpeg(clip('07-01-06_01.mp4')))!;
    // The general networks ran on every other frame, as in the app (an ensemble may read `general`).
    const general = Float32Array.of(0.1, 0, 0.1, 0.4, 0.2, 0.1, 0.1);
    const records = syntheticRecords(12, 3).map((r, i) => (i % 2 === 0 ? { ...r, baselineProbs: { general } } : r));
    const input = { records, speech: speechFeaturesOfAudio(audio.channels, audio.sampleRate) };
    expect(input.speech).not.toBeNull();
    // The clip is its own person reference, so the person-calibrated models answer too.
    const options = { reference: [input] };
    await predictor.predict(input, options);
    const before = tf.memory().numTensors;
    const out = await predictor.predict(input, options);
    expect(tf.memory().numTensors).toBe(before);
    expect(Object.keys(out)).toEqual(predictor.names);
    for (const probs of Object.values(out)) {
      expect(probs).toHaveLength(NUM_EMOTIONS);
      expect(probs.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 4);
    }
    // Without speech every model but the speech model answers, and the audio-visual ensemble is its visual part.
    // Without speech the speech model has no key; without a reference, neither has any calibrated model.
    const silent = await predictor.predict({ records: input.records, speech: null });
    expect(Object.keys(silent)).not.toContain('speech');
    expect(Object.keys(silent).some((k) => k.endsWith('-cal'))).toBe(false);
    expect(silent[predictor.ensemble.answer.alone.name]).toHaveLength(NUM_EMOTIONS);
    // Both answers exist for a clip without speech (an ensemble holding the speech model falls back to its visual members).
    const silentClip = { records: input.records, speech: null };
    const silentCalibrated = await predictor.predict(silentClip, { reference: [silentClip] });
    expect(silentCalibrated[predictor.ensemble.answer.calibrated!.name]).toHaveLength(NUM_EMOTIONS);
    // The camera's call: the answers and what they read, the same numbers as in the full call, and
    // none of the models no answer reads (the spatio-temporal ones, most of the call's time).
    const answersOnly = await predictor.predict(silentClip, { reference: [silentClip], answersOnly: true });
    const answers = [answerOf(predictor.ensemble), answerOf(predictor.ensemble, true)];
    const kept = new Set([GENERAL, GENERAL_CALIBRATED, ...answers.flatMap((a) => [a.name, ...a.members])]);
    expect(Object.keys(answersOnly).length).toBeLessThan(Object.keys(silentCalibrated).length);
    expect(Object.keys(answersOnly).every((k) => kept.has(k))).toBe(true);
    expect(Object.keys(answersOnly).some((k) => k.startsWith('st-'))).toBe(false);
    for (const a of answers) expect(Array.from(answersOnly[a.name]!)).toEqual(Array.from(silentCalibrated[a.name]!));
    predictor.dispose();
  });
});
