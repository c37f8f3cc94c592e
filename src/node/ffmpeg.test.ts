import { describe, expect, it } from 'vitest';
import { expectedSampledFrames } from '../video/frame-selector';
import { frameTimes, probeVideo, readFramesWithFfmpeg, type RawFrame, type ReadFramesOptions } from './ffmpeg';
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

  it("frames: 'app' keeps the frames the app analyses (0, 6, 12, … at 5 fps of 29.97 fps); the fps filter keeps 2, 8, 14, …", async () => {
    const read = async (o: ReadFramesOptions) => {
      const out: RawFrame[] = [];
      for await (const f of readFramesWithFfmpeg(clip('01-01-01_01.mp4'), o)) out.push(f);
      return out;
    };
    const all = await read({ fps: 1000, frames: 'app' }); // a rate above the video's keeps every frame
    expect(all.length).toBe((await frameTimes(clip('01-01-01_01.mp4'))).length);
    expect(all.map((f) => f.sourceIndex)).toEqual(all.map((_, i) => i));
    const app = await read({ fps: 5, frames: 'app' });
    expect(app.length).toBe(expectedSampledFrames(all.length, 30000 / 1001, 5));
    app.forEach((f, k) => {
      expect(f.sourceIndex).toBe(6 * k);
      expect(f.tSec).toBeCloseTo((6 * k * 1001) / 30000, 3);
      expect(Buffer.compare(Buffer.from(f.data), Buffer.from(all[6 * k]!.data))).toBe(0);
    });
    const filtered = await read({ fps: 5 });
    for (const k of [0, 1, 5]) expect(Buffer.compare(Buffer.from(filtered[k]!.data), Buffer.from(all[6 * k + 2]!.data))).toBe(0);
    // phase 3: the app's frames of the clip as if it began 3 frames later.
    const shifted = await read({ fps: 5, frames: 'app', phase: 3 });
    expect(shifted.map((f) => f.sourceIndex)).toEqual(shifted.map((_, k) => 6 * k + 3));
    for (const k of [0, 4]) expect(Buffer.compare(Buffer.from(shifted[k]!.data), Buffer.from(all[6 * k + 3]!.data))).toBe(0);
    await expect(read({ fps: 5, phase: 3 })).rejects.toThrow(/phase/);
  });
});
