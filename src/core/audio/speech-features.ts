/**
 * Clip-level prosody and spectral-envelope statistics of the speech in a clip (not in the paper,
 * which is visual only; see docs/differences-from-the-paper.md and docs/speech.md): the cues that
 * separate anger, fear and surprise, where the face models mostly answer "neutral". Every feature
 * hears how the person speaks, not the recording:
 * - no clip length, count or sum: each is a mean, spread, percentile or fraction over frames, so a
 *   clip looped to any length gives the same values;
 * - levels relative to the clip: frame loudness in dB below the clip's loud frames,
 *   MFCCs mean-normalised (their spreads and deltas, not their means, so gain and microphone drop
 *   out), pitch in semitones around the clip's median pitch (plus that median, the speaker's
 *   register);
 * - pitch by YIN (pitch.ts), whose lags are not biased by the window overlap;
 * - only from where the person starts speaking to where they stop (`speechSpan`): silence before
 *   and after, however long, is the recording's, not theirs (version 3); nor is a jingle before the
 *   first word or an outro after the last, when a pause parts it from the voice (version 5).
 * Input: mono PCM at SPEECH_SAMPLE_RATE (see resample.ts). Pure, deterministic.
 */
import { NOISY_BELOW_DB, speechBackground, STEADY_BAND_BELOW_DB } from './background-noise';
import { powerSpectrum } from './fft';
import { createMfcc, deltas, melFilterBank } from './mfcc';
import { yinPitchHz, type PitchSettings } from './pitch';
import { spokenSeconds, voiceAndInstruments, type PitchedFrame, type VoiceAndInstruments } from './voice-presence';
import { mean, populationStd, quantile } from '../vector';
import { mixToMono, resample } from './resample';

/** A stretch of a soundtrack, in seconds from its start. */
export interface VoiceSpan {
  from: number;
  to: number;
}

/** Rate of the signal the features read. */
export const SPEECH_SAMPLE_RATE = 16000;
/** Version of the feature definition; the feature cache recomputes older speech features. */
export const SPEECH_FEATURES_VERSION = 5;
/** 25 ms Hamming frames every 10 ms. */
const FRAME = 400;
const HOP = 160;
const FRAMES_PER_SEC = SPEECH_SAMPLE_RATE / HOP;
const FFT_SIZE = 512;
const MFCC_COUNT = 13;
const PITCH: PitchSettings = { sampleRate: SPEECH_SAMPLE_RATE, minHz: 70, maxHz: 400, window: 512, threshold: 0.15 };
/**
 * The clip's reference level: the mean of its frame-level quantiles 0.90, 0.905, … 1 (the loudest
 * tenth, weighted smoothly so that a frame more or less does not swap one whole frame in or out).
 * Measured on three clips, it moved by ±0.02 dB when the 10 ms frame grid was shifted, a single
 * 95th percentile by ±0.2 dB (which every relative level would inherit).
 */
const REFERENCE_QUANTILES = Array.from({ length: 21 }, (_, i) => 0.9 + i * 0.005);
/** A frame is active (speech, not pause) within 25 dB of the reference. */
const ACTIVE_RANGE_DB = 25;
/** A reference below this is digital silence, not a quiet recording. */
const SILENCE_DBFS = -80;
/**
 * Where speech starts and ends: at an active frame with at least EDGE_ACTIVE_FRAMES active frames
 * (100 ms) among the EDGE_WINDOW_FRAMES (300 ms) after it (before it, for the end). A knock or the
 * record button's click is a few frames alone; a syllable, however its level dips, fills a tenth of a second.
 */
const EDGE_WINDOW_FRAMES = 30;
const EDGE_ACTIVE_FRAMES = 10;
/** Frames kept before the start and after the end: the MFCC deltas' ±2-frame reach, so the first word's onset is measured as in a longer recording. */
const EDGE_MARGIN_FRAMES = 2;
/**
 * A pause between words longer than this (frames) counts as this long: a breath between sentences,
 * however long, is not slower speech (see `speechSpan`).
 */
