import { describe, expect, it } from 'vitest';
import { summarizeDeviceWork, summarizeStages } from './bench-summary';

describe('summarizeStages', () => {
  it('gives median and p95 per stage and skips empty ones', () => {
    const s = summarizeStages({ detect: [10, 20, 30, 40, 50], empty: [] });
    expect(s).toEqual({ detect: { medianMs: 30, p95Ms: 48, calls: 5, totalMs: 150 } });
  });
});

describe('summarizeDeviceWork', () => {
  const frame = (readbacks: number, dispatches: number | null, faces = 1) => ({ readbacks, syncReadbacks: 0, kernels: 100 + readbacks, dispatches, faces });
  it('gives the median and the most downloads per frame, and dispatches only where the backend counts them', () => {
    const gpu = summarizeDeviceWork([frame(2, 900), frame(2, 950, 2), frame(3, 1000)])!;
    expect(gpu).toEqual({ frames: 3, mostFaces: 2, readbacks: { median: 2, max: 3 }, syncReadbacks: 0, dispatches: { median: 950, max: 1000 }, kernels: 102 });
    expect(summarizeDeviceWork([frame(4, null)])!.dispatches).toBeNull();
    expect(summarizeDeviceWork([])).toBeNull();
  });
});
