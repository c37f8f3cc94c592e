/** Video input: open a File/Blob, read its metadata, decode sampled frames (WebCodecs), read their pixels. */
export { openVideo, type OpenedVideo, type VideoInfo } from './open-video';
export { decodeFrames, type DecodedFrame, type DecodeOptions } from './decode-frames';
export { fitWithin } from './frame-size';
export { createFrameSelector, expectedSampledFrames, type FrameSelector } from './frame-selector';
export { createGrayReader, createPixelReader, readScaledVideoFrameRgb, readVideoFrameRgba, rgbaToRgbInt32, type FramePixels, type PixelReader } from './frame-pixels';
export { decodeAudio, type AudioOutcome, type DecodedAudio } from './decode-audio';
export { isUpright, storedSize, turnedInfo, uprightBitmap, uprightTransform, type Orientation, type Rotation } from './orientation';
