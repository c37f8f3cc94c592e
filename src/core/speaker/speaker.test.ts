import { describe, expect, it } from 'vitest';
import { loudnessAt, loudnessEnvelope, voicedSeconds } from '../audio/loudness-envelope';
import { mouthOpening } from './mouth-opening';
import { associateSpeaker, mouthMoves, pearson, seriesWithin, speakerScore, DEFAULT_SPEAKER_CONFIG, type SpeakerConfig } from './speaker-association';
import { highPass, laggedCorrelation } from './lagged-correlation';
import { cameraShift, frameProfiles } from './camera-shift';
import { interpolateBox, mouthPixels, mouthRegion } from './mouth-pixels';
import type { GrayFrame } from '../gray-image';
import { schematicFace } from './test-face';

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
/** Syllables at 4 per second: sound on for the first 0.15 s of every 0.25 s. */
const syllable = (t: number) => t % 0.25 < 0.15;
/** Another speaker's syllables: 5 per second, a different rhythm. */
const otherSyllable = (t: number) => (t + 0.07) % 0.2 < 0.09;

describe('mouthOpening', () => {
  it('is the inner-lip gap over the eyes-to-chin length, whatever the scale', () => {
    expect(mouthOpening(schematicFace(0))).toBeCloseTo(0, 9);
    expect(mouthOpening(schematicFace(0.2))).toBeCloseTo(0.2, 9);
    expect(mouthOpening(schematicFace(0.2).map((v) => v * 37))).toBeCloseTo(0.2, 9);
    expect(() => mouthOpening([1, 2])).toThrow(TypeError);
  });
});

describe('mouth pixels', () => {
  it('places the lips in the frame from the square crop, with a margin', () => {
    // A 100×50 box: its square crop is 100×100 from y −25; lips x 0.4–0.6, y 0.85–0.95 of it.
    const r = mouthRegion({ x: 10, y: 20, w: 100, h: 50 }, schematicFace(0.05));
    expect(r.x).toBeCloseTo(10 + 40 - 0.15 * 20, 6);
    expect(r.w).toBeCloseTo(20 * 1.3, 6);
    expect(r.y + r.h / 2).toBeCloseTo(-5 + 90, 6);
    expect(interpolateBox({ x: 0, y: 0, w: 10, h: 10 }, { x: 10, y: 20, w: 20, h: 10 }, 0.5)).toEqual({ x: 5, y: 10, w: 15, h: 10 });
  });

  it('measures darkness and change in the region', () => {
    const frame = (v: (x: number, y: number) => number): GrayFrame => ({ tSec: 0, width: 8, height: 8, data: Uint8Array.from({ length: 64 }, (_, i) => v(i % 8, Math.floor(i / 8))) });
    const closed = frame(() => 200);
    const open = frame((x, y) => (y === 4 ? 20 : 200)); // a dark row: the gap between the lips
    const region = { x: 2, y: 2, w: 4, h: 4 };
    const a = mouthPixels(closed, region)!;
    const b = mouthPixels(open, region, closed)!;
    expect(a).toMatchObject({ mean: 200, profileStd: 0, motion: 0, centerMotion: 0 });
    expect(b.mean).toBeCloseTo(200 - 180 / 4, 9);
    expect(b.profileStd).toBeGreaterThan(70);
    expect(b.motion).toBeCloseTo(180 / 4, 9);
    expect(b.centerMotion).toBeCloseTo(180 / 2, 9); // the gap's row is one of the central half's two
    expect(b.upperMotion).toBe(0);
    expect(mouthPixels(closed, { x: 7.6, y: 0, w: 3, h: 3 })).toBeNull(); // outside the frame
  });

  it('undoes a shaking camera’s shift of the whole picture, not a head’s own motion, and keeps the lips’ change', () => {
    // A textured scene: every pixel differs from its neighbours, as skin, hair and a room do.
    const texture = (x: number, y: number) => (((x * 73856093) ^ (y * 19349663)) >>> 0) % 200;
    const frame = (v: (x: number, y: number) => number): GrayFrame => ({ tSec: 0, width: 80, height: 80, data: Uint8Array.from({ length: 6400 }, (_, i) => v(i % 80, Math.floor(i / 80))) });
    const before = frame(texture);
    const face = { x: 25, y: 30, w: 30, h: 30 };
    const region = { x: 30, y: 44, w: 20, h: 12 };
    const inFace = (x: number, y: number) => x >= face.x && x < face.x + face.w && y >= face.y && y < face.y + face.h;
    // The camera moved 3 px right and 2 up: every pixel changed, the mouth did not.
    const shakenFrame = frame((x, y) => texture(x - 3, y + 2));
    const shift = cameraShift(frameProfiles(shakenFrame, [face]), frameProfiles(before, [face]));
    expect(shift).toEqual({ dx: -3, dy: 2 });
    const shaken = mouthPixels(shakenFrame, region, before, shift)!;
    expect(shaken.centerMotion).toBeGreaterThan(40);
    expect(shaken.steadyMotion).toBe(0);
    // The head moved, the camera did not: nothing outside the face moved, so nothing is undone.
    const nodding = frame((x, y) => (inFace(x, y) ? texture(x, y + 2) : texture(x, y)));
    expect(cameraShift(frameProfiles(nodding, [face]), frameProfiles(before, [face]))).toEqual({ dx: 0, dy: 0 });
    // The lips part (a dark row across the centre) while the camera shakes: what is left is the lips' change.
    const both = mouthPixels(frame((x, y) => (y === 48 ? 20 : texture(x - 3, y + 2))), region, before, shift)!;
    expect(both.steadyMotion).toBeGreaterThan(10);
    expect(both.steadyMotion).toBeLessThan(both.centerMotion / 2);
    // A still camera: the measure is the central half's change itself.
    const speaking = mouthPixels(frame((x, y) => (y === 50 ? 20 : texture(x, y))), region, before, { dx: 0, dy: 0 })!;
    expect(speaking.steadyMotion).toBe(speaking.centerMotion);
  });
});

