/**
 * How far a voice stands above the steady noise under it (a street, a fan, a car, wind), for the
 * speech model: its features (pitch, loudness spread, MFCC spreads: speech-features.ts) were learnt
 * from clean recordings, and under noise they read as another voice. Pure, deterministic.
 *
 * Minimum statistics (after R. Martin, 2001), one number: per mel band, the level of the loud
 * 25-ms frames (95th percentile) over that of the quiet ones (5th); the median over bands. Speech
 * leaves every band quiet now and then — between words, and a band a vowel does not fill during a
 * fricative — so even continuous speech with no pause shows a wide range; a steady noise fills every
 * band all the time and narrows it. Broadband levels cannot tell "no pause" from "noise": a fluent
 * synthetic English voice read 21–52 dB there, as close as 10-dB noise under our clips (docs/speech.md).
 */
import { powerSpectrum } from './fft';
import { melEnergy, melFilterBank } from './mfcc';
import { quantile } from '../vector';

/** Mono at this rate (speech-features' SPEECH_SAMPLE_RATE): 25-ms frames every 10 ms, mel bands up to 8 kHz. */
const SAMPLE_RATE = 16000;
const FRAME = 400;
const HOP = 160;
const FFT_SIZE = 512;
const BANDS = 12;
const LOUD = 0.95;
const QUIET = 0.05;
/** Fewer frames than this (0.3 s) hold too few quiet moments to measure. */
const MIN_FRAMES = 30;

/**
 * Below this many dB the speech model is left out: steady noise 10 dB under our clips' level reads
 * 9–25 dB and turned a third of the speech model's answers (those clips 14–24); gusting wind
 * (brown noise 5 dB under) and pink noise 20 dB under turned answers up to 31 and 33.5; clean
 * recordings of ours, a fluent synthetic voice with no pause, 8-kHz, echoing and humming copies read
 * 42.5 or more (docs/speech.md, "Noise").
 */
export const NOISY_BELOW_DB = 32;

/**
 * A band whose loud frames are more than this under the loudest band's is not judged: the voice
 * hardly uses it (a low-pass or 8-kHz file's empty bands, the hiss over 6 kHz of our camera's
 * recordings), and what sounds there faintly is not what the speech model mishears. At 40 dB the hiss
 * of a compressed or phone-thinned voice was judged (2 of 14 such copies gated); at 30, music 40 dB
 * under a voice that leaves its lowest band nearly empty (docs/speech.md, "Music under the voice").
 */
const LIVE_BAND_DB = 20;

/**
 * Below this many dB in the steadiest band, something sounds under the voice without pause and the
 * speech model is left out: speechInputOfAudio. Our 168 clips read 39.3 or more (as a phone's
 * compressed or thinned voice 32.0 / 37.5), music 10 dB under them 27.4 at most (docs/speech.md, "Music under the voice").
 */
export const STEADY_BAND_BELOW_DB = 27;

const filters = melFilterBank(BANDS, FFT_SIZE, SAMPLE_RATE);
const hann = Float64Array.from({ length: FRAME }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (FRAME - 1)));

/** Each mel band's level (dB) in the loud frames and its range down to the quiet ones; null for under 0.3 s. */
function bandRanges(pcm16k: Float32Array): { loud: number; range: number }[] | null {
  const frames = 1 + Math.floor((pcm16k.length - FRAME) / HOP);
  if (pcm16k.length < FRAME || frames < MIN_FRAMES) return null;
  const levels = filters.map(() => new Array<number>(frames));
  const frame = new Float64Array(FRAME);
  for (let f = 0; f < frames; f++) {
    for (let i = 0; i < FRAME; i++) frame[i] = pcm16k[f * HOP + i]! * hann[i]!;
    const spectrum = powerSpectrum(frame, FFT_SIZE);
    filters.forEach((filter, m) => {
      levels[m]![f] = 10 * Math.log10(melEnergy(filter, spectrum) + 1e-12);
    });
  }
  return levels.map((band) => {
    const loud = quantile(band, LOUD);
    return { loud, range: loud - quantile(band, QUIET) };
  });
}

/** What lies under a voice: how far it stands above steady noise, and how far its steadiest band ever falls. */
export interface SpeechBackground {
  /** The median band's range (dB): low under a steady noise that fills every band. */
  overNoiseDb: number;
  /**
   * The narrowest range (dB) of a band the sound fills (its loud frames within LIVE_BAND_DB of the
   * loudest band's): low when something sounds in that band without pause — music's held notes,
   * bass and beat under a voice.
   */
  steadiestBandDb: number;
}

/** The voice's background (see SpeechBackground); null for under 0.3 s. */
export function speechBackground(pcm16k: Float32Array): SpeechBackground | null {
  const bands = bandRanges(pcm16k);
  if (!bands) return null;
  const top = Math.max(...bands.map((b) => b.loud));
  const live = bands.filter((b) => b.loud > top - LIVE_BAND_DB);
  return { overNoiseDb: quantile(bands.map((b) => b.range), 0.5), steadiestBandDb: Math.min(...live.map((b) => b.range)) };
}
