/**
 * Clip-level prosody and spectral-envelope statistics of the speech in a clip (not in the paper,
 * which is visual only; see docs/differences-from-the-paper.md). Loudness, zero-crossing rate,
 * spectral centroid and pitch (autocorrelation) over the voiced frames, plus MFCC means and spreads:
 * the cues that separate anger, fear and surprise, where the face models mostly answer "neutral".
 * Input: mono PCM at SPEECH_SAMPLE_RATE (see resample.ts). Pure, deterministic.
 */
import { powerSpectrum } from './fft';
import { mean, populationStd, quantile } from '../vector';
import { mixToMono, resample } from './resample';

export const SPEECH_SAMPLE_RATE = 16000;
/** 25 ms Hamming frames every 10 ms; 40 ms windows for pitch. */
const FRAME = 400;
const HOP = 160;
const FFT_SIZE = 512;
const PITCH_WINDOW = 640;
const MIN_F0 = 70;
const MAX_F0 = 400;
const MEL_BANDS = 26;
const MFCC_COUNT = 13;
/** A frame is voiced within 25 dB of the loud (90th percentile) frames and above −60 dBFS. */
const VOICED_RANGE_DB = 25;
const SILENCE_DB = -60;
/** Normalised autocorrelation a pitch period needs. */
const PITCH_CLARITY = 0.3;

/** Names of the features, in order (4 × 5 statistics, 3 rates, 13 MFCC means, 13 MFCC spreads). */
export const SPEECH_FEATURE_NAMES: readonly string[] = Object.freeze([
  ...['loudnessDb', 'zeroCrossingRate', 'spectralCentroidHz', 'pitchSemitones'].flatMap((f) => ['mean', 'std', 'p10', 'p50', 'p90'].map((s) => `${f}.${s}`)),
  'voicedFraction',
  'durationSec',
  'pitchedFraction',
  ...Array.from({ length: MFCC_COUNT }, (_, i) => `mfcc${i}.mean`),
  ...Array.from({ length: MFCC_COUNT }, (_, i) => `mfcc${i}.std`),
]);
export const SPEECH_FEATURE_LENGTH = SPEECH_FEATURE_NAMES.length;

/** Mean, population std, 10th, 50th and 90th percentiles (zeros for no values). */
function stats(values: readonly number[]): number[] {
  if (values.length === 0) return [0, 0, 0, 0, 0];
  return [mean(values), populationStd(values), quantile(values, 0.1), quantile(values, 0.5), quantile(values, 0.9)];
}

const hamming = Float64Array.from({ length: FRAME }, (_, i) => 0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (FRAME - 1)));

/** Triangular mel filters over the FFT bins (HTK mel scale). */
const melFilters: Float64Array[] = (() => {
  const toMel = (f: number) => 2595 * Math.log10(1 + f / 700);
  const fromMel = (m: number) => 700 * (10 ** (m / 2595) - 1);
  const top = toMel(SPEECH_SAMPLE_RATE / 2);
  const bins = Array.from({ length: MEL_BANDS + 2 }, (_, i) => Math.floor(((FFT_SIZE + 1) * fromMel((top * i) / (MEL_BANDS + 1))) / SPEECH_SAMPLE_RATE));
  return Array.from({ length: MEL_BANDS }, (_, m) => {
    const [l, c, r] = [bins[m]!, bins[m + 1]!, bins[m + 2]!];
    const filter = new Float64Array(FFT_SIZE / 2 + 1);
    for (let k = l; k < c; k++) filter[k] = (k - l) / Math.max(c - l, 1);
    for (let k = c; k < r; k++) filter[k] = (r - k) / Math.max(r - c, 1);
    return filter;
  });
})();

/** MFCCs 0 … 12 (DCT-II of the log mel energies) of one power spectrum. */
function mfcc(spectrum: Float64Array): number[] {
  const logMel = melFilters.map((f) => Math.log(f.reduce((s, w, k) => s + w * spectrum[k]!, 0) + 1e-9));
  return Array.from({ length: MFCC_COUNT }, (_, i) => logMel.reduce((s, v, m) => s + v * Math.cos((Math.PI / MEL_BANDS) * (m + 0.5) * i), 0));
}