describe('loudness envelope', () => {
  it('follows the sound on and off, in dB', () => {
    const env = loudnessEnvelope([gatedTone(2, (t) => t % 0.5 < 0.3)], RATE);
    expect(env.hopSec).toBeCloseTo(0.05, 6);
    expect(env.db.length).toBe(40);
    expect(loudnessAt(env, 0.15, 0.05)).toBeGreaterThan(-15); // 0.3 amplitude sine ≈ −13.5 dBFS
    expect(loudnessAt(env, 0.42, 0.02)).toBeLessThan(-60);
    expect(voicedSeconds(env)).toBeGreaterThan(0.8); // 1.2 s of tone in 2 s
    expect(voicedSeconds(loudnessEnvelope([new Float32Array(RATE)], RATE))).toBe(0);
    // The same tone and 30 s of silence after it: as many voiced seconds (a share of the clip was 4 %).
    const longer = new Float32Array(32 * RATE);
    longer.set(gatedTone(2, (t) => t % 0.5 < 0.3));
    expect(voicedSeconds(loudnessEnvelope([longer], RATE))).toBeCloseTo(voicedSeconds(env), 1);
  });
});

describe('lagged correlation', () => {
  const env = loudnessEnvelope([gatedTone(4, syllable)], RATE);
  const times = Array.from({ length: 60 }, (_, i) => i / 15); // 15 fps
  const search = DEFAULT_SPEAKER_CONFIG.search;

  it('finds a mouth that moves with the voice a little before it, at that lag', () => {
    const ahead = times.map((t) => (syllable(t + 0.1) ? 1 : 0)); // the mouth opens 0.1 s before the sound
    const found = laggedCorrelation(times, ahead, env, search);
    expect(found.score).toBeGreaterThan(0.6);
    expect(found.lagSec).toBeCloseTo(0.1, 1);
    expect(laggedCorrelation(times, ahead, env, { ...search, minLagSec: 0, maxLagSec: 0 }).score).toBeLessThan(found.score - 0.2);
  });

  it('looks further for a mouth ahead of the sound than behind it', () => {
    expect(search.minLagSec).toBeLessThan(0);
    expect(-search.minLagSec).toBeLessThan(search.maxLagSec);
    const behind = times.map((t) => (syllable(t - 0.2) ? 1 : 0)); // the mouth 0.2 s after the sound: not speech
    expect(laggedCorrelation(times, behind, env, search).lagSec).toBeGreaterThanOrEqual(search.minLagSec - 1e-9);
  });

  it('reads the quietest level, not digital silence, past either end of the sound', () => {
    // Sound for 2 s, mouth samples for 3 s: the last second reads past the end at every lag.
    const short = loudnessEnvelope([gatedTone(2, syllable)], RATE);
    const t = Array.from({ length: 45 }, (_, i) => i / 15);
    const mouth = t.map((x) => (x < 2 && syllable(x) ? 6 : 1) + 0.01 * Math.sin(7 * x));
    // As if the recording went on in silence: digital silence (−100 dB, 40+ dB under everything
    // else) read past the end would be an outlier that inflates the score on its own.
    const padded = loudnessEnvelope([gatedTone(3, (x) => x < 2 && syllable(x))], RATE);
    expect(laggedCorrelation(t, mouth, short, search).score).toBeCloseTo(laggedCorrelation(t, mouth, padded, search).score, 1);
    expect(laggedCorrelation(t, mouth, { hopSec: 0.05, db: new Float32Array(0) }, search)).toEqual({ score: 0, lagSec: 0 });
  });

  it('high-passes away what is slower than syllables', () => {
    const t = Array.from({ length: 100 }, (_, i) => i / 15);
    const slow = t.map((x) => x * 3);
    expect(Math.max(...highPass(t, slow, 0.5).slice(10, 90).map(Math.abs))).toBeLessThan(1e-9);
    expect(highPass(t, slow, 0)).toEqual(slow);
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 1, 1], [2, 4, 6])).toBe(0);
  });
});

