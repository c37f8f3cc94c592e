/**
 * The picture inside bars on real frames (src/core/framing/picture-bars.ts): one of our clips reposted
 * for a phone, made with ffmpeg at test time, read on the grey frames the app's worker reads, a
 * known picture carried from frame to frame as the worker does. Measured on 14 clips each way in
 * docs/real-files.md, "Black bars around the picture".
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Box } from '../core/geometry';
import { pictureInBars } from '../core/framing/picture-bars';
import { ffmpegOnce, readFramesWithFfmpeg } from './ffmpeg';
import { clip } from './test-fixtures';
import { makeUnfamiliar, UNFAMILIAR_KINDS } from './unfamiliar-footage';

/** The picture found on each of `path`'s grey frames at 2 fps, the last one carried. */
async function picturesOf(path: string): Promise<(Box | null)[]> {
  const found: (Box | null)[] = [];
  for await (const f of readFramesWithFfmpeg(path, { fps: 2, frames: 'app', mouthFps: 2 })) found.push(pictureInBars(f.mouthFrames!.at(-1)!, found.at(-1)));
  return found;
}

describe('the picture inside bars, on a clip of ours reposted for a phone', () => {
  it('finds it in black bars and in a blurred fill above and below, and nothing in a portrait framing of the same clip', { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emolens-bars-'));
    const name = '04-03-02_01.mp4';
    // The two reposted kinds of `npm run unfamiliar`: black bars, and the picture's own blurred fill.
    const [black, blurred] = ['portrait-bars', 'portrait-blur'].map((kind) => join(makeUnfamiliar(UNFAMILIAR_KINDS.find((k) => k.name === kind)!, [[name]], 'file', dir, clip), 'clips', name));
    const portrait = await ffmpegOnce(join(dir, 'portrait.mp4'), ['-i', clip(name), '-vf', 'crop=152:270:104:0,scale=360:640', '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-an']);
    // The picture is rows 185–454 of 640 (the encoder smears a row at its edge).
    const near = (b: Box | null) => b !== null && b.x === 0 && b.w === 360 && Math.abs(b.y - 185) <= 2 && Math.abs(b.h - 270) <= 3;
    for (const path of [black!, blurred!]) {
      const pictures = await picturesOf(path);
      expect(pictures.filter(near).length, path).toBeGreaterThanOrEqual(pictures.length - 1);
    }
    expect((await picturesOf(portrait)).every((b) => b === null)).toBe(true);
  });
});