const MAX_PAUSE_FRAMES = 50;
/** A pause this long (frames: 150 ms) between an instrument and the voice: where a jingle ends and speech starts. */
const PAUSE_BEFORE_VOICE_FRAMES = 15;
/**
 * Sound before (after) the voice is cut off only with this many frames (1.5 s) of held notes or
 * sweeps, or of unpitched active sound: a jingle lasts seconds; a hummed first syllable (0.19 s), a
 * held last vowel (1.0 s) or a last word shouted almost without pitch, which shorter bounds cut off
 * four of our 168 clips, do not (docs/speech.md, "A jingle before the voice").
 */
const INSTRUMENT_MIN_FRAMES = 150;
/** Sound before the voice with a pitch in under this share of its active frames is not speech (ours: 0.4 or more voiced). */
const UNPITCHED_MAX_SHARE = 0.2;
/** Consecutive pitched frames further apart than this (semitones) are a jump (octave error, new voice), not a glide. */
const MAX_GLIDE_SEMITONES = 1.5;
/** A syllable nucleus rises this far (dB) above the dip before it. */
const SYLLABLE_DIP_DB = 3;

const SPREAD = ['mean', 'std', 'p10', 'p50', 'p90'];
const mfccNames = (stat: string) => Array.from({ length: MFCC_COUNT }, (_, i) => `mfcc${i}.${stat}`);

/** Names of the features, in order. */
export const SPEECH_FEATURE_NAMES: readonly string[] = Object.freeze([
  ...['mean', 'std', 'p10', 'p50'].map((s) => `relativeLoudnessDb.${s}`),
  ...SPREAD.map((s) => `zeroCrossingRate.${s}`),
  ...SPREAD.map((s) => `spectralCentroidHz.${s}`),
  'pitchSemitones.median',
  ...['std', 'p10', 'p90'].map((s) => `relativePitchSemitones.${s}`),
  ...['mean', 'std'].map((s) => `pitchGlideSemitonesPerSec.${s}`),
  'activeFraction',
  'pitchedFraction',
  'syllablesPerSec',
  'pitchedRunSec.mean',
  ...mfccNames('std'),
  ...mfccNames('deltaStd'),
]);
export const SPEECH_FEATURE_LENGTH = SPEECH_FEATURE_NAMES.length;

/** Mean, population std and the 10th, 50th, 90th percentiles (zeros for no values). */
function spread(values: readonly number[]): number[] {
  if (values.length === 0) return [0, 0, 0, 0, 0];
  return [mean(values), populationStd(values), quantile(values, 0.1), quantile(values, 0.5), quantile(values, 0.9)];
}

const hamming = Float64Array.from({ length: FRAME }, (_, i) => 0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (FRAME - 1)));
const mfccOf = createMfcc(melFilterBank(26, FFT_SIZE, SPEECH_SAMPLE_RATE), MFCC_COUNT);

/** Number of whole 25 ms frames on the 10 ms grid of `pcm`. */
function frameCount(pcm: Float32Array): number {
  return pcm.length < FRAME ? 0 : 1 + Math.floor((pcm.length - FRAME) / HOP);
}

/** Level (dBFS) of frame `f`, leaving its Hamming-windowed samples in `frame`. */
function windowedLevelDb(pcm: Float32Array, f: number, frame: Float64Array): number {
  let energy = 0;
  for (let i = 0; i < FRAME; i++) {
    frame[i] = pcm[f * HOP + i]! * hamming[i]!;
    energy += frame[i]! * frame[i]!;
  }
  return 10 * Math.log10(energy / FRAME + 1e-12);
}

/** The clip's reference level (see REFERENCE_QUANTILES) from its frame levels. */
function referenceLevelDb(levelDb: readonly number[]): number {
  return mean(REFERENCE_QUANTILES.map((q) => quantile(levelDb, q)));
}

