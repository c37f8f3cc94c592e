/**
 * The conversion's FFmpeg command (src/video/conversion.ts) run by the system's FFmpeg on files made
 * from our clips: what comes out must be what the browser reads. The app runs the same arguments in
 * FFmpeg's WebAssembly build (e2e/converted-files.spec.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { conversionArgs, conversionPlan } from '../video/conversion';
import { clip } from './test-fixtures';

const run = promisify(execFile);

async function streams(path: string): Promise<{ codec_type: string; codec_name: string; width?: number; height?: number; pix_fmt?: string; side_data_list?: unknown[]; field_order?: string; sample_aspect_ratio?: string }[]> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_streams', '-of', 'json', path]);
  return (JSON.parse(stdout) as { streams: [] }).streams;
}

async function convert(dir: string, name: string, makeArgs: string[]): Promise<Awaited<ReturnType<typeof streams>>> {
  const input = join(dir, name);
  await run('ffmpeg', ['-v', 'error', '-y', '-i', clip('01-01-03_01.mp4'), '-t', '1', ...makeArgs, input]);
  const output = join(dir, `${name}.converted.mp4`);
  await run('ffmpeg', ['-v', 'error', '-y', ...conversionArgs(input, output)]);
  return streams(output);
}

describe('conversionArgs, run by FFmpeg', () => {
  it('a 4K portrait HEVC phone file stored sideways: upright, its long side 1920, even sides, H.264 4:2:0 and AAC, no rotation left', { timeout: 120_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emolens-convert-'));
    const stored = join(dir, 'stored.mov');
    await run('ffmpeg', ['-v', 'error', '-y', '-i', clip('01-01-03_01.mp4'), '-t', '1', '-vf', 'scale=2160:3840,transpose=2', '-c:v', 'libx265', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p10le', '-x265-params', 'log-level=error', '-c:a', 'aac', stored]);
    const tagged = join(dir, 'phone.mov');
    await run('ffmpeg', ['-v', 'error', '-y', '-i', stored, '-c', 'copy', '-metadata:s:v:0', 'rotate=270', tagged]);
    const output = join(dir, 'phone.converted.mp4');
    await run('ffmpeg', ['-v', 'error', '-y', ...conversionArgs(tagged, output)]);
    const [video, audio] = await streams(output);
    expect(video).toMatchObject({ codec_name: 'h264', pix_fmt: 'yuv420p', width: 1080, height: 1920 });
    expect(video!.side_data_list ?? []).toEqual([]);
    expect(audio).toMatchObject({ codec_type: 'audio', codec_name: 'aac' });
  });

  it('an odd-sized Xvid AVI without sound, and a WMV: the size kept (made even), only the streams that are there', { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emolens-convert-'));
    const xvid = await convert(dir, 'odd.avi', ['-vf', 'scale=359:269', '-an', '-c:v', 'mpeg4', '-vtag', 'XVID']);
    expect(xvid).toHaveLength(1);
    expect(xvid[0]).toMatchObject({ codec_name: 'h264', width: 358, height: 268 });
    const wmv = await convert(dir, 'clip.wmv', ['-c:v', 'wmv2', '-c:a', 'wmav2']);
    expect(wmv.map((s) => s.codec_name)).toEqual(['h264', 'aac']);
    expect(wmv[0]).toMatchObject({ width: 360, height: 270 });
  });

  it('a DVD\'s interlaced MPEG-2 in a VOB: whole frames (no combed edges where things move), its pixel shape kept', { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emolens-convert-'));
    // A moving picture at 50 fields a second, woven two fields a frame, as a PAL camera records.
    const input = join(dir, 'dvd.vob');
    await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=720x576:r=50', '-t', '2', '-vf', 'tinterlace=mode=interleave_top,setsar=16/15', '-c:v', 'mpeg2video', '-flags', '+ilme+ildct', '-top', '1', '-q:v', '2', input]);
    const output = join(dir, 'dvd.converted.mp4');
    await run('ffmpeg', ['-v', 'error', '-y', ...conversionArgs(input, output)]);
    const [video] = await streams(output);
    expect(video).toMatchObject({ codec_name: 'h264', width: 720, height: 576, sample_aspect_ratio: '16:15' });
    // FFmpeg's own interlace detector, frame by frame: the woven input reads interlaced, the conversion progressive.
    const combed = async (path: string) => {
      const { stderr } = await run('ffmpeg', ['-i', path, '-vf', 'idet', '-f', 'null', '-']);
      const [, tff, bff, progressive] = /Multi frame detection: TFF:\s*(\d+)\s*BFF:\s*(\d+)\s*Progressive:\s*(\d+)/.exec(stderr)!.map(Number);
      return (tff! + bff!) / (tff! + bff! + progressive!);
    };
    expect(await combed(input)).toBeGreaterThan(0.8);
    expect(await combed(output)).toBeLessThan(0.1);
  });

  it('the sound alone: a film\'s DTS sound in an MKV becomes AAC, the H.264 picture copied bit for bit', { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emolens-convert-'));
    const input = join(dir, 'film.mkv');
    await run('ffmpeg', ['-v', 'error', '-y', '-i', clip('01-01-03_01.mp4'), '-t', '1', '-c:v', 'copy', '-strict', '-2', '-c:a', 'dts', '-ar', '48000', '-ac', '2', input]);
    const output = join(dir, 'film.converted.mp4');
    await run('ffmpeg', ['-v', 'error', '-y', ...conversionArgs(input, output, 'sound')]);
    const packets = async (path: string) => (await run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=size', '-of', 'csv=p=0', path])).stdout;
    expect((await streams(output)).map((s) => s.codec_name)).toEqual(['h264', 'aac']);
    expect(await packets(output)).toBe(await packets(input));
  });

  it('the sound alone keeps a phone\'s rotation tag on the copied picture (Apple Lossless sound in a MOV)', { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emolens-convert-'));
    const plain = join(dir, 'plain.mov');
    await run('ffmpeg', ['-v', 'error', '-y', '-i', clip('01-01-03_01.mp4'), '-t', '1', '-c:v', 'copy', '-c:a', 'alac', plain]);
    const tagged = join(dir, 'tagged.mov');
    await run('ffmpeg', ['-v', 'error', '-y', '-i', plain, '-c', 'copy', '-metadata:s:v:0', 'rotate=90', tagged]);
    const output = join(dir, 'tagged.converted.mp4');
    await run('ffmpeg', ['-v', 'error', '-y', ...conversionArgs(tagged, output, 'sound')]);
    const [video, audio] = await streams(output);
    expect(video).toMatchObject({ codec_name: 'h264', width: 360, height: 270 });
    expect(JSON.stringify(video!.side_data_list)).toMatch(/"rotation":-?90/);
    expect(audio).toMatchObject({ codec_name: 'aac' });
  });

  it('an MP4 with cover art as a second video stream: the film, not the picture', { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emolens-convert-'));
    const cover = join(dir, 'cover.png');
    await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=red:s=640x640', '-frames:v', '1', cover]);
    const input = join(dir, 'with-cover.mp4');
    await run('ffmpeg', ['-v', 'error', '-y', '-i', cover, '-i', clip('01-01-03_01.mp4'), '-t', '1', '-map', '0', '-map', '1', '-c:v:0', 'png', '-disposition:v:0', 'attached_pic', '-c:v:1', 'mpeg4', '-c:a', 'aac', input]);
    const output = join(dir, 'with-cover.converted.mp4');
    await run('ffmpeg', ['-v', 'error', '-y', ...conversionArgs(input, output)]);
    const [video] = await streams(output);
    expect(video).toMatchObject({ codec_name: 'h264', width: 360, height: 270 });
  });

  it('a dim, grainy HD picture stays within the bit-rate cap (uncapped, its noise costs several times as much)', { timeout: 90_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emolens-convert-'));
    const seconds = 3;
    // Our clip in 1080p with grain that changes every frame, as a phone films a dim room.
    const grainy = join(dir, 'grainy.mp4');
    await run('ffmpeg', ['-v', 'error', '-y', '-i', clip('01-01-03_01.mp4'), '-t', String(seconds), '-vf', 'scale=1920:1080,noise=alls=8:allf=t', '-c:v', 'libx264', '-preset', 'ultrafast', '-qp', '8', '-an', grainy]);
    const videoBytes = async (args: string[]) => {
      const output = join(dir, `out-${args.length}.mp4`);
      await run('ffmpeg', ['-v', 'error', '-y', ...args.map((a) => (a.endsWith('.converted.mp4') ? output : a))]);
      const { stdout } = await run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=size', '-of', 'csv=p=0', output]);
      return stdout.trim().split('\n').reduce((sum, line) => sum + Number(line), 0);
    };
    const plan = conversionPlan(seconds);
    const args = conversionArgs(grainy, 'x.converted.mp4', 'video', plan);
    const capped = await videoBytes(args);
    // x264 may spend its buffer (two seconds' worth) on top of the rate.
    expect(capped).toBeLessThanOrEqual(((plan.videoBitsPerSec * seconds + 2 * plan.videoBitsPerSec) / 8) * 1.05);
    const i = args.indexOf('-maxrate');
    const uncapped = await videoBytes([...args.slice(0, i), ...args.slice(i + 4)]);
    expect(uncapped).toBeGreaterThan(3 * capped);
  });
});
