import { describe, expect, it } from 'vitest';
import { createCameraStats } from './camera-stats';

describe('camera stats', () => {
  it('counts analyses and grab-to-draw latency inside the window only', () => {
    const stats = createCameraStats(1000);
    // Pictures grabbed every 100 ms from t = 0; each analysed 60 ms later and drawn 20 ms after that.
    for (let k = 0; k < 20; k++) {
      const grabMs = 1000 + k * 100;
      stats.analysed(k * 0.1, grabMs + 60);
      stats.drawn(k * 0.1, grabMs + 80);
      stats.drawn(k * 0.1, grabMs + 96); // redrawn with a predicted box: not a new latency
    }
    const all = stats.summary(0, 3000);
    expect(all.analysed).toBe(20);
    expect(all.latencyMsP50).toBeCloseTo(80, 6);
    expect(all.latencyMsP95).toBeCloseTo(80, 6);
    const late = stats.summary(2000, 3000);
    expect(late.analysed).toBe(10);
    expect(late.analysedFps).toBe(10);
    expect(late.windowSec).toBe(1);
  });

  it('reports the slow tail, and nothing before a first draw', () => {
    const stats = createCameraStats(0);
    expect(stats.summary(0, 1000).latencyMsP95).toBeNull();
    for (let k = 0; k < 100; k++) stats.drawn(k, k * 1000 + (k % 10 === 0 ? 300 : 50));
    const s = stats.summary(-1, 100_000);
    expect(s.latencyMsP50).toBe(50);
    expect(s.latencyMsP95).toBe(300);
    expect(s.latencyMsMax).toBe(300);
    expect(stats.tSecAt(2500)).toBe(2.5);
  });

  it("breaks each picture's time down by stage: runs, median when run, mean per picture, and the worker's busy median", () => {
    const stats = createCameraStats(0);
    stats.analysed(0, 100, { decode: 5, faceDetection: 40, embedding: 80, pageOnFrame: 3 });
    stats.analysed(0.1, 200, { decode: 7, faceDetection: 50, pageOnFrame: 1 });
    stats.analysed(0.2, 300, { decode: 9, faceDetection: 60, pageOnFrame: 2 });
    stats.analysed(0.3, 400); // no breakdown: counted as analysed, left out of the stages
    const s = stats.summary(0, 1000);
    expect(s.analysed).toBe(4);
    expect(s.stagesMs.faceDetection).toEqual({ runs: 3, p50: 50, perPicture: 50 });
    expect(s.stagesMs.embedding).toEqual({ runs: 1, p50: 80, perPicture: 26.7 });
    expect(s.stagesMs.decode!.p50).toBe(7);
    expect(s.workerMsP50).toBe(60); // 120, 50, 60: decode and the page's share are not the worker's
    expect(createCameraStats(0).summary(0, 1).workerMsP50).toBeNull();
  });

  it('keeps a bounded number of samples over a long session', () => {
    const stats = createCameraStats(0);
    for (let k = 0; k < 10_000; k++) stats.analysed(k / 30, (k / 30) * 1000 + 50);
    expect(stats.summary(-1, 400_000).analysed).toBe(2048);
  });
});
