import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clip } from '../node/test-fixtures';
import { AviFormatError, readAviFile, type ByteReader } from './avi-file';
import { h264CodecString, isH264KeyFrame } from './h264-annex-b';

/** 01-01-03 (2 s) as an AVI made by ffmpeg with `args`. */
function avi(args: string[]): Uint8Array {
  const out = join(mkdtempSync(join(tmpdir(), 'emolens-avi-')), 'clip.avi');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', clip('01-01-03_01.mp4'), '-t', '2', ...args, out]);
  return new Uint8Array(readFileSync(out));
}

function reader(bytes: Uint8Array): ByteReader {
  return async (offset, length) => bytes.subarray(offset, offset + length);
}

/** Frames ffprobe counts in the video stream. */
function probedFrames(bytes: Uint8Array): number {
  const dir = mkdtempSync(join(tmpdir(), 'emolens-avi-'));
  const file = join(dir, 'probe.avi');
  execFileSync('sh', ['-c', 'cat > "$0"', file], { input: bytes });
  return Number(execFileSync('ffprobe', ['-v', 'error', '-count_packets', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_packets', '-of', 'csv=p=0', file]).toString().trim());
}

const MJPEG_PCM = ['-c:v', 'mjpeg', '-q:v', '4', '-c:a', 'pcm_s16le', '-ac', '1', '-ar', '22050'];

describe('readAviFile', () => {
  it('finds every Motion JPEG picture and the PCM sound of an older camera’s AVI', async () => {
    const bytes = avi(MJPEG_PCM);
    const { video, audio } = await readAviFile(reader(bytes), bytes.length);
    expect(video).toMatchObject({ compression: 'MJPG', width: 360, height: 270 });
    expect(video!.frameSec).toBeCloseTo(1 / 29.97, 5);
    expect(video!.chunks).toHaveLength(probedFrames(bytes));
    for (const c of video!.chunks) expect([...bytes.subarray(c.offset, c.offset + 2)]).toEqual([0xff, 0xd8]);
    expect(audio).toMatchObject({ formatTag: 1, subFormat: 1, channels: 1, sampleRate: 22050, bitsPerSample: 16, blockAlign: 2 });
    const soundBytes = audio!.chunks.reduce((sum, c) => sum + c.size, 0);
    expect(soundBytes / 2 / 22050).toBeGreaterThan(1.9);
    expect(soundBytes / 2 / 22050).toBeLessThan(2.1);
  });

  it('reads H.264 in Annex B form: the first picture a key frame with its SPS, B-frames after it', async () => {
    const bytes = avi(['-c:v', 'libx264', '-preset', 'veryfast', '-an']);
    const { video, audio } = await readAviFile(reader(bytes), bytes.length);
    expect(video!.compression).toBe('H264');
    expect(audio).toBeNull();
    const pictures = video!.chunks.filter((c) => c.size > 0).map((c) => bytes.subarray(c.offset, c.offset + c.size));
    expect(pictures).toHaveLength(probedFrames(bytes));
    expect(h264CodecString(pictures[0]!)).toMatch(/^avc1\.64[0-9a-f]{4}$/);
    expect(isH264KeyFrame(pictures[0]!)).toBe(true);
    expect(pictures.slice(1).filter(isH264KeyFrame)).toHaveLength(0);
    expect(h264CodecString(pictures[1]!)).toBeNull();
  });

  it('without its index (a recording cut short) walks the data, and keeps only whole chunks', async () => {
    const bytes = avi(MJPEG_PCM);
    const whole = await readAviFile(reader(bytes), bytes.length);
    const cut = bytes.subarray(0, Math.floor(bytes.length * 0.6));
    const { video, audio } = await readAviFile(reader(cut), cut.length);
    expect(video!.chunks.length).toBeGreaterThan(whole.video!.chunks.length * 0.5);
    expect(video!.chunks.length).toBeLessThan(whole.video!.chunks.length * 0.65);
    expect(video!.chunks).toEqual(whole.video!.chunks.slice(0, video!.chunks.length));
    // The header still announces every frame: what tells a cut recording from a whole one.
    expect(video!.declaredFrames).toBe(whole.video!.chunks.length);
    expect(whole.video!.declaredFrames).toBe(whole.video!.chunks.length);
    expect(audio!.chunks.length).toBeGreaterThan(0);
    for (const c of [...video!.chunks, ...audio!.chunks]) expect(c.offset + c.size).toBeLessThanOrEqual(cut.length);
  });

  it('names the compression of an Xvid AVI, and refuses what is not an AVI', async () => {
    const bytes = avi(['-c:v', 'mpeg4', '-vtag', 'XVID', '-an']);
    expect((await readAviFile(reader(bytes), bytes.length)).video!.compression).toBe('XVID');
    const mp4 = readFileSync(clip('01-01-03_01.mp4'));
    await expect(readAviFile(reader(mp4), mp4.length)).rejects.toThrow(AviFormatError);
  });
});
