import { describe, expect, it } from 'vitest';
import { fitWithin } from './frame-size';

describe('fitWithin', () => {
  it('downscales 4K to the longest side and keeps smaller videos as they are', () => {
    expect(fitWithin(3840, 2160, 1280)).toEqual({ width: 1280, height: 720 });
    expect(fitWithin(2160, 3840, 1280)).toEqual({ width: 720, height: 1280 });
    expect(fitWithin(360, 270, 1280)).toEqual({ width: 360, height: 270 });
    expect(fitWithin(360, 270)).toEqual({ width: 360, height: 270 });
  });
});
