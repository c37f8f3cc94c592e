import { describe, expect, it } from 'vitest';
import { powerSpectrum } from './fft';
import { createMfcc, deltas, melFilterBank } from './mfcc';
import { yinPitchHz } from './pitch';
import { mixToMono, resample } from './resample';
import { NOISY_BELOW_DB, speechBackground, STEADY_BAND_BELOW_DB } from './background-noise';
import { spokenSeconds, voiceAndInstruments } from './voice-presence';
import { createRng } from '../random';
import { SPEECH_FEATURE_LENGTH, SPEECH_FEATURE_NAMES, SPEECH_SAMPLE_RATE, speechFeatures, speechFeaturesOfAudio, speechInputOfAudio } from './speech-features';

/** A harmonic tone (fundamental + 2 overtones, like a voiced vowel) of `seconds` at `rate`; `f0` may glide. */
function tone(f0: number | ((t: number) => number), seconds: number, rate = SPEECH_SAMPLE_RATE, amplitude = 0.1): Float32Array {
  const hz = typeof f0 === 'number' ? () => f0 : f0;
  let phase = 0;
  return Float32Array.from({ length: Math.round(seconds * rate) }, (_, i) => {
    phase += (2 * Math.PI * hz(i / rate)) / rate;
    return amplitude * (Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.25 * Math.sin(3 * phase));
  });
}
const feature = (f: Float32Array, name: string) => f[SPEECH_FEATURE_NAMES.indexOf(name)]!;
const rms = (x: Float32Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);
const concat = (parts: Float32Array[]) => {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
};
/** A syllable: `tone` with 50 ms raised-cosine on- and offsets (speech does not start with a click). */
const syllable = (...args: Parameters<typeof tone>) => {
  const x = tone(...args);
  const ramp = 0.05 * SPEECH_SAMPLE_RATE;
  return x.map((v, i) => v * Math.min(1, 0.5 - 0.5 * Math.cos((Math.PI * Math.min(i, x.length - 1 - i)) / ramp)));
};
/**
 * A made-up "sentence" of 1.41 s (141 frame hops) over a faint noise floor: three syllables at
 * different pitches and levels, with pauses, starting and ending in a pause.
 */
function sentence(seed = 11): Float32Array {
  const voice = concat([new Float32Array(1000), syllable(180, 0.3), new Float32Array(1600), syllable((t) => 220 - 60 * t, 0.4, SPEECH_SAMPLE_RATE, 0.05), new Float32Array(2400), syllable(150, 0.25, SPEECH_SAMPLE_RATE, 0.2), new Float32Array(2360)]);
  return voice.map((v) => v + ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 0.002);
}

