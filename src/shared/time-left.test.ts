import { describe, expect, it } from 'vitest';
import { describeTimeLeft, secondsLeft } from './time-left';

describe('a folder run’s time left', () => {
  it('goes by the pace of the clips done, once two are', () => {
    expect(secondsLeft(0, 10, 0)).toBeNull();
    expect(secondsLeft(1, 10, 30)).toBeNull();
    expect(secondsLeft(4, 10, 40)).toBe(60);
    expect(secondsLeft(10, 10, 100)).toBeNull();
  });

  it('says it in minutes, and hours past the hour', () => {
    expect(describeTimeLeft(20)).toBe('under a minute left');
    expect(describeTimeLeft(7 * 60 + 10)).toBe('about 7 min left');
    expect(describeTimeLeft(110 * 60)).toBe('about 1 h 50 min left');
    expect(describeTimeLeft(120 * 60)).toBe('about 2 h left');
  });
});
