import { describe, expect, it } from 'vitest';
import { fftInPlace, powerSpectrum } from './fft';
import { mixToMono, resample } from './resample';
import { SPEECH_FEATURE_LENGTH, SPEECH_FEATURE_NAMES, SPEECH_SAMPLE_RATE, speechFeatures, speechFeaturesOfAudio } from './speech-features';

/** A harmonic tone (fundamental + 2 overtones, like a voiced vowel) of `seconds` at `rate`. */
function tone(f0: number, seconds: number, rate = SPEECH_SAMPLE_RATE, amplitude = 0.1): Float32Array {
  return Float32Array.from({ length: Math.round(seconds * rate) }, (_, i) => {
    const t = i / rate;
    return amplitude * (Math.sin(2 * Math.PI * f0 * t) + 0.5 * Math.sin(4 * Math.PI * f0 * t) + 0.25 * Math.sin(6 * Math.PI * f0 * t));
  });
}
const feature = (f: Float32Array, name: string) => f[SPEECH_FEATURE_NAMES.indexOf(name)]!;
const rms = (x: Float32Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);

describe('fft', () => {
  it('puts a cosine at its bin and an impulse everywhere', () => {
    const n = 64;
    const spectrum = powerSpectrum(Array.from({ length: n }, (_, i) => Math.cos((2 * Math.PI * 5 * i) / n)), n);
    expect(spectrum.indexOf(Math.max(...spectrum))).toBe(5);
    expect(spectrum[5]).toBeCloseTo((n / 2) ** 2, 6);
    const re = new Float64Array(8).fill(0);
    re[0] = 1;
    const im = new Float64Array(8);
    fftInPlace(re, im);
    expect([...re]).toEqual(new Array(8).fill(1));
    expect(() => fftInPlace(new Float64Array(6), new Float64Array(6))).toThrow(RangeError);
  });
});

describe('resample', () => {
  it('keeps a speech-band tone, removes one above the new Nyquist, and averages channels', () => {
    const low = resample(tone(220, 1, 44100), 44100, 16000);
    expect(low.length).toBe(16000);
    expect(rms(low)).toBeGreaterThan(0.9 * rms(tone(220, 1, 44100)));
    const high = Float32Array.from({ length: 44100 }, (_, i) => Math.sin((2 * Math.PI * 10000 * i) / 44100));
    expect(rms(resample(high, 44100, 16000))).toBeLessThan(0.05 * rms(high));
    expect([...mixToMono([Float32Array.of(1, 2), Float32Array.of(3, 4)])]).toEqual([2, 3]);
  });
});

describe('speechFeatures', () => {
  it('reads the pitch, duration and loudness of a voiced tone', () => {
    const f = speechFeatures(tone(200, 2))!;
    expect(f).toHaveLength(SPEECH_FEATURE_LENGTH);
    expect(feature(f, 'pitchSemitones.p50')).toBeCloseTo(12, 0); // 200 Hz = one octave above 100 Hz
    expect(feature(f, 'durationSec')).toBeCloseTo(2, 5);
    expect(feature(f, 'voicedFraction')).toBeGreaterThan(0.95);
    const louder = speechFeatures(tone(200, 2, SPEECH_SAMPLE_RATE, 0.2))!;
    expect(feature(louder, 'loudnessDb.mean') - feature(f, 'loudnessDb.mean')).toBeCloseTo(6.02, 1);
    const higher = speechFeatures(tone(300, 2))!;
    expect(feature(higher, 'pitchSemitones.p50')).toBeCloseTo(12 * Math.log2(3), 0);
    expect(feature(higher, 'spectralCentroidHz.mean')).toBeGreaterThan(feature(f, 'spectralCentroidHz.mean'));
  });

  it('gives the same features from 44.1 kHz stereo as from the 16 kHz tone', () => {
    const stereo = tone(200, 2, 44100);
    const f = speechFeaturesOfAudio([stereo, stereo], 44100)!;
    expect(feature(f, 'pitchSemitones.p50')).toBeCloseTo(12, 0);
    expect(feature(f, 'loudnessDb.mean')).toBeCloseTo(feature(speechFeatures(tone(200, 2))!, 'loudnessDb.mean'), 0);
  });

  it('answers null for silence and for clips too short to measure', () => {
    expect(speechFeatures(new Float32Array(SPEECH_SAMPLE_RATE))).toBeNull();
    expect(speechFeatures(tone(200, 0.05))).toBeNull();
  });
});