/**
 * The frames [from, to) left, the pauses kept, once what sounds before the voice, or after it, is
 * cut off when a pause of PAUSE_BEFORE_VOICE_FRAMES or more separates it from the first voiced
 * syllable (or the last) and it is not speech: INSTRUMENT_MIN_FRAMES of held notes or drums' sweeps (a melody; voice-presence.ts),
 * or as many active frames of which under UNPITCHED_MAX_SHARE have a pitch (chords, drums, noise: YIN
 * finds no single pitch in them). A jingle, then the person speaks; speech ends, an outro plays.
 * Nothing is cut without such a pause (music faded into the voice, a held last vowel), nor a voiced
 * sound (a hummed or drawn-out syllable before the sentence).
 */
function withoutInstruments(levelDb: readonly number[], floor: number, pitched: ReadonlySet<number>, heard: VoiceAndInstruments): { from: number; to: number } {
  const quiet = (f: number) => !(levelDb[f]! > floor);
  const notSpeech = (from: number, to: number) => {
    let [active, voiced, instrument] = [0, 0, 0];
    for (let f = from; f < to; f++) if (!quiet(f)) [active, voiced] = [active + 1, voiced + (pitched.has(f) ? 1 : 0)];
    for (const f of heard.instrument) if (f >= from && f < to) instrument++;
    return instrument >= INSTRUMENT_MIN_FRAMES || (active >= INSTRUMENT_MIN_FRAMES && voiced < UNPITCHED_MAX_SHARE * active);
  };
  // The last pause before the first voiced syllable, and the first after the last one.
  const pauseBefore = quietRun(quiet, heard.first - 1, -1, 0);
  const pauseAfter = quietRun(quiet, heard.last + 1, 1, levelDb.length - 1);
  // The pauses stay: silence before the first word and after the last is the voice's, as in a clip without music.
  return {
    from: pauseBefore && notSpeech(0, pauseBefore.far) ? pauseBefore.far : 0,
    to: pauseAfter && notSpeech(pauseAfter.far + 1, levelDb.length) ? pauseAfter.far + 1 : levelDb.length,
  };
}

/**
 * The first run of PAUSE_BEFORE_VOICE_FRAMES or more quiet frames met walking from `at` by `step`
 * (±1) to `stop` (inclusive): `near`, its first frame met, and `far`, its last; null for none.
 */
function quietRun(quiet: (f: number) => boolean, at: number, step: 1 | -1, stop: number): { near: number; far: number } | null {
  const inside = (f: number) => (step > 0 ? f <= stop : f >= stop);
  for (let f = at, run = 0; inside(f); f += step) {
    run = quiet(f) ? run + 1 : 0;
    if (run < PAUSE_BEFORE_VOICE_FRAMES) continue;
    let far = f;
    while (inside(far + step) && quiet(far + step)) far += step;
    return { near: f - step * (run - 1), far };
  }
  return null;
}

/**
 * The frame ranges [from, to) where the person speaks, given each frame's level and the active
 * floor: from the first active frame with EDGE_ACTIVE_FRAMES active among the EDGE_WINDOW_FRAMES
 * after it to the last with as many before it (plus EDGE_MARGIN_FRAMES each side), less the middle
 * of each pause longer than MAX_PAUSE_FRAMES; all within `voice` (`withoutInstruments`); null when
 * no start is found.
 */
function speakingRanges(levelDb: readonly number[], floor: number, voice: { from: number; to: number }): [number, number][] | null {
  // activeBefore[f]: active frames among 0 … f − 1.
  const activeBefore = [0];
  levelDb.forEach((db, f) => activeBefore.push(activeBefore[f]! + (db > floor ? 1 : 0)));
  const activeIn = (from: number, to: number) => activeBefore[Math.min(to, levelDb.length)]! - activeBefore[Math.max(from, 0)]!;
  const isEdge = (f: number, from: number, to: number) => levelDb[f]! > floor && activeIn(from, to) >= EDGE_ACTIVE_FRAMES;
  const first = levelDb.findIndex((_, f) => f >= voice.from && f < voice.to && isEdge(f, f, Math.min(voice.to, f + EDGE_WINDOW_FRAMES)));
  if (first < 0) return null;
  const last = levelDb.findLastIndex((_, f) => f < voice.to && isEdge(f, Math.max(voice.from, f + 1 - EDGE_WINDOW_FRAMES), f + 1));
  const ranges: [number, number][] = [];
  let start = Math.max(0, first - EDGE_MARGIN_FRAMES);
  for (let f = first; f <= last; ) {
    let end = f;
    while (end <= last && levelDb[end]! <= floor) end++;
    if (end - f > MAX_PAUSE_FRAMES) {
      const half = MAX_PAUSE_FRAMES >> 1;
      ranges.push([start, f + half]);
      start = end - (MAX_PAUSE_FRAMES - half);
    }
    f = Math.max(end, f + 1);
  }
  ranges.push([start, Math.min(levelDb.length, last + EDGE_MARGIN_FRAMES + 1)]);
  return ranges;
}