describe('fft', () => {
  it('puts a cosine at its bin with the power of its amplitude, and rejects other sizes', () => {
    const n = 64;
    const spectrum = powerSpectrum(Array.from({ length: n }, (_, i) => Math.cos((2 * Math.PI * 5 * i) / n)), n);
    expect(spectrum.indexOf(Math.max(...spectrum))).toBe(5);
    expect(spectrum[5]).toBeCloseTo((n / 2) ** 2, 6);
    expect(spectrum[0]).toBeCloseTo(0, 9);
    expect([...powerSpectrum([1], 8)]).toEqual(new Array(5).fill(1)); // an impulse is flat
    expect(() => powerSpectrum([1, 2], 6)).toThrow(RangeError);
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

  it('gives what each output computing its own kernel gives, at whole and odd rates and at the ends', () => {
    // The windowed sinc written out per output, as resample.ts did before its kernels were tabled.
    const direct = (x: Float32Array, from: number, to: number) => {
      const ratio = to / from;
      const cutoff = Math.min(1, ratio);
      const half = Math.ceil(16 / cutoff);
      return Float32Array.from({ length: Math.floor(x.length * ratio) }, (_, j) => {
        const centre = (j * from) / to;
        let [sum, total] = [0, 0];
        for (let i = Math.max(0, Math.ceil(centre - half)); i <= Math.min(x.length - 1, Math.floor(centre + half)); i++) {
          const t = i - centre;
          const w = (t === 0 ? 1 : Math.sin(Math.PI * cutoff * t) / (Math.PI * cutoff * t)) * (0.5 + 0.5 * Math.cos((Math.PI * t) / (half + 1)));
          [sum, total] = [sum + x[i]! * w, total + w];
        }
        return total !== 0 ? sum / total : 0;
      });
    };
    const noise = Float32Array.from({ length: 4410 }, (_, i) => Math.sin(i * 12.9898) * 0.5 + Math.sin(i * 0.05) * 0.4);
    for (const [from, to] of [[48000, 16000], [44100, 16000], [22050, 16000], [8000, 16000], [44100.5, 16000]] as const) {
      const [ours, theirs] = [resample(noise, from, to), direct(noise, from, to)];
      expect(ours.length).toBe(theirs.length);
      expect(Math.max(...ours.map((v, i) => Math.abs(v - theirs[i]!)))).toBeLessThan(1e-6);
    }
  });
});

describe('mixToMono', () => {
  it('averages stereo channels, but keeps the voice when one channel is in opposite phase', () => {
    const voice = tone(220, 0.5);
    const inverted = voice.map((v) => -v);
    const other = tone(330, 0.5);
    expect(rms(mixToMono([voice, inverted]))).toBeCloseTo(rms(voice), 6);
    expect(rms(mixToMono([voice.map((v) => v * 0.5), inverted]))).toBeCloseTo(rms(voice), 6);
    // Two different voices, one per channel, are mixed as before (their mean is half as loud, not silent).
    const mixed = mixToMono([voice, other]);
    expect(mixed[10]).toBeCloseTo((voice[10]! + other[10]!) / 2, 6);
    expect([...mixToMono([new Float32Array(4), new Float32Array(4)])]).toEqual([0, 0, 0, 0]);
  });
});

describe('mfcc', () => {
  it('moves only MFCC0 when the level changes, and deltas follow a ramp', () => {
    const mfcc = createMfcc(melFilterBank(26, 512, SPEECH_SAMPLE_RATE), 13);
    const spectrum = powerSpectrum(tone(200, 0.025), 512);
    const [quiet, loud] = [mfcc(spectrum), mfcc(spectrum.map((p) => p * 16))];
    expect(loud[0]! - quiet[0]!).toBeCloseTo(26 * Math.log(16), 6);
    for (let i = 1; i < 13; i++) expect(loud[i]).toBeCloseTo(quiet[i]!, 6);
    expect(deltas([0, 1, 2, 3, 4, 5, 6]).slice(2, 5)).toEqual([1, 1, 1]);
  });
});

describe('yinPitchHz', () => {
  const settings = { sampleRate: SPEECH_SAMPLE_RATE, minHz: 70, maxHz: 400, window: 512, threshold: 0.15 };
  it('finds a low voice with a strong overtone, where a lag-biased autocorrelation would pick the overtone', () => {
    // 80 Hz with its 2nd harmonic twice as strong as the fundamental.
    const x = Float32Array.from({ length: 4000 }, (_, i) => 0.05 * Math.sin((2 * Math.PI * 80 * i) / 16000) + 0.1 * Math.sin((2 * Math.PI * 160 * i) / 16000));
    expect(yinPitchHz(x, 0, settings)).toBeCloseTo(80, 0);
    expect(yinPitchHz(tone(237, 0.1), 0, settings)).toBeCloseTo(237, 0);
  });
  it('answers null for noise, and past the end of the signal', () => {
    let seed = 7;
    const noise = Float32Array.from({ length: 4000 }, () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 0.1);
    expect(yinPitchHz(noise, 0, settings)).toBeNull();
    expect(yinPitchHz(tone(200, 0.1), 1200, settings)).toBeNull();
  });
});

describe('speechFeatures', () => {
  it('reads the pitch, its glide and the activity of a voiced tone', () => {
    const f = speechFeatures(tone(200, 2))!;
    expect(f).toHaveLength(SPEECH_FEATURE_LENGTH);
    expect(feature(f, 'pitchSemitones.median')).toBeCloseTo(12, 1); // 200 Hz = one octave above 100 Hz
    expect(feature(f, 'relativePitchSemitones.std')).toBeLessThan(0.05);
    expect(feature(f, 'activeFraction')).toBeGreaterThan(0.95);
    expect(feature(f, 'pitchedFraction')).toBeGreaterThan(0.9);
    const higher = speechFeatures(tone(300, 2))!;
    expect(feature(higher, 'pitchSemitones.median')).toBeCloseTo(12 * Math.log2(3), 1);
    expect(feature(higher, 'spectralCentroidHz.mean')).toBeGreaterThan(feature(f, 'spectralCentroidHz.mean'));
    // One octave up over 2 s: 6 semitones per second, spread ±6 semitones around the median.
    const rising = speechFeatures(tone((t) => 150 * 2 ** (t / 2), 2))!;
    expect(feature(rising, 'pitchGlideSemitonesPerSec.mean')).toBeCloseTo(6, 0);
    expect(feature(rising, 'relativePitchSemitones.p90') - feature(rising, 'relativePitchSemitones.p10')).toBeCloseTo(0.8 * 12, 0);
  });

  it('gives the same features at any gain and for any number of repeats (no level, no length)', () => {
    const x = sentence();
    const once = speechFeatures(x)!;
    const quieter = speechFeatures(x.map((v) => v / 4))!; // −12 dB
    // Twelve takes (17 s) against six, each on the same 10 ms grid as the first (ffmpeg loops of
    // real clips, whose grid shifts from take to take, are in src/node/speech-invariance.test.ts).
    // Not against the one take: its pauses before the first word and after the last are trimmed
    // (the recording's, not the speaker's), while a loop keeps those between its takes.
    const takes = (n: number) => speechFeatures(concat(new Array<Float32Array>(n).fill(x)))!;
    const [six, looped] = [takes(6), takes(12)];
    SPEECH_FEATURE_NAMES.forEach((name, k) => {
      expect(Math.abs(quieter[k]! - once[k]!), name).toBeLessThanOrEqual(1e-4 * Math.abs(once[k]!) + 1e-4);
      expect(Math.abs(looped[k]! - six[k]!), name).toBeLessThanOrEqual(0.02 * Math.abs(six[k]!) + 0.01);
    });
  });

  it('hears the speech, not the silence or room tone before and after it, nor a click there', () => {
    const x = sentence();
    const once = speechFeatures(x)!;
    // A recording started 1.5 s early and stopped 1.5 s late: digital silence, then the sentence's
    // own faint noise floor; and a 20 ms knock half a second before the first word. Before version 3
    // the silence moved activeFraction from 0.55 to 0.18 and the relative loudness with it.
    const rng = createRng(5);
    const floor = (seconds: number) => Float32Array.from({ length: seconds * SPEECH_SAMPLE_RATE }, () => (rng.next() - 0.5) * 0.002);
    const knock = Float32Array.from({ length: 320 }, (_, i) => 0.3 * Math.sin(i / 3) * Math.exp(-i / 80));
    const silent = new Float32Array(1.5 * SPEECH_SAMPLE_RATE);
    const variants = {
      silence: concat([silent, x, silent]),
      'room tone': concat([floor(1.5), x, floor(1.5)]),
      knock: concat([floor(0.5), knock, floor(0.5), x, floor(1)]),
    };
    for (const [what, padded] of Object.entries(variants)) {
      const f = speechFeatures(padded)!;
      SPEECH_FEATURE_NAMES.forEach((name, k) => {
        expect(Math.abs(f[k]! - once[k]!), `${what}: ${name}`).toBeLessThanOrEqual(0.02 * Math.abs(once[k]!) + 0.01);
      });
    }
  });

  it('hears a long break between sentences as a pause of half a second, however long it is', () => {
    // Several sentences with breaths between them, as in any recording longer than one sentence:
    // 2 s or 5 s of silence between takes reads as the same speech as 0.5 s.
    const x = sentence();
    const apart = (seconds: number) => speechFeatures(concat([x, new Float32Array(seconds * SPEECH_SAMPLE_RATE), x, new Float32Array(seconds * SPEECH_SAMPLE_RATE), x]))!;
    const [half, two, five] = [apart(0.5), apart(2), apart(5)];
    SPEECH_FEATURE_NAMES.forEach((name, k) => {
      expect(Math.abs(two[k]! - half[k]!), `2 s: ${name}`).toBeLessThanOrEqual(0.02 * Math.abs(half[k]!) + 0.01);
      expect(Math.abs(five[k]! - half[k]!), `5 s: ${name}`).toBeLessThanOrEqual(0.02 * Math.abs(half[k]!) + 0.01);
    });
  });

  it('gives the same features from 44.1 kHz stereo as from the 16 kHz tone', () => {
    const stereo = tone(200, 2, 44100);
    const f = speechFeaturesOfAudio([stereo, stereo], 44100)!;
    const reference = speechFeatures(tone(200, 2))!;
    expect(feature(f, 'pitchSemitones.median')).toBeCloseTo(12, 1);
    expect(feature(f, 'spectralCentroidHz.mean') / feature(reference, 'spectralCentroidHz.mean')).toBeCloseTo(1, 2);
  });

  it('answers null for silence and for clips too short to measure', () => {
    expect(speechFeatures(new Float32Array(SPEECH_SAMPLE_RATE))).toBeNull();
    expect(speechFeatures(tone(200, 0.05))).toBeNull();
  });
});

describe('speechBackground (background-noise.ts)', () => {
  const noise = (seconds: number, amplitude: number, seed = 1) => {
    const rng = createRng(seed);
    return Float32Array.from({ length: Math.round(seconds * SPEECH_SAMPLE_RATE) }, () => amplitude * (2 * rng.next() - 1));
  };
  const mix = (a: Float32Array, b: Float32Array) => a.map((v, i) => v + (b[i] ?? 0));
  /** A voiced syllable as the glottis makes it: every harmonic of `f0` up to 7 kHz (a pulse train fills every band), 50-ms ramps. */
  const buzz = (f0: number, seconds: number) => {
    const n = Math.round(seconds * SPEECH_SAMPLE_RATE);
    const harmonics = Math.floor(7000 / f0);
    return Float32Array.from({ length: n }, (_, i) => {
      let v = 0;
      for (let k = 1; k <= harmonics; k++) v += Math.sin((2 * Math.PI * k * f0 * i) / SPEECH_SAMPLE_RATE) / k;
      return 0.05 * v * Math.min(1, Math.min(i, n - 1 - i) / (0.05 * SPEECH_SAMPLE_RATE));
    });
  };
  /** Three syllables with pauses (1.5 s). */
  const voice = () => concat([new Float32Array(1600), buzz(180, 0.3), new Float32Array(2400), buzz(140, 0.4), new Float32Array(1600), buzz(220, 0.25), new Float32Array(2400)]);

  it('reads a voice with pauses as far above a quiet background, and the same voice under steady noise as close to it', () => {
    const x = voice();
    const clean = speechBackground(mix(x, noise(x.length / SPEECH_SAMPLE_RATE, 1e-4)))!.overNoiseDb;
    const noisy = speechBackground(mix(x, noise(x.length / SPEECH_SAMPLE_RATE, rms(x))))!.overNoiseDb;
    expect(clean).toBeGreaterThan(NOISY_BELOW_DB + 15);
    expect(noisy).toBeLessThan(NOISY_BELOW_DB);
  });

  it('reads noise alone as no voice above it, and answers null under 0.3 s', () => {
    expect(speechBackground(noise(2, 0.1))!.overNoiseDb).toBeLessThan(10);
    expect(speechBackground(noise(0.2, 0.1))).toBeNull();
  });

  /** Held chords without a pause (A then F major, 0.75 s each: three notes with two overtones each). */
  const chords = (seconds: number, amplitude: number) =>
    Float32Array.from({ length: Math.round(seconds * SPEECH_SAMPLE_RATE) }, (_, i) => {
      const t = i / SPEECH_SAMPLE_RATE;
      const root = Math.floor(t / 0.75) % 2 === 0 ? 220 : 174.6;
      let v = 0;
      for (const ratio of [1, 1.26, 1.498]) for (const k of [1, 2, 3]) v += Math.sin(2 * Math.PI * k * ratio * root * t) / k;
      return amplitude * v;
    });

  it('reads music under a voice in its steadiest band, which the voice alone leaves quiet between words', () => {
    const x = voice();
    const clean = speechBackground(x)!;
    const withMusic = speechBackground(mix(x, chords(x.length / SPEECH_SAMPLE_RATE, 0.3 * rms(x))))!;
    expect(clean.steadiestBandDb).toBeGreaterThan(STEADY_BAND_BELOW_DB + 15);
    expect(withMusic.steadiestBandDb).toBeLessThan(STEADY_BAND_BELOW_DB);
    // Music is not steady noise: the median band still reads a clean voice.
    expect(withMusic.overNoiseDb).toBeGreaterThan(NOISY_BELOW_DB);
    expect(speechInputOfAudio([mix(x, chords(x.length / SPEECH_SAMPLE_RATE, 0.3 * rms(x)))], SPEECH_SAMPLE_RATE)).toMatchObject({ features: null, note: expect.stringMatching(/^music or another sound \(a hum, an engine\) plays without a pause in the soundtrack/) });
  });

  it('does not judge a band nothing sounds in (a recording cut at 4 kHz, over a faint floor): the voice there is clean', () => {
    // Above 4 kHz only a floor 70 dB under the voice: steady, as noise is, but not a sound of its own.
    const band = resample(resample(voice(), SPEECH_SAMPLE_RATE, 8000), 8000, SPEECH_SAMPLE_RATE);
    const cut = mix(band, noise(band.length / SPEECH_SAMPLE_RATE, 3e-4 * rms(band)));
    expect(speechBackground(cut)!.steadiestBandDb).toBeGreaterThan(STEADY_BAND_BELOW_DB + 15);
    expect(speechInputOfAudio([cut], SPEECH_SAMPLE_RATE).features).not.toBeNull();
  });

  it('leaves the speech model out under steady noise, with the reason in words', () => {
    const x = voice();
    const clean = speechInputOfAudio([x], SPEECH_SAMPLE_RATE);
    expect(clean.features).not.toBeNull();
    const noisy = speechInputOfAudio([mix(x, noise(x.length / SPEECH_SAMPLE_RATE, rms(x)))], SPEECH_SAMPLE_RATE);
    expect(noisy.features).toBeNull();
    expect(noisy.note).toMatch(/^the voice stands only -?\d+ dB above the steady noise under it/);
    expect(speechInputOfAudio([new Float32Array(SPEECH_SAMPLE_RATE)], SPEECH_SAMPLE_RATE)).toEqual({ features: null, note: 'its audio holds no speech', spokenSec: 0 });
  });
});

describe('spokenSeconds (voice-presence.ts)', () => {
  const frames = (from: number, semitones: number[]) => semitones.map((st, i) => ({ f: from + i, semitones: st }));
  const glide = (n: number, from: number, perFrame: number) => Array.from({ length: n }, (_, i) => from + i * perFrame);

  it('counts pitched stretches whose pitch moves, and not held notes, clicks or jumps', () => {
    // A 200 ms syllable gliding 3 semitones: 0.2 s. The same length held within a semitone: a note, 0 s.
    expect(spokenSeconds(frames(0, glide(20, 0, 0.15)), 100)).toBeCloseTo(0.2, 9);
    expect(spokenSeconds(frames(0, glide(20, 0, 0.04)), 100)).toBe(0);
    // Under 150 ms, a flat stretch is too short to call a note (a syllable said on one pitch).
    expect(spokenSeconds(frames(0, glide(10, 0, 0)), 100)).toBeCloseTo(0.1, 9);
    // 4 frames: a click. A gap or a jump of 1.5 semitones or more starts a new stretch.
    expect(spokenSeconds(frames(0, glide(4, 0, 0.3)), 100)).toBe(0);
    expect(spokenSeconds([...frames(0, glide(10, 0, 0)), ...frames(10, glide(10, 2, 0))], 100)).toBeCloseTo(0.2, 9);
    expect(spokenSeconds([...frames(0, glide(10, 0, 0)), ...frames(11, glide(10, 0.5, 0))], 100)).toBeCloseTo(0.2, 9);
    expect(spokenSeconds([...frames(0, glide(10, 0, 0)), ...frames(10, glide(10, 0.5, 0))], 100)).toBe(0); // one held note of 200 ms
    // A sweep of 1 semitone a frame (100 per second: a tuned kick drum's fall), not intonation's pace.
    expect(spokenSeconds(frames(0, glide(12, 20, -1)), 100)).toBe(0);
    expect(spokenSeconds(frames(0, glide(12, 20, -0.5)), 100)).toBeCloseTo(0.12, 9);
  });

  /** Syllables of 0.2–0.3 s whose pitch rises or falls 2–4 semitones (intonation), with pauses. */
  const spoken = () => concat([new Float32Array(1600), syllable((t) => 160 * 2 ** ((3 * t) / 12 / 0.3), 0.3), new Float32Array(2000), syllable((t) => 230 * 2 ** ((-4 * t) / 12 / 0.25), 0.25), new Float32Array(2000), syllable((t) => 190 * 2 ** ((2 * t) / 12 / 0.2), 0.2), new Float32Array(1600)]);
  /** A melody of held notes without a pause (0.4 s each), and chords under it. */
  const melody = () => concat([220, 247, 262, 294, 262, 247].map((hz) => tone(hz, 0.4)));
  /** `x` with a held G major chord under it, each note at `amplitude`. */
  const chordsUnder = (x: Float32Array, amplitude = 0.05) => x.map((v, i) => v + [1, 1.26, 1.498].reduce((sum, r) => sum + amplitude * Math.sin((2 * Math.PI * 196 * r * i) / SPEECH_SAMPLE_RATE), 0));

  /** A tuned kick drum (an 808) on every beat at 120 bpm: its pitch falls from 150 Hz to 50 Hz as it fades. */
  const kicks = (seconds: number) =>
    Float32Array.from({ length: seconds * SPEECH_SAMPLE_RATE }, (_, i) => {
      const t = (i / SPEECH_SAMPLE_RATE) % 0.5;
      return 0.5 * Math.sin(2 * Math.PI * (50 * t + (100 / 12) * (1 - Math.exp(-12 * t)))) * Math.exp(-4 * t);
    });

  it('hears no voice in a tuned kick drum, whose pitch sweeps down faster than speech glides', () => {
    expect(speechInputOfAudio([kicks(4)], SPEECH_SAMPLE_RATE).spokenSec).toBeLessThan(0.1);
  });

  it('hears a voice in gliding syllables, and none in a melody of held notes or in chords', () => {
    const voice = speechInputOfAudio([spoken()], SPEECH_SAMPLE_RATE).spokenSec!;
    expect(voice).toBeGreaterThan(0.5);
    expect(speechInputOfAudio([melody()], SPEECH_SAMPLE_RATE).spokenSec).toBeLessThan(0.1);
    expect(speechInputOfAudio([chordsUnder(new Float32Array(2 * SPEECH_SAMPLE_RATE))], SPEECH_SAMPLE_RATE).spokenSec).toBeLessThan(0.1);
    // The voice with the chords 10 dB under it (mean levels) is still heard: the speech model may be left out for them, the speaker is not.
    const under = chordsUnder(spoken(), (0.32 * rms(spoken())) / Math.sqrt(1.5));
    expect(speechInputOfAudio([under], SPEECH_SAMPLE_RATE).spokenSec).toBeGreaterThan(0.5 * voice);
  });

  it('finds where the voice starts and ends, and which frames are an instrument (voiceAndInstruments)', () => {
    // A held note of 200 ms (frames 0–19), a pause, a gliding syllable (frames 40–59).
    const found = voiceAndInstruments([...frames(0, glide(20, 0, 0)), ...frames(40, glide(20, 3, 0.15))]);
    expect(found).toMatchObject({ first: 40, last: 59 });
    expect(found!.instrument).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(voiceAndInstruments(frames(0, glide(30, 0, 0)))).toBeNull();
  });

  it('leaves a jingle before the voice, or an outro after it, out of the speech (version 5), with a pause between, and says where the voice is', () => {
    const alone = speechInputOfAudio([spoken()], SPEECH_SAMPLE_RATE);
    const pause = new Float32Array(0.3 * SPEECH_SAMPLE_RATE);
    const jingle = concat([melody(), melody(), pause, spoken()]); // 4.8 s of held notes
    const outro = concat([spoken(), pause, melody(), melody()]);
    const unpitched = concat([chordsUnder(new Float32Array(3 * SPEECH_SAMPLE_RATE)), pause, spoken()]);
    // The voice's span keeps the pause and the spoken part's own silence (0.1 s each end).
    for (const [name, x, from, to] of [['jingle', jingle, 4.8, 6.3], ['outro', outro, 0, 1.5], ['chords before', unpitched, 3, 4.5]] as const) {
      const heard = speechInputOfAudio([x], SPEECH_SAMPLE_RATE);
      SPEECH_FEATURE_NAMES.forEach((f, k) => expect(heard.features![k], `${name}: ${f}`).toBeCloseTo(alone.features![k]!, 4));
      expect(heard.voiceSpanSec!.from, name).toBeCloseTo(from, 1);
      expect(heard.voiceSpanSec!.to, name).toBeCloseTo(to, 1);
    }
    expect(alone.voiceSpanSec).toBeUndefined();
    // Music straight into the voice, no pause: not cut (nothing tells where the jingle ends).
    expect(speechInputOfAudio([concat([melody(), melody(), spoken().slice(1600)])], SPEECH_SAMPLE_RATE).voiceSpanSec).toBeUndefined();
  });
});
