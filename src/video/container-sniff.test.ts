import { describe, expect, it } from 'vitest';
import { sniffFile, sniffedFileMessage } from './container-sniff';

const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
const name = (head: Uint8Array) => sniffFile(head)?.name ?? null;

describe('sniffFile', () => {
  it('names AVI, FLV, MPEG-PS and ASF from their first bytes, and nothing a browser reads', () => {
    expect(sniffFile(bytes('RIFF', [0x10, 0, 0, 0], 'AVI LIST'))).toEqual({ kind: 'container', name: 'AVI' });
    expect(name(bytes('FLV', [1, 5, 0, 0, 0, 9]))).toBe('Flash video (FLV)');
    expect(name(bytes([0, 0, 1, 0xba, 0x44]))).toBe('MPEG program stream (VOB, MPG)');
    expect(name(bytes([0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66]))).toBe('Windows Media (WMV, ASF)');
    // A WAV file is RIFF too, but not a video container; an MP4 or a MOV starts with a box size and ftyp.
    expect(sniffFile(bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '))).toBeNull();
    expect(sniffFile(bytes([0, 0, 0, 0x20], 'ftypisom'))).toBeNull();
    expect(sniffFile(bytes([0, 0, 0, 0x14], 'ftypqt  '))).toBeNull();
    expect(sniffFile(bytes([0, 0, 0, 0x1c], 'ftypmp42'))).toBeNull();
    expect(sniffFile(new Uint8Array(0))).toBeNull();
  });

  it('names pictures: JPEG, PNG, GIF, WebP, BMP, TIFF, and a phone photo in an ISO file (HEIC, AVIF)', () => {
    expect(sniffFile(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF'))).toEqual({ kind: 'picture', name: 'JPEG' });
    expect(name(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]))).toBe('PNG');
    expect(name(bytes('GIF89a', [1, 0]))).toBe('GIF');
    expect(name(bytes('RIFF', [0x10, 0, 0, 0], 'WEBPVP8 '))).toBe('WebP');
    expect(name(bytes('BM', [0x36, 0, 0, 0, 0, 0]))).toBe('BMP');
    expect(name(bytes('II*', [0, 8, 0, 0, 0]))).toBe('TIFF');
    expect(name(bytes([0, 0, 0, 0x18], 'ftypheic'))).toBe('HEIC/HEIF or AVIF');
    expect(name(bytes([0, 0, 0, 0x20], 'ftypavif'))).toBe('HEIC/HEIF or AVIF');
    expect(name(bytes([0, 0, 0, 0x18], 'ftypmif1'))).toBe('HEIC/HEIF or AVIF');
  });

  it('says what the file is and what to do', () => {
    expect(sniffedFileMessage({ kind: 'container', name: 'Flash video (FLV)' })).toMatch(/^This is a Flash video \(FLV\) file, a container browsers do not read\. Re-encode it as MP4/);
    expect(sniffedFileMessage({ kind: 'picture', name: 'JPEG' })).toMatch(/^This is a picture \(JPEG\), not a video\. .*ffmpeg -loop 1/);
  });
});