/** Pitch of the window at `start` in semitones above 100 Hz, or null when it has no clear period. */
function pitchSemitones(x: Float32Array, start: number): number | null {
  if (start + PITCH_WINDOW > x.length) return null;
  let mean = 0;
  for (let i = 0; i < PITCH_WINDOW; i++) mean += x[start + i]! / PITCH_WINDOW;
  const s = Float64Array.from({ length: PITCH_WINDOW }, (_, i) => x[start + i]! - mean);
  const ac = (lag: number) => {
    let sum = 0;
    for (let i = 0; i + lag < PITCH_WINDOW; i++) sum += s[i]! * s[i + lag]!;
    return sum;
  };
  const lo = Math.floor(SPEECH_SAMPLE_RATE / MAX_F0);
  const hi = Math.floor(SPEECH_SAMPLE_RATE / MIN_F0);
  let best = lo;
  let bestValue = -Infinity;
  for (let lag = lo; lag < hi; lag++) {
    const v = ac(lag);
    if (v > bestValue) [best, bestValue] = [lag, v];
  }
  return bestValue > PITCH_CLARITY * ac(0) ? 12 * Math.log2(SPEECH_SAMPLE_RATE / best / 100) : null;
}

/**
 * The SPEECH_FEATURE_LENGTH statistics of mono 16 kHz `pcm`, or null when it holds no speech
 * (shorter than 0.1 s, or no frame above the silence floor).
 */
export function speechFeatures(pcm: Float32Array): Float32Array | null {
  const frames = 1 + Math.floor((pcm.length - FRAME) / HOP);
  if (pcm.length < FRAME || frames < 10) return null;
  const loudness: number[] = [];
  const zcr: number[] = [];
  const centroid: number[] = [];
  const cepstra: number[][] = [];
  for (let f = 0; f < frames; f++) {
    const frame = Float64Array.from({ length: FRAME }, (_, i) => pcm[f * HOP + i]! * hamming[i]!);
    loudness.push(20 * Math.log10(Math.sqrt(frame.reduce((s, v) => s + v * v, 0) / FRAME) + 1e-6));
    let crossings = 0;
    for (let i = 1; i < FRAME; i++) if (Math.sign(frame[i]!) !== Math.sign(frame[i - 1]!)) crossings++;
    zcr.push(crossings / (FRAME - 1));
    const spectrum = powerSpectrum(frame, FFT_SIZE);
    const total = spectrum.reduce((a, b) => a + b, 0);
    centroid.push((spectrum.reduce((s, p, k) => s + p * k, 0) / (total + 1e-9)) * (SPEECH_SAMPLE_RATE / FFT_SIZE));
    cepstra.push(mfcc(spectrum));
  }
  const loud = quantile(loudness, 0.9);
  const voiced = loudness.flatMap((db, f) => (db > loud - VOICED_RANGE_DB && db > SILENCE_DB ? [f] : []));
  if (voiced.length === 0) return null;
  const pitches = voiced.flatMap((f) => pitchSemitones(pcm, f * HOP) ?? []);
  const pick = (v: number[]) => voiced.map((f) => v[f]!);
  const cepstrumStats = Array.from({ length: MFCC_COUNT }, (_, i) => stats(voiced.map((f) => cepstra[f]![i]!)));
  return Float32Array.from([
    ...stats(pick(loudness)),
    ...stats(pick(zcr)),
    ...stats(pick(centroid)),
    ...stats(pitches.length > 3 ? pitches : []),
    voiced.length / frames,
    pcm.length / SPEECH_SAMPLE_RATE,
    pitches.length / voiced.length,
    ...cepstrumStats.map((s) => s[0]!),
    ...cepstrumStats.map((s) => s[1]!),
  ]);
}

/** speechFeatures of decoded audio: planar channels at `sampleRate`, mixed to mono and resampled. */
export function speechFeaturesOfAudio(channels: readonly Float32Array[], sampleRate: number): Float32Array | null {
  return speechFeatures(resample(mixToMono(channels), sampleRate, SPEECH_SAMPLE_RATE));
}