describe('associateSpeaker', () => {
  const env = loudnessEnvelope([gatedTone(4, syllable)], RATE);
  const times = Array.from({ length: 60 }, (_, i) => i / 15);
  let seed = 7;
  const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5);
  const speaking = { trackId: 1, tSec: times, mouth: times.map((t) => (syllable(t) ? 6 : 1) + noise()) };
  const still = { trackId: 2, tSec: times, mouth: times.map(() => 0.01 * noise()) };
  const other = { trackId: 3, tSec: times, mouth: times.map((t) => (otherSyllable(t) ? 6 : 1) + noise()) };

  it('weighs the mouths only where a voice can be (seriesWithin): a still mouth under a jingle before it does not count', () => {
    // 3 s of loud music (every window loud) while the face is still, then the same 4 s of syllables.
    const jingle = loudnessEnvelope([gatedTone(7, (t) => t < 3 || syllable(t - 3))], RATE);
    const later = { ...speaking, tSec: [...Array.from({ length: 45 }, (_, i) => i / 15), ...times.map((t) => t + 3)], mouth: [...Array.from({ length: 45 }, () => 1 + noise()), ...speaking.mouth] };
    expect(associateSpeaker([later], jingle).trackId).toBeNull();
    const within = seriesWithin([later], { from: 3, to: 7 });
    expect(within[0]!.tSec).toHaveLength(times.length);
    expect(associateSpeaker(within, jingle).trackId).toBe(1);
    // The association applies the span itself, given what the speech features heard.
    expect(associateSpeaker([later], jingle, DEFAULT_SPEAKER_CONFIG, { voiceSpanSec: { from: 3, to: 7 } }).trackId).toBe(1);
    expect(seriesWithin([later], undefined)[0]).toBe(later);
  });

  it('hears a voice that speaks for a few seconds of a long, silent clip', () => {
    // 4 s of syllables, then 40 s of the same face, still and silent: 9 % of the windows voiced,
    // which read as "nobody is heard speaking" while the voice was a share of the clip.
    const long = loudnessEnvelope([gatedTone(44, (t) => t < 4 && syllable(t))], RATE);
    const later = Array.from({ length: 40 * 15 }, (_, i) => 4 + i / 15);
    const talker = { trackId: 1, tSec: [...times, ...later], mouth: [...speaking.mouth, ...later.map(() => 1 + 0.2 * noise())] };
    expect(associateSpeaker([talker], long)).toMatchObject({ trackId: 1 });
  });

  it('credits the mouth that moves with the voice, and not a still one', () => {
    const out = associateSpeaker([still, speaking, other], env);
    expect(out.trackId).toBe(1);
    expect(out.score).toBeGreaterThan(0.7);
    expect(out.scores.find((s) => s.trackId === 2)!.score).toBe(0);
    expect(mouthMoves(still)).toBe(false);
  });

  it('never credits a lone moving mouth on evidence against, and needs a lead over other moving mouths', () => {
    // One moving mouth that does not move with the voice (another person's rhythm): nobody.
    const lone = associateSpeaker([still, other], env);
    expect(lone.trackId).toBeNull();
    expect(lone.score).toBeLessThan(DEFAULT_SPEAKER_CONFIG.minScore);
    const twin = { ...speaking, trackId: 5, mouth: speaking.mouth.map((m, i) => m + 0.3 * Math.sin(i)) };
    const inStep = associateSpeaker([speaking, twin, still], env);
    expect(inStep.trackId).toBeNull(); // two mouths in step: who is it?
    expect(inStep.alike.map((a) => a.trackId).sort()).toEqual([1, 5]); // and it says which two
    expect(associateSpeaker([still, speaking, other], env).alike).toEqual([]); // a clear speaker: none alike
    const loose: SpeakerConfig = { ...DEFAULT_SPEAKER_CONFIG, minMargin: 0 };
    expect(associateSpeaker([speaking, twin], env, loose).trackId).not.toBeNull();
    expect(associateSpeaker([still], env)).toMatchObject({ trackId: null, score: 0, nobody: 'still' });
    expect(associateSpeaker([speaking], loudnessEnvelope([new Float32Array(4 * RATE)], RATE))).toMatchObject({ trackId: null, score: 0, nobody: 'no-voice' });
    // Loud, and the mouth moves with it, but nothing in it is pitched as a voice is (music alone): nobody.
    const tooLittle = DEFAULT_SPEAKER_CONFIG.minSpokenSec / 2;
    expect(associateSpeaker([speaking], env, DEFAULT_SPEAKER_CONFIG, { spokenSec: tooLittle })).toMatchObject({ trackId: null, score: 0, nobody: 'no-voice' });
    expect(associateSpeaker([speaking], env, DEFAULT_SPEAKER_CONFIG, { spokenSec: 2 * DEFAULT_SPEAKER_CONFIG.minSpokenSec }).trackId).toBe(1);
    expect(associateSpeaker([], env)).toEqual({ trackId: null, score: 0, nobody: 'too-short', scores: [], alike: [] });
    // Why nobody, each time; a credited track has no reason.
    expect(lone.nobody).toBe('weak');
    expect(lone.closest).toBe(lone.scores.reduce((a, b) => (b.score > a.score ? b : a)).trackId); // whose the quoted score is
    expect(inStep.closest).toBeUndefined();
    expect(inStep.nobody).toBe('alike');
    expect(associateSpeaker([still, speaking, other], env).nobody).toBeUndefined();
    expect(lone.alike).toEqual([]); // under the bar: not a tie, just no match
  });

  it('needs enough samples', () => {
    const short = { trackId: 4, tSec: times.slice(0, DEFAULT_SPEAKER_CONFIG.minSamples - 1), mouth: speaking.mouth.slice(0, DEFAULT_SPEAKER_CONFIG.minSamples - 1) };
    expect(speakerScore(short, env)).toBe(0);
    // Every face seen too briefly: nobody, and it says so (a still face seen long enough is another reason).
    expect(associateSpeaker([short], env)).toMatchObject({ trackId: null, nobody: 'too-short' });
    expect(associateSpeaker([short, still], env).nobody).toBe('still');
  });
});