/**
 * The samples where the person speaks (`speakingRanges`; active: within ACTIVE_RANGE_DB of the
 * reference). Silence or room tone before they start and after they stop (a recording started
 * early, stopped late) is not how they speak, yet it lowered `activeFraction` and the reference
 * level: with 1.5 s of silence on each end the speech answer changed on 55 of our 168 clips
 * (docs/speech.md, "Silence before and after"); nor is a long break between sentences, which a
 * recording of several sentences has and our one-sentence clips do not. The whole of `pcm` when no
 * start is found.
 */
function speechSpan(pcm: Float32Array): { pcm: Float32Array; voiceSpanSec?: VoiceSpan } {
  const frame = new Float64Array(FRAME);
  const levelDb = Array.from({ length: frameCount(pcm) }, (_, f) => windowedLevelDb(pcm, f, frame));
  if (levelDb.length === 0) return { pcm };
  const floor = referenceLevelDb(levelDb) - ACTIVE_RANGE_DB;
  const pitched = pitchedFrames(pcm, levelDb.flatMap((db, f) => (db > floor ? [f] : [])));
  const heard = voiceAndInstruments(pitched);
  const voice = heard ? withoutInstruments(levelDb, floor, new Set(pitched.map((p) => p.f)), heard) : { from: 0, to: levelDb.length };
  const cut = voice.from > 0 || voice.to < levelDb.length;
  const voiceSpanSec = cut ? { from: (voice.from * HOP) / SPEECH_SAMPLE_RATE, to: ((voice.to - 1) * HOP + FRAME) / SPEECH_SAMPLE_RATE } : undefined;
  const ranges = speakingRanges(levelDb, floor, voice);
  if (!ranges) return { pcm };
  // Each range is whole frames of HOP samples; the last keeps its last frame's full window.
  const parts = ranges.map(([from, to], i) => pcm.subarray(from * HOP, i === ranges.length - 1 ? (to - 1) * HOP + FRAME : to * HOP));
  let out = parts[0]!;
  if (parts.length > 1) {
    out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  }
  return { pcm: out, ...(voiceSpanSec && { voiceSpanSec }) };
}

/** Per-frame level (dBFS), zero-crossing rate, spectral centroid (Hz) and MFCCs of every frame. */
function frameMeasures(pcm: Float32Array, frames: number) {
  const levelDb: number[] = [];
  const zcr: number[] = [];
  const centroid: number[] = [];
  const cepstra: Float64Array[] = [];
  const frame = new Float64Array(FRAME);
  for (let f = 0; f < frames; f++) {
    levelDb.push(windowedLevelDb(pcm, f, frame));
    let crossings = 0;
    for (let i = 1; i < FRAME; i++) if (Math.sign(frame[i]!) !== Math.sign(frame[i - 1]!)) crossings++;
    zcr.push(crossings / (FRAME - 1));
    const spectrum = powerSpectrum(frame, FFT_SIZE);
    let total = 0;
    let moment = 0;
    spectrum.forEach((p, k) => {
      total += p;
      moment += p * k;
    });
    centroid.push(total > 0 ? (moment / total) * (SPEECH_SAMPLE_RATE / FFT_SIZE) : 0);
    cepstra.push(mfccOf(spectrum));
  }
  return { levelDb, zcr, centroid, cepstra };
}

