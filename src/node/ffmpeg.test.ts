import { describe, expect, it } from 'vitest';
import { probeVideo, readFramesWithFfmpeg } from './ffmpeg';
import { clip } from './test-fixtures';

describe('readFramesWithFfmpeg', () => {
  it('probes the display size', async () => {
    const info = await probeVideo(clip('01-01-01_01.mp4'));
    expect(info).toMatchObject({ width: 360, height: 270 });
    expect(info.durationSec).toBeGreaterThan(1);
  });

  it('yields RGB frames at the requested rate, with times in seconds', async () => {
    const frames = [];
    for await (const f of readFramesWithFfmpeg(clip('01-01-01_01.mp4'), { fps: 2 })) frames.push(f);
    const { durationSec } = await probeVideo(clip('01-01-01_01.mp4'));
    expect(Math.abs(frames.length - durationSec * 2)).toBeLessThanOrEqual(1.5);
    expect(frames.map((f) => f.index)).toEqual(frames.map((_, i) => i));
    expect(frames[3]!.tSec).toBeCloseTo(1.5);
    expect(frames[0]!.data.length).toBe(360 * 270 * 3);
    // A real picture, not a blank buffer.
    const d = frames[0]!.data;
    expect(Math.max(...d.subarray(0, 30000)) - Math.min(...d.subarray(0, 30000))).toBeGreaterThan(50);
  });

  it('scales to a width keeping the aspect ratio, and stops ffmpeg when the loop ends early', async () => {
    for await (const f of readFramesWithFfmpeg(clip('01-01-01_01.mp4'), { fps: 5, width: 180 })) {
      expect([f.width, f.height]).toEqual([180, 136]);
      expect(f.data.length).toBe(180 * 136 * 3);
      break;
    }
  });

  it('rejects a file that is not a video', async () => {
    const run = async () => {
      for await (const f of readFramesWithFfmpeg(new URL(import.meta.url).pathname, { fps: 1 })) void f;
    };
    await expect(run()).rejects.toThrow();
  });
});
