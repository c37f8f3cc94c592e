/**
 * The speech features hear how a person speaks, not the recording: the same clip looped to 40 s,
 * played 12 dB quieter, on a stereo track with one channel in opposite phase (a mic wired the
 * wrong way round: its plain average is silence), or recorded 1.5 s early and stopped 1.5 s late
 * (silence before and after), or with 3 s of music before it or after it and a pause between (a
 * vlog's jingle, an outro), gives the same features and the same speech answer (measured against
 * how much the features differ between clips, which is what the speech model can tell apart); the
 * loop's answer may change (its seams are pauses; see below).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SPEECH_FEATURE_NAMES } from '../core/audio/speech-features';
import { argmax } from '../core/vector';
import { loadTemporalNet, predictMean } from '../models/clip/temporal-model';
import { initNodeBackend } from './backend';
import { speechFeaturesOfFile } from './ffmpeg-audio';
import { fileWeightSource } from './file-weight-source';
import { clip, makeAudioVariant, REPO_ROOT } from './test-fixtures';
import { meanSoundDb, musicBesideArgs } from './unfamiliar-footage';

/** Six other clips (every actor but 03, five emotions): the between-clip spread of each feature. */
const OTHERS = ['01-01-03_01.mp4', '02-02-06_01.mp4', '04-03-02_01.mp4', '05-04-05_01.mp4', '06-01-04_01.mp4', '07-02-01_01.mp4'];
const SPEECH_MODEL = join(REPO_ROOT, 'public/trained/speech/model.json');

/** Per feature: |a − b| in units of the between-clip standard deviation. */
function shiftInSpreads(a: Float32Array, b: Float32Array, spread: number[]): number[] {
  return spread.map((s, k) => Math.abs(a[k]! - b[k]!) / s);
}

describe('speech features of a clip looped to 40 s, 12 dB quieter, in opposite-phase stereo, with silence around it and with music before or after it (ffmpeg)', () => {
  it('move by a fraction of the between-clip spread (gain: nothing), and the speech model answers the same', { timeout: 300_000 }, async () => {
    const path = clip('03-02-01_01.mp4'); // 3.1 s, sadness
    const [once, looped, quieter, antiphase, padded, ...others] = await Promise.all([
      speechFeaturesOfFile(path),
      makeAudioVariant(path, ['-stream_loop', '-1'], ['-t', '40']).then(speechFeaturesOfFile),
      makeAudioVariant(path, [], ['-af', 'volume=-12dB']).then(speechFeaturesOfFile),
      makeAudioVariant(path, [], ['-af', 'pan=stereo|c0=c0|c1=-1*c0']).then(speechFeaturesOfFile),
      makeAudioVariant(path, [], ['-af', 'adelay=1500:all=1,apad=pad_dur=1.5']).then(speechFeaturesOfFile),
      ...OTHERS.map((f) => speechFeaturesOfFile(clip(f))),
    ]);
    const clipDb = meanSoundDb(path);
    const [jingle, outro] = await Promise.all(
      [false, true].map((after) => {
        const { input, output } = musicBesideArgs(clipDb, 3, 0.3, { after });
        return makeAudioVariant(path, input, output).then(speechFeaturesOfFile);
      }),
    );
    const spread = SPEECH_FEATURE_NAMES.map((_, k) => {
      const values = [once!, ...others.map((o) => o!)].map((f) => f[k]!);
      const m = values.reduce((s, v) => s + v, 0) / values.length;
      return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / values.length);
    });
    const loopShift = shiftInSpreads(looped!, once!, spread);
    const gainShift = shiftInSpreads(quieter!, once!, spread);
    expect(antiphase, 'opposite-phase stereo heard as no speech').not.toBeNull();
    const phaseShift = shiftInSpreads(antiphase!, once!, spread);
    const paddingShift = shiftInSpreads(padded!, once!, spread);
    const jingleShift = shiftInSpreads(jingle!, once!, spread);
    const outroShift = shiftInSpreads(outro!, once!, spread);
    // Measured on six clips against the spread over all 168: looping moves the median feature by
    // 0.02–0.07 spreads and the worst (pitch glide and spread, frame-grid sensitive) by up to 0.73;
    // −12 dB moves none by more than 3e-5 spreads. The old durationSec moved by 37 spreads.
    SPEECH_FEATURE_NAMES.forEach((name, k) => {
      // The loop's seams are pauses of 0.5 s (each long pause counts as that much) that the one take
      // lacks: activeFraction moves by 1.2 spreads (0.81 → 0.70), every other feature by under one.
      expect(loopShift[k], `${name} looped: ${looped![k]} vs ${once![k]}`).toBeLessThan(name === 'activeFraction' ? 1.5 : 1);
      expect(gainShift[k], `${name} −12 dB: ${quieter![k]} vs ${once![k]}`).toBeLessThan(1e-3);
      // One channel instead of the mean of two (joint-stereo MP3: not identical): measured ≤ 0.06 spreads.
      expect(phaseShift[k], `${name} opposite phase: ${antiphase![k]} vs ${once![k]}`).toBeLessThan(0.25);
      // Version 2 read the silence as pauses: activeFraction moved by 2.8 spreads, the relative
      // loudness by ~1 (mean over 168 clips); since version 3 every feature by 0.03 or less.
      expect(paddingShift[k], `${name} silence around it: ${padded![k]} vs ${once![k]}`).toBeLessThan(0.1);
      // Version 4 heard the music as speech (over the 168 clips a 3-s jingle turned 124 speech
      // answers, an outro 125); since version 5 the music is cut off at the pause before the voice.
      expect(jingleShift[k], `${name} a jingle before it: ${jingle![k]} vs ${once![k]}`).toBeLessThan(0.1);
      expect(outroShift[k], `${name} an outro after it: ${outro![k]} vs ${once![k]}`).toBeLessThan(0.1);
    });
    expect([...loopShift].sort((a, b) => a - b)[loopShift.length >> 1]).toBeLessThan(0.1);
    if (!existsSync(SPEECH_MODEL)) return;
    await initNodeBackend();
    const { net } = await loadTemporalNet(fileWeightSource(join(REPO_ROOT, 'public/trained')), 'speech');
    try {
      // Not the loop's: its seams are pauses between sentences (0.6 s here, counted as 0.5) that the
      // one take does not have; over our 168 clips looped to 40 s, 154 keep their speech answer (131
      // before long pauses were capped), and this one is among the 14 that turn (neutrality to anger;
      // docs/speech.md).
      const answers = await Promise.all([once, quieter, antiphase, padded, jingle, outro].map(async (f) => argmax(await predictMean(net, [f!]))));
      expect(answers).toEqual(answers.map(() => answers[0]));
    } finally {
      net.dispose();
    }
  });
});
