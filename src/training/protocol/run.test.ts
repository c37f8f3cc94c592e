import { describe, expect, it } from 'vitest';
import { calibratedGeneral } from '../../core/general-emotion';
import type { CachedClip } from '../feature-cache';
import { givenOutputs } from './run';

const clip = (actor: string, probs: number[] | null) => ({ meta: { actor, general: probs && { frames: 4, probs } }, records: [], augmentedRecords: [] }) as unknown as CachedClip;

describe('givenOutputs', () => {
  it("gives `general` and `general-cal` over each actor's own clips, no opinion where the networks never ran", () => {
    const a1 = [0.1, 0, 0.1, 0.5, 0.1, 0.1, 0.1];
    const a2 = [0.1, 0, 0.1, 0.1, 0.5, 0.1, 0.1];
    const b1 = [0.5, 0, 0.1, 0.1, 0.1, 0.1, 0.1];
    const given = givenOutputs([clip('01', a1), clip('01', a2), clip('02', b1), clip('02', null)]);
    expect([...given.keys()]).toEqual(['general', 'general-cal']);
    expect(given.get('general')![0]).toEqual(a1);
    const cal = given.get('general-cal')!;
    cal[0]!.forEach((p, k) => expect(p).toBeCloseTo(calibratedGeneral(a1, [a1, a2])![k]!, 6));
    // Actor 02's only clip with `general` is its own reference (with one clip of no opinion):
    // calibrated on itself alone, anger still leads.
    cal[2]!.forEach((p, k) => expect(p).toBeCloseTo(calibratedGeneral(b1, [b1])![k]!, 6));
    expect(Math.max(...cal[2]!)).toBe(cal[2]![0]);
    expect(cal[3]).toEqual(given.get('general')![3]);
    expect(givenOutputs([clip('01', null)]).size).toBe(0);
  });
});
