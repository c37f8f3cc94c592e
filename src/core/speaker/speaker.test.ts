import { describe, expect, it } from 'vitest';
import { loudnessAt, loudnessEnvelope, voicedShare } from '../audio/loudness-envelope';
import { mouthOpening } from './mouth-opening';
import { associateSpeaker, pearson, speakerScore } from './speaker-association';

const RATE = 8000;
/** A 200 Hz tone switched on where `on(t)` holds, silence (tiny noise) elsewhere. */
function gatedTone(seconds: number, on: (t: number) => boolean): Float32Array {
  let seed = 1;
  return Float32Array.from({ length: seconds * RATE }, (_, i) => {
    seed = (seed * 16807) % 2147483647;
    const t = i / RATE;
    return (on(t) ? 0.3 * Math.sin(2 * Math.PI * 200 * t) : 0) + 1e-4 * (seed / 2147483647 - 0.5);
  });
}
/** Syllables: sound on for the first 0.3 s of every 0.5 s. */
const syllable = (t: number) => t % 0.5 < 0.3;

/** 68 landmarks of a schematic face with the inner lips `gap` apart (face length 1 from eyes to chin). */
function face(gap: number): number[] {
  const p = new Array<number>(136).fill(0.5);
  for (let i = 36; i < 48; i++) p[2 * i + 1] = 0.3; // eyes
  p[2 * 8 + 1] = 1.3; // chin
  for (const [top, bottom] of [[61, 67], [62, 66], [63, 65]] as const) {
    p[2 * top + 1] = 0.9 - gap / 2;
    p[2 * bottom + 1] = 0.9 + gap / 2;
  }
  return p;
}

describe('mouthOpening', () => {
  it('is the inner-lip gap over the eyes-to-chin length, whatever the scale', () => {
    expect(mouthOpening(face(0))).toBeCloseTo(0, 9);
    expect(mouthOpening(face(0.2))).toBeCloseTo(0.2, 9);
    expect(mouthOpening(face(0.2).map((v) => v * 37))).toBeCloseTo(0.2, 9);
    expect(() => mouthOpening([1, 2])).toThrow(TypeError);
  });
});

describe('loudness envelope', () => {
  it('follows the sound on and off, in dB', () => {
    const env = loudnessEnvelope([gatedTone(2, syllable)], RATE);
    expect(env.hopSec).toBeCloseTo(0.05, 6);
    expect(env.db.length).toBe(40);
    const on = loudnessAt(env, 0.15, 0.05);
    const off = loudnessAt(env, 0.42, 0.02);
    expect(on).toBeGreaterThan(-15); // 0.3 amplitude sine ≈ −13.5 dBFS
    expect(off).toBeLessThan(-60);
    expect(voicedShare(env)).toBeGreaterThan(0.4);
    expect(voicedShare(loudnessEnvelope([new Float32Array(RATE)], RATE))).toBe(0);
  });
});

describe('associateSpeaker', () => {
  const env = loudnessEnvelope([gatedTone(4, syllable)], RATE);
  const times = Array.from({ length: 20 }, (_, i) => i * 0.2); // 5 fps
  const speaking = { trackId: 1, tSec: times, mouth: times.map((t) => (syllable(t) ? 0.25 : 0.02)) };
  const still = { trackId: 2, tSec: times, mouth: times.map(() => 0.05) };
  const offBeat = { trackId: 3, tSec: times, mouth: times.map((t) => (syllable(t) ? 0.02 : 0.25)) };

  it('credits the voice to the mouth that moves with it', () => {
    const out = associateSpeaker([still, speaking, offBeat], env);
    expect(out.trackId).toBe(1);
    expect(out.score).toBeGreaterThan(0.7);
    expect(out.scores.find((s) => s.trackId === 2)!.score).toBe(0);
    expect(out.scores.find((s) => s.trackId === 3)!.score).toBeLessThan(0);
  });

  it('credits a lone moving mouth, and nobody when mouths compete and none moves with the voice', () => {
    // One moving mouth: at 5 fps the timing is not decisive, a moving mouth beside still ones is.
    expect(associateSpeaker([still, offBeat], env).trackId).toBe(3);
    const offBeat2 = { ...offBeat, trackId: 5, mouth: offBeat.mouth.map((m, i) => m + (i % 3) * 0.01) };
    expect(associateSpeaker([still, offBeat, offBeat2], env).trackId).toBeNull();
    expect(associateSpeaker([still], env)).toMatchObject({ trackId: null, score: 0 });
    expect(associateSpeaker([speaking], loudnessEnvelope([new Float32Array(4 * RATE)], RATE))).toMatchObject({ trackId: null, score: 0 });
    expect(associateSpeaker([], env)).toEqual({ trackId: null, score: 0, scores: [] });
  });

  it('needs enough frames', () => {
    const short = { trackId: 4, tSec: times.slice(0, 3), mouth: speaking.mouth.slice(0, 3) };
    expect(speakerScore(short, env)).toBe(0);
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 1, 1], [2, 4, 6])).toBe(0);
  });
});
