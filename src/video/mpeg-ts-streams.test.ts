import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clip } from '../node/test-fixtures';
import { mpegTsVideoCodec } from './mpeg-ts-streams';

/** The first 64 KB of a shared clip re-muxed or re-encoded by ffmpeg with `args`. */
function head(args: string[], ext: string): Uint8Array {
  const out = join(mkdtempSync(join(tmpdir(), 'emolens-ts-')), `clip.${ext}`);
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', clip('01-01-03_01.mp4'), '-t', '1', ...args, out]);
  return new Uint8Array(readFileSync(out).subarray(0, 64 * 1024));
}

describe('mpegTsVideoCodec', () => {
  it('names the video stream of an HDV-style MPEG-2 TS, an H.264 TS and a 192-byte AVCHD .m2ts', () => {
    expect(mpegTsVideoCodec(head(['-c:v', 'mpeg2video', '-c:a', 'mp2', '-f', 'mpegts'], 'm2t'))).toBe('MPEG-2 (TV recordings, HDV camcorders)');
    expect(mpegTsVideoCodec(head(['-c', 'copy', '-f', 'mpegts'], 'ts'))).toBe('H.264');
    expect(mpegTsVideoCodec(head(['-c:v', 'copy', '-c:a', 'ac3', '-f', 'mpegts', '-mpegts_m2ts_mode', '1'], 'mts'))).toBe('H.264');
  });

  it('says nothing of other files or an audio-only TS', () => {
    expect(mpegTsVideoCodec(head(['-c', 'copy'], 'mp4'))).toBeNull();
    expect(mpegTsVideoCodec(head(['-vn', '-c:a', 'mp2', '-f', 'mpegts'], 'ts'))).toBeNull();
    expect(mpegTsVideoCodec(new Uint8Array(0))).toBeNull();
  });
});
