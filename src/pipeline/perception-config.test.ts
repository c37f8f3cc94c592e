import { describe, expect, it } from 'vitest';
import { DEFAULT_PERCEPTION_CONFIG as C, faceInputSize, personDetectionDue } from './perception-config';

describe('perception config', () => {
  it('uses the small Tiny Face input for small frames only', () => {
    expect(faceInputSize(C, 360, 270)).toBe(320);
    expect(faceInputSize(C, 640, 480)).toBe(320);
    expect(faceInputSize(C, 1280, 720)).toBe(416);
  });

  it('runs person detection at most every personIntervalSec, and again after a seek back', () => {
    expect(personDetectionDue(C, undefined, 0)).toBe(true);
    expect(personDetectionDue(C, 0, 0.2)).toBe(false);
    expect(personDetectionDue(C, 0, 0.9)).toBe(false);
    expect(personDetectionDue(C, 0, 1)).toBe(true);
    expect(personDetectionDue(C, 1, 0.2)).toBe(true);
    expect(personDetectionDue({ ...C, personIntervalSec: 0 }, 0.2, 0.2)).toBe(true);
  });
});
