import { describe, expect, it } from 'vitest';
import { argmax } from './vector';
import { calibratedGeneral, generalEmotion, noGeneralOpinion, REFERENCE_PRIOR_CLIPS } from './general-emotion';

describe('generalEmotion', () => {
  it('averages the networks, drops disgust and renormalises', () => {
    const a = [0.1, 0.2, 0.1, 0.4, 0.1, 0.05, 0.05];
    const b = [0.3, 0.0, 0.1, 0.2, 0.3, 0.05, 0.05];
    const g = generalEmotion([a, b])!;
    expect(g[1]).toBe(0);
    expect(g.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6);
    // Mean without disgust: [0.2, 0, 0.1, 0.3, 0.2, 0.05, 0.05] over 0.9.
    expect(g[3]).toBeCloseTo(0.3 / 0.9, 6);
    expect(g[0]).toBeCloseTo(0.2 / 0.9, 6);
  });

  it('gives null for no network or a face that is all disgust, and rejects a wrong length', () => {
    expect(generalEmotion([])).toBeNull();
    expect(generalEmotion([[0, 1, 0, 0, 0, 0, 0]])).toBeNull();
    expect(() => generalEmotion([[1, 0]])).toThrow(TypeError);
  });

  it('has no opinion where the networks never ran: the six classes equally likely, disgust 0', () => {
    const p = noGeneralOpinion();
    expect(p[1]).toBe(0);
    expect(new Set([...p].filter((_, k) => k !== 1))).toEqual(new Set([Math.fround(1 / 6)]));
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });
});

describe('calibratedGeneral', () => {
  // A face the networks read as sad at rest: sadness leads on every clip, by less on the happy one.
  const neutralClip = [0.05, 0, 0.05, 0.1, 0.3, 0.45, 0.05];
  const happyClip = [0.05, 0, 0.05, 0.33, 0.1, 0.42, 0.05];
  const sadClip = [0.05, 0, 0.05, 0.05, 0.2, 0.6, 0.05];

  it("divides the person's bias out: the clip's class is the one it shows more than the person usually does", () => {
    const reference = [neutralClip, happyClip, sadClip];
    expect(argmax(generalEmotion([happyClip])!)).toBe(5); // alone: sadness
    const happy = calibratedGeneral(happyClip, reference)!;
    expect(argmax(happy)).toBe(3); // happiness
    expect(argmax(calibratedGeneral(neutralClip, reference)!)).toBe(4);
    expect(happy[1]).toBe(0);
    expect(happy.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    // By hand: the reference's mean (its sums over 3; disgust already 0) with one clip of no
    // opinion (1/6 each, disgust 0) added, each clip value over it.
    expect(REFERENCE_PRIOR_CLIPS).toBe(1);
    const usual = [0.15, 0, 0.15, 0.48, 0.6, 1.47, 0.15].map((v, i) => (v + (i === 1 ? 0 : 1 / 6)) / 4);
    const ratios = happyClip.map((p, i) => (i === 1 ? 0 : p / usual[i]!));
    expect(happy[3]).toBeCloseTo(ratios[3]! / ratios.reduce((a, b) => a + b, 0), 5);
  });

  it("reads a clip like the person's usual as the networks do, not as a tie", () => {
    // A reference of one pose (the camera's neutral seconds): the same face again reads as the
    // networks read it (sadness, this face's bias), not as six equal ratios.
    const same = calibratedGeneral(neutralClip, [neutralClip])!;
    expect(argmax(same)).toBe(argmax(generalEmotion([neutralClip])!));
    expect(same[5]).toBeGreaterThan(same[4]! + 0.02);
    // …while a clip showing more happiness than that reference reads as happiness.
    expect(argmax(calibratedGeneral(happyClip, [neutralClip])!)).toBe(3);
  });

  it('is null without the clip or a reference, and bounds a class the reference never showed', () => {
    expect(calibratedGeneral(null, [happyClip])).toBeNull();
    expect(calibratedGeneral(happyClip, [])).toBeNull();
    // A reference that never shows fear: fear's usual level is still 1/6 · 1/2, so a clip that
    // barely shows it stays low, and one that shows it clearly leads.
    const neverAfraid = [0.2, 0, 0, 0.2, 0.2, 0.2, 0.2];
    const q = calibratedGeneral([0.01, 0, 0.01, 0.2, 0.2, 0.38, 0.2], [neverAfraid])!;
    expect(q.every(Number.isFinite)).toBe(true);
    expect(argmax(q)).toBe(5);
    expect(argmax(calibratedGeneral([0.01, 0, 0.15, 0.2, 0.2, 0.24, 0.2], [neverAfraid])!)).toBe(2);
    expect(() => calibratedGeneral([1, 0], [happyClip])).toThrow(TypeError);
  });
});