/** The frames of `frames` that YIN finds a pitch in (70–400 Hz), with it in semitones above 100 Hz. */
function pitchedFrames(pcm: Float32Array, frames: readonly number[]): PitchedFrame[] {
  return frames.flatMap((f) => {
    const hz = yinPitchHz(pcm, f * HOP, PITCH);
    return hz === null ? [] : [{ f, semitones: 12 * Math.log2(hz / 100) }];
  });
}

/** Pitch statistics of the active frames: median, spread around it, glide rate, pitched fraction. */
function pitchFeatures(pcm: Float32Array, active: readonly number[]): { stats: number[]; fraction: number; pitched: PitchedFrame[] } {
  const pitched = pitchedFrames(pcm, active);
  const fraction = pitched.length / active.length;
  if (pitched.length < 4) return { stats: [0, 0, 0, 0, 0, 0], fraction, pitched };
  const semitones = pitched.map((p) => p.semitones);
  const median = quantile(semitones, 0.5);
  const relative = semitones.map((s) => s - median);
  const glides = pitched.slice(1).flatMap((p, i) => {
    const step = p.semitones - pitched[i]!.semitones;
    return p.f === pitched[i]!.f + 1 && Math.abs(step) <= MAX_GLIDE_SEMITONES ? [step * FRAMES_PER_SEC] : [];
  });
  const [glideMean, glideStd] = glides.length > 0 ? [mean(glides), populationStd(glides)] : [0, 0];
  return { stats: [median, populationStd(relative), quantile(relative, 0.1), quantile(relative, 0.9), glideMean, glideStd], fraction, pitched };
}

/**
 * Tempo without the clip's length: syllable nuclei per second of active speech (peaks of the
 * 50 ms-smoothed level in pitched frames, each rising SYLLABLE_DIP_DB above the dip since the last
 * one, as in de Jong & Wempe 2009) and the mean length of uninterrupted pitched stretches (s).
 */
function tempoFeatures(levelDb: readonly number[], activeCount: number, pitchedFrames: Set<number>): number[] {
  const smooth = levelDb.map((_, f) => mean(levelDb.slice(Math.max(0, f - 2), f + 3)));
  let peaks = 0;
  let dip = Infinity;
  smooth.forEach((db, f) => {
    dip = Math.min(dip, db);
    const isPeak = pitchedFrames.has(f) && db >= (smooth[f - 1] ?? -Infinity) && db > (smooth[f + 1] ?? -Infinity);
    if (isPeak && db - dip >= SYLLABLE_DIP_DB) [peaks, dip] = [peaks + 1, db];
  });
  const runs: number[] = [];
  for (const f of [...pitchedFrames].sort((a, b) => a - b)) {
    if (pitchedFrames.has(f - 1)) runs[runs.length - 1]!++;
    else runs.push(1);
  }
  return [(peaks / activeCount) * FRAMES_PER_SEC, runs.length > 0 ? mean(runs) / FRAMES_PER_SEC : 0];
}

/**
 * The SPEECH_FEATURE_LENGTH statistics of mono 16 kHz `pcm`, or null when it holds no speech
 * (shorter than 0.1 s, or digital silence).
 */
export function speechFeatures(pcm: Float32Array): Float32Array | null {
  return heardSpeech(pcm)?.features ?? null;
}

