import { describe, expect, it } from 'vitest';
import { applyFusion, checkFusionSpec, fusionMembers, type FusionSpec } from './fusion-spec';

const p = (top: number) => Array.from({ length: 7 }, (_, c) => (c === top ? 0.7 : 0.05));

describe('FusionSpec', () => {
  const probs = { a: p(0), b: p(3), s: p(6) };

  it('applies single, average, joint fusion and the audio-visual mix', () => {
    expect(applyFusion({ kind: 'single', member: 'b' }, probs)).toEqual(p(3));
    const avg = applyFusion({ kind: 'average', members: ['a', 'b'] }, probs)!;
    expect(avg[0]).toBeCloseTo(0.375, 10);
    expect(avg[3]).toBeCloseTo(0.375, 10);
    // A joint layer that copies member b's log-probabilities: softmax(log p_b) = p_b.
    const kernel = Array.from({ length: 14 }, (_, i) => Array.from({ length: 7 }, (_, c) => (i === 7 + c ? 1 : 0)));
    const joint = applyFusion({ kind: 'jointFusion', members: ['a', 'b'], kernel, bias: new Array(7).fill(0) }, probs)!;
    joint.forEach((v, c) => expect(v).toBeCloseTo(p(3)[c]!, 4));
    const av: FusionSpec = { kind: 'audioVisual', visual: { kind: 'single', member: 'a' }, speech: 's', speechWeight: 0.25 };
    applyFusion(av, probs)!.forEach((v, c) => expect(v).toBeCloseTo(0.75 * p(0)[c]! + 0.25 * p(6)[c]!, 10));
    expect(fusionMembers(av)).toEqual(['a', 's']);
  });

  it('answers from the visual part alone without speech, and not at all without a visual member', () => {
    const av: FusionSpec = { kind: 'audioVisual', visual: { kind: 'average', members: ['a', 'b'] }, speech: 's', speechWeight: 0.5 };
    expect(applyFusion(av, { a: p(0), b: p(3) })).toEqual(applyFusion({ kind: 'average', members: ['a', 'b'] }, probs));
    expect(applyFusion(av, { a: p(0), s: p(6) })).toBeNull();
  });

  it('refuses fusions over models that are not loaded, and malformed layers', () => {
    expect(() => checkFusionSpec({ kind: 'average', members: ['zzz'] }, ['a'], 'x')).toThrow(TypeError);
    expect(() => checkFusionSpec({ kind: 'jointFusion', members: ['a'], kernel: [[1]], bias: [0] }, ['a'], 'x')).toThrow(TypeError);
    expect(() => checkFusionSpec({ kind: 'audioVisual', visual: { kind: 'single', member: 'a' }, speech: 's', speechWeight: 2 }, ['a', 's'], 'x')).toThrow(TypeError);
    expect(checkFusionSpec({ kind: 'single', member: 'a' }, ['a'], 'x')).toEqual({ kind: 'single', member: 'a' });
  });
});
