import { describe, expect, it } from 'vitest';
import { applyFusion } from '../../core/ensembles/fusion-spec';
import { ANSWER_CANDIDATES, averageOf, bestSelectionOf, candidateRecipes } from './recipes';

const p = (...v: number[]) => {
  const total = v.reduce((s, x) => s + x, 0);
  return v.map((x) => x / total);
};
const row = { a: p(5, 1, 1, 1, 1, 1, 1), b: p(1, 4, 1, 1, 1, 1, 1), speech: p(1, 1, 6, 1, 1, 1, 1), 'speech-cal': p(1, 1, 1, 7, 1, 1, 1) };

describe('ensemble recipes', () => {
  it('writes an average that holds the speech model as the audio-visual mix it equals, so a silent clip still gets an answer', () => {
    const spec = averageOf(['a', 'b', 'speech'], ['speech', 'speech-cal']);
    expect(spec).toEqual({ kind: 'audioVisual', visual: { kind: 'average', members: ['a', 'b'] }, speech: 'speech', speechWeight: 1 / 3 });
    const plain = applyFusion({ kind: 'average', members: ['a', 'b', 'speech'] }, row)!;
    applyFusion(spec, row)!.forEach((v, c) => expect(v).toBeCloseTo(plain[c]!, 12));
    // Without speech: the visual members' mean (the plain average would give no answer at all).
    const { speech: _, 'speech-cal': __, ...silent } = row;
    expect(applyFusion({ kind: 'average', members: ['a', 'b', 'speech'] }, silent)).toBeNull();
    expect(applyFusion(spec, silent)).toEqual(applyFusion({ kind: 'average', members: ['a', 'b'] }, silent));
  });

  it('mixes in two speech heads so that every member still weighs 1/n, and drops each one that is missing', () => {
    const spec = averageOf(['a', 'speech', 'b', 'speech-cal'], ['speech', 'speech-cal']);
    const plain = applyFusion({ kind: 'average', members: ['a', 'b', 'speech', 'speech-cal'] }, row)!;
    applyFusion(spec, row)!.forEach((v, c) => expect(v).toBeCloseTo(plain[c]!, 12));
    const { 'speech-cal': _, ...noCal } = row;
    const three = applyFusion({ kind: 'average', members: ['a', 'b', 'speech'] }, noCal)!;
    applyFusion(spec, noCal)!.forEach((v, c) => expect(v).toBeCloseTo(three[c]!, 12));
  });

  it('keeps a plain average when the members are all visual, or speech alone', () => {
    expect(averageOf(['a', 'b'], ['speech'])).toEqual({ kind: 'average', members: ['a', 'b'] });
    expect(averageOf(['speech'], ['speech'])).toEqual({ kind: 'average', members: ['speech'] });
    expect(averageOf(['a', 'speech'])).toEqual({ kind: 'average', members: ['a', 'speech'] });
  });

  it('Best Selection over a pool with speech gives a fusion that answers without speech', () => {
    // Clip labels 0, 1, 2: each head is right (and sure) on one clip only, so only all three together get every clip.
    const probs = new Map([
      ['a', [p(5, 1, 1, 1, 1, 1, 1), p(1, 1, 1, 1, 1, 1, 2), p(2, 1, 1, 1, 1, 1, 1)]],
      ['b', [p(1, 1, 1, 1, 1, 1, 2), p(1, 5, 1, 1, 1, 1, 1), p(1, 2, 1, 1, 1, 1, 1)]],
      ['speech', [p(1, 1, 1, 1, 1, 1, 2), p(1, 1, 1, 1, 1, 2, 1), p(1, 1, 5, 1, 1, 1, 1)]],
    ]);
    const spec = bestSelectionOf('bestSelectionAudioVisual', ['a', 'b', 'speech'], ['speech']).fit(probs, [0, 1, 2]);
    expect(spec).toEqual({ kind: 'audioVisual', visual: { kind: 'average', members: expect.arrayContaining(['a', 'b']) }, speech: 'speech', speechWeight: 1 / 3 });
    const { speech: _, 'speech-cal': __, ...silent } = row;
    expect(applyFusion(spec, silent)).not.toBeNull();
  });
});

describe("the answer's candidates", () => {
  const heads = ['tp-face-lr', 'tp-fer-lr', 'tp-geo-lr', 'tp-ctx-l0-3', 'tp-both-l3', 'speech', 'tp-face-lr-cal', 'tp-fer-lr-cal', 'tp-geo-lr-cal', 'speech-cal'];

  it('are a fixed handful, each with a reason', () => {
    expect(ANSWER_CANDIDATES.map((c) => c.name)).toEqual(['tp-face-lr', 'general', 'average', 'audioVisual', 'bestSelectionAudioVisual']);
    for (const c of ANSWER_CANDIDATES) expect(c.reason.length).toBeGreaterThan(20);
  });

  it('are the same few alone and calibrated, the calibrated forms reading the -cal variants where there are some', () => {
    const available = new Set([...heads, 'general', 'general-cal']);
    expect(candidateRecipes(available, false).map((r) => r.name)).toEqual(['tp-face-lr', 'general', 'average', 'audioVisual', 'bestSelectionAudioVisual']);
    expect(candidateRecipes(available, true).map((r) => r.name)).toEqual(['tp-face-lr-cal', 'general-cal', 'averageCal', 'audioVisualCal', 'bestSelectionAudioVisualCal']);
    // Without `general-cal` the calibrated forms read `general` as it is.
    expect(candidateRecipes(new Set([...heads, 'general']), true).map((r) => r.name)).toContain('general');
    const fit = (calibrated: boolean, name: string) => candidateRecipes(available, calibrated).find((r) => r.name === name)!.fit(new Map(), []);
    // The average reads one head per kind of evidence and `general`; a head outside the pool (tp-both-l3) is in no candidate.
    expect(fit(false, 'average')).toEqual({ kind: 'average', members: ['tp-face-lr', 'tp-fer-lr', 'tp-geo-lr', 'tp-ctx-l0-3', 'general'] });
    expect(fit(true, 'averageCal')).toEqual({ kind: 'average', members: ['tp-face-lr-cal', 'tp-fer-lr-cal', 'tp-geo-lr-cal', 'tp-ctx-l0-3', 'general-cal'] });
  });

  it('keep the pool members the cache holds and leave out a candidate with nothing to read', () => {
    const names = (calibrated: boolean) => candidateRecipes(new Set(heads), calibrated).map((r) => r.name);
    expect(names(false)).toEqual(['tp-face-lr', 'average', 'audioVisual', 'bestSelectionAudioVisual']);
    const avg = candidateRecipes(new Set(heads), false).find((r) => r.name === 'average')!.fit(new Map(), []);
    expect(avg).toEqual({ kind: 'average', members: ['tp-face-lr', 'tp-fer-lr', 'tp-geo-lr', 'tp-ctx-l0-3'] });
    // Without speech there is no audio-visual mix, and Best Selection chooses among the faces alone.
    expect(candidateRecipes(new Set(['tp-face-lr', 'general']), false).map((r) => r.name)).toEqual(['tp-face-lr', 'general', 'average', 'bestSelectionAudioVisual']);
  });
});
