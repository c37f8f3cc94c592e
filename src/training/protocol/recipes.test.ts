import { describe, expect, it } from 'vitest';
import { applyFusion } from '../../core/ensembles/fusion-spec';
import { averageOf, bestSelectionOf } from './recipes';

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
