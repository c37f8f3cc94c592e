import { describe, expect, it } from 'vitest';
import { separation } from './separation';

describe('separation', () => {
  it('is 1 for people apart, and counts a ranking mistake and a wrong nearest clip', () => {
    const who = ['a', 'a', 'b', 'b'];
    expect(separation([[0], [0.1], [1], [1.1]], who)).toEqual({ sameCloserThanDifferent: 1, nearestIsSamePerson: 1 });
    // b's clips 0.5 apart, b's first 0.3 from a's second: of the 2 × 4 pairs of a same-person and a
    // different-people distance, 0.5 loses to 0.3 and 0.4; b's first clip is nearest a's second.
    const s = separation([[0], [0.1], [0.4], [0.9]], who)!;
    expect(s.sameCloserThanDifferent).toBeCloseTo((4 + 2) / 8, 10);
    expect(s.nearestIsSamePerson).toBe(0.75);
  });

  it('counts ties half, leaves clips without a vector out, and is null without a pair of one person', () => {
    expect(separation([[0], [1], [2], null], ['a', 'a', 'b', 'b'])!.sameCloserThanDifferent).toBe(0.75);
    expect(separation([[0], [1]], ['a', 'b'])).toBeNull();
  });
});
