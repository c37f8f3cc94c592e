import { describe, expect, it } from 'vitest';
import { NotAVideoError, TruncatedVideoError, UNKNOWN_CODEC, UnsupportedCodecError } from '../errors';
import { CONVERSION, conversionArgs, conversionCause, conversionPlan, convertedWarning, soundConversionCause } from './conversion';

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
    expect(convertedWarning({ cause: 'its DTS sound', seconds: 0.31, kind: 'sound' })).toMatch(/^This browser cannot read its DTS sound, so emolens converted its sound to AAC on this device/);
  });

  it('says what was converted, and that it stayed on the device', () => {
    expect(convertedWarning({ cause: 'HEVC (H.265) video', seconds: 2.345 })).toMatch(/^This browser cannot read HEVC \(H\.265\) video, so emolens converted .* \(2\.3 s; nothing left the device\)\.$/);
  });
});

describe('a long video fits in memory', () => {
  const bytes = (durationSec: number) => (durationSec * (conversionPlan(durationSec).videoBitsPerSec + CONVERSION.audioBitsPerSec)) / 8;

  it('a clip, and a video FFmpeg gives no duration for, get the usual picture: HD kept, the bit rate capped', () => {
    for (const plan of [conversionPlan(8), conversionPlan(600), conversionPlan(null)]) expect(plan).toEqual({ maxSide: 1920, videoBitsPerSec: CONVERSION.maxVideoBitsPerSec });
    const args = conversionArgs('/input/video', '/out.mp4');
    expect(args.slice(args.indexOf('-maxrate'), args.indexOf('-maxrate') + 4)).toEqual(['-maxrate', '5000000', '-bufsize', '10000000']);
    // The index is left at the end: moving it to the front would write the whole MP4 again in memory.
    expect(args).not.toContain('-movflags');
  });

  it('longer ones a lower bit rate, within the budget; an hour also a smaller picture, said in the warning', () => {
    const half = conversionPlan(30 * 60);
    expect(half.maxSide).toBe(1920);
    expect(half.videoBitsPerSec).toBeLessThan(CONVERSION.maxVideoBitsPerSec);
    expect(bytes(30 * 60)).toBeLessThanOrEqual(CONVERSION.budgetBytes + 1);
    const hour = conversionPlan(3600);
    expect(hour.maxSide).toBe(CONVERSION.smallerSide);
    expect(bytes(3600)).toBeLessThanOrEqual(CONVERSION.budgetBytes + 1);
    expect(conversionArgs('/in', '/out.mp4', 'video', hour).join(' ')).toContain(`min(${CONVERSION.smallerSide},`);
    expect(convertedWarning({ cause: 'HEVC (H.265) video', seconds: 4000, kind: 'video', ...hour })).toMatch(/\(4000\.0 s, at most 1280 px on its long side to keep a video this long within memory; nothing left the device\)/);
    expect(convertedWarning({ cause: 'HEVC (H.265) video', seconds: 4, kind: 'video', ...half })).not.toMatch(/px/);
  });

  it('never under the least bit rate a face stays sharp at, however long', () => {
    expect(conversionPlan(10 * 3600).videoBitsPerSec).toBe(CONVERSION.minVideoBitsPerSec);
  });
});

