import { describe, expect, it } from 'vitest';
import { unreadableContainer, unreadableContainerMessage } from './container-sniff';

const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('unreadableContainer', () => {
  it('names AVI, FLV, MPEG-PS and ASF from their first bytes, and nothing a browser reads', () => {
    expect(unreadableContainer(bytes('RIFF', [0x10, 0, 0, 0], 'AVI LIST'))).toBe('AVI');
    expect(unreadableContainer(bytes('FLV', [1, 5, 0, 0, 0, 9]))).toBe('Flash video (FLV)');
    expect(unreadableContainer(bytes([0, 0, 1, 0xba, 0x44]))).toBe('MPEG program stream (VOB, MPG)');
    expect(unreadableContainer(bytes([0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66]))).toBe('Windows Media (WMV, ASF)');
    // A WAV file is RIFF too, but not a video container; an MP4 starts with a box size and ftyp.
    expect(unreadableContainer(bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '))).toBeNull();
    expect(unreadableContainer(bytes([0, 0, 0, 0x20], 'ftypisom'))).toBeNull();
    expect(unreadableContainer(new Uint8Array(0))).toBeNull();
  });

  it('says what the file is and how to make it readable', () => {
    expect(unreadableContainerMessage('AVI')).toMatch(/^This is an AVI file, a container browsers do not read\. Re-encode it as MP4/);
  });
});