/** speechFeatures, and the seconds of the active sound pitched as a voice is (voice-presence.ts), from one pitch track. */
function heardSpeech(whole: Float32Array): { features: Float32Array; spokenSec: number; voiceSpanSec?: VoiceSpan } | null {
  if (frameCount(whole) < 10) return null;
  const { pcm, voiceSpanSec } = speechSpan(whole);
  const frames = frameCount(pcm);
  if (frames < 10) return null;
  const { levelDb, zcr, centroid, cepstra } = frameMeasures(pcm, frames);
  const reference = referenceLevelDb(levelDb);
  if (reference < SILENCE_DBFS) return null;
  const active = levelDb.flatMap((db, f) => (db > reference - ACTIVE_RANGE_DB ? [f] : []));
  const over = (values: readonly number[]) => active.map((f) => values[f]!);
  const relativeLoudness = over(levelDb).map((db) => db - reference);
  const pitch = pitchFeatures(pcm, active);
  const tempo = tempoFeatures(levelDb, active.length, new Set(pitch.pitched.map((p) => p.f)));
  const coefficients = Array.from({ length: MFCC_COUNT }, (_, i) => cepstra.map((c) => c[i]!));
  const features = Float32Array.from([
    ...spread(relativeLoudness).slice(0, 4),
    ...spread(over(zcr)),
    ...spread(over(centroid)),
    ...pitch.stats,
    active.length / frames,
    pitch.fraction,
    ...tempo,
    ...coefficients.map((c) => populationStd(over(c))),
    ...coefficients.map((c) => populationStd(over(deltas(c)))),
  ]);
  return { features, spokenSec: spokenSeconds(pitch.pitched, FRAMES_PER_SEC), ...(voiceSpanSec && { voiceSpanSec }) };
}

/** speechFeatures of decoded audio: planar channels at `sampleRate`, mixed to mono and resampled. */
export function speechFeaturesOfAudio(channels: readonly Float32Array[], sampleRate: number): Float32Array | null {
  return speechFeatures(resample(mixToMono(channels), sampleRate, SPEECH_SAMPLE_RATE));
}

/**
 * What the speech model may hear of a soundtrack: its features, or null and why not (in words that
 * follow "No speech model for this clip: "); `overNoiseDb`: how far the voice stands above the
 * steady noise under it, when there was speech to measure (background-noise.ts).
 */
export type SpeechInput = ({ features: Float32Array; note: null } | { features: null; note: string }) & {
  overNoiseDb?: number;
  /** Seconds of the sound pitched as a voice is (voice-presence.ts): whether anyone speaks at all; absent when no sound was decoded. */
  spokenSec?: number;
  /**
   * Where a voice can be heard, with the pauses around it, when an instrument before it or after it
   * (a jingle, an outro) was cut off the speech (`withoutInstruments`): the speaker association
   * weighs the mouths only there, as the speech model hears only there. Absent when nothing was cut.
   */
  voiceSpanSec?: VoiceSpan;
};

/**
 * The speech model's input from decoded audio (the app's worker and the Node tools alike): none when
 * the soundtrack holds no speech, or when the voice stands too little above a steady noise under it
 * (background-noise.ts): noisy features read as another voice, and a third of the model's answers
 * turned under 10-dB noise while the face models' held (docs/speech.md, "Noise"); or when something
 * sounds under it without a pause in some band (music): the mixed voice read as another person's,
 * and the clip's answer fell to the general networks' (docs/speech.md, "Music under the voice").
 */
export function speechInputOfAudio(channels: readonly Float32Array[], sampleRate: number): SpeechInput {
  const pcm = resample(mixToMono(channels), sampleRate, SPEECH_SAMPLE_RATE);
  const heard = heardSpeech(pcm);
  if (!heard) return { features: null, note: 'its audio holds no speech', spokenSec: 0 };
  // What the voice check and the speaker association read, whatever the speech model is given.
  const { features, ...voice } = heard;
  const background = speechBackground(pcm);
  if (background === null) return { features, note: null, ...voice };
  const { overNoiseDb, steadiestBandDb } = background;
  if (overNoiseDb < NOISY_BELOW_DB) {
    return { features: null, note: `the voice stands only ${Math.round(overNoiseDb)} dB above the steady noise under it (traffic, a fan, wind), too little for the speech model, which learnt clean recordings`, overNoiseDb, ...voice };
  }
  if (steadiestBandDb < STEADY_BAND_BELOW_DB) {
    return { features: null, note: `music or another sound (a hum, an engine) plays without a pause in the soundtrack, and the speech model, which learnt voices alone, would hear it as part of a voice`, overNoiseDb, ...voice };
  }
  return { features, note: null, overNoiseDb, ...voice };
}
