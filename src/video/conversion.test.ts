import { describe, expect, it } from 'vitest';
import { NotAVideoError, TruncatedVideoError, UNKNOWN_CODEC, UnsupportedCodecError } from '../errors';
import { conversionArgs, conversionCause, convertedWarning, soundConversionCause } from './conversion';

describe('which failures a conversion mends', () => {
  it('a codec the browser cannot decode, or a container it does not read', () => {
    expect(conversionCause(new UnsupportedCodecError('HEVC (H.265)'))).toBe('HEVC (H.265) video');
    expect(conversionCause(new UnsupportedCodecError(UNKNOWN_CODEC))).toBe("this video's codec");
    expect(conversionCause(new NotAVideoError('…', { container: 'Windows Media (WMV, ASF)' }))).toBe('the Windows Media (WMV, ASF) container');
    expect(conversionCause(new NotAVideoError('This is a picture (GIF), not a video.', { container: 'GIF' }))).toBe('an animated GIF');
  });

  it('not a picture, an unknown file, a truncated one or anything else', () => {
    expect(conversionCause(new NotAVideoError('This is a picture (JPEG), not a video.'))).toBeNull();
    expect(conversionCause(new NotAVideoError())).toBeNull();
    expect(conversionCause(new TruncatedVideoError())).toBeNull();
    expect(conversionCause(new Error('HEVC'))).toBeNull();
  });
});

describe('the conversion', () => {
  it('reads the first real video stream and the first audio stream if any, into H.264 4:2:0 and AAC', () => {
    const args = conversionArgs('/input/video', '/out.mp4');
    expect(args.slice(args.indexOf('-map'), args.indexOf('-map') + 4)).toEqual(['-map', '0:V:0', '-map', '0:a:0?']);
    expect(args).toEqual(expect.arrayContaining(['libx264', 'yuv420p', 'aac']));
    expect(args[0]).toBe('-hide_banner');
    expect(args.at(-1)).toBe('/out.mp4');
  });

  it('the sound alone: the picture copied as it is, the sound made AAC', () => {
    const args = conversionArgs('/input/video', '/out.mp4', 'sound');
    expect(args.slice(args.indexOf('-c:v'), args.indexOf('-c:v') + 2)).toEqual(['-c:v', 'copy']);
    expect(args).not.toContain('libx264');
    expect(args).toEqual(expect.arrayContaining(['-c:a', 'aac']));
    expect(soundConversionCause('dts')).toBe('its DTS sound');
    expect(soundConversionCause('unknown')).toBe("this video's sound");
    expect(convertedWarning('its DTS sound', 0.31, 'sound')).toMatch(/^This browser cannot read its DTS sound, so emolens converted its sound to AAC on this device/);
  });

  it('says what was converted, and that it stayed on the device', () => {
    expect(convertedWarning('HEVC (H.265) video', 2.345)).toMatch(/^This browser cannot read HEVC \(H\.265\) video, so emolens converted .* \(2\.3 s; nothing left the device\)\.$/);
  });
});
