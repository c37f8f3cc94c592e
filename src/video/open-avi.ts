/**
 * Opens an AVI file (avi-file.ts finds its chunks) as an OpenedVideo, and its sound as a file
 * mediabunny reads: the AVIs of older digital cameras hold Motion JPEG (ImageDecoder) with PCM
 * sound, some capture tools' H.264 in Annex B form (VideoDecoder). Xvid/DivX, the usual AVI of
 * films and of datasets such as AFEW, no browser decodes: it is named. Browser and worker only.
 */
import { NotAVideoError, NoVideoTrackError, TruncatedVideoError, UnsupportedCodecError } from '../errors';
import { AviFormatError, readAviFile, type AviAudioStream, type AviChunk, type AviFile, type ByteReader } from './avi-file';
import { CODEC_NAMES } from './codec-names';
import { AVI } from './container-sniff';
import { configuredDecoder, slotTimedDecoder } from './frame-decoder';
import { h264CodecString, isH264KeyFrame } from './h264-annex-b';
import { canDecodeMotionJpeg, createJpegFrameDecoder, MOTION_JPEG } from './jpeg-frame-decoder';
import type { OpenedVideo } from './open-video';

/** AVI video fourccs (BITMAPINFOHEADER compression, upper-cased) by codec. */
const MOTION_JPEG_FOURCCS = new Set(['MJPG', 'JPEG', 'AVRN', 'DMB1', 'MJPA']);
const H264_FOURCCS = new Set(['H264', 'X264', 'AVC1', 'DAVC']);
const UNDECODABLE_FOURCCS: Record<string, string> = {
  XVID: CODEC_NAMES.mpeg4Part2,
  DIVX: CODEC_NAMES.mpeg4Part2,
  DX50: CODEC_NAMES.mpeg4Part2,
  FMP4: CODEC_NAMES.mpeg4Part2,
  MP4V: CODEC_NAMES.mpeg4Part2,
  '3IV2': CODEC_NAMES.mpeg4Part2,
  DIV3: CODEC_NAMES.msMpeg4,
  MP43: CODEC_NAMES.msMpeg4,
  MP42: CODEC_NAMES.msMpeg4,
  DVSD: CODEC_NAMES.dv,
  DV25: CODEC_NAMES.dv,
  CDVC: CODEC_NAMES.dv,
  MPG2: CODEC_NAMES.mpeg2,
  WMV3: CODEC_NAMES.vc1,
  WVC1: CODEC_NAMES.vc1,
  HEVC: CODEC_NAMES.hevc,
  H265: CODEC_NAMES.hevc,
};

/** A header announcing more than this many times the frame slots found means the recording was cut short. */
const CUT_SHORT_RATIO = 1.02;

/** Sound format tags mediabunny reads once the chunks are laid end to end (MP3, AAC with ADTS headers) or under a WAV header (PCM, float). */
const WAVE_FORMAT = { pcm: 1, float: 3, mp3: 0x55, aac: 0xff, aacAdts: 0x1600 } as const;

/** Names of the AVI sound formats people's files carry that the browser cannot take (the page converts them). */
const AVI_SOUND_NAMES: Readonly<Record<number, string>> = Object.freeze({ 0x2: 'MS ADPCM', 0x11: 'IMA ADPCM', 0x50: 'MP2', 0x161: 'Windows Media Audio', 0x2000: 'AC-3', 0x2001: 'DTS' });

function blobReader(blob: Blob): ByteReader {
  return async (offset, length) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer());
}

async function readAvi(blob: Blob): Promise<AviFile> {
  try {
    return await readAviFile(blobReader(blob), blob.size);
  } catch (error) {
    if (error instanceof AviFormatError) throw new TruncatedVideoError(undefined, { cause: error });
    // An AVI this reader does not follow (FFmpeg may: conversion.ts).
    throw new NotAVideoError(undefined, { cause: error, container: AVI });
  }
}

/** Opens the AVI `blob`; throws as openVideo does. */
export async function openAvi(blob: Blob): Promise<OpenedVideo> {
  const { video, audio } = await readAvi(blob);
  if (!video) throw new NoVideoTrackError();
  const fourcc = video.compression.toUpperCase();
  const slots = video.chunks.map((chunk, slot) => ({ chunk, timestamp: Math.round(slot * video.frameSec * 1e6) })).filter((s) => s.chunk.size > 0);
  if (slots.length === 0 || video.frameSec <= 0) throw new TruncatedVideoError('This video has no frames.');
  const read = blobReader(blob);
  const bytesOf = (chunk: AviChunk) => read(chunk.offset, chunk.size);

  let codec: string;
  let codecString: string;
  let isKey: (bytes: Uint8Array) => boolean;
  let createDecoder: OpenedVideo['createDecoder'];
  if (MOTION_JPEG_FOURCCS.has(fourcc)) {
    if (!(await canDecodeMotionJpeg())) throw new UnsupportedCodecError(CODEC_NAMES.motionJpeg);
    codec = codecString = MOTION_JPEG;
    isKey = () => true;
    createDecoder = createJpegFrameDecoder;
  } else if (H264_FOURCCS.has(fourcc)) {
    const config: VideoDecoderConfig = { codec: h264CodecString(await bytesOf(slots[0]!.chunk)) ?? '', codedWidth: video.width, codedHeight: video.height };
    const support = config.codec ? await VideoDecoder.isConfigSupported(config).catch(() => ({ supported: false })) : { supported: false };
    if (!support.supported) throw new UnsupportedCodecError(CODEC_NAMES.h264);
    codec = 'avc';
    codecString = config.codec;
    isKey = isH264KeyFrame;
    // Decode order in, presentation order out: the frames take the slots' times in order.
    createDecoder = (init) => slotTimedDecoder(init, (inner) => configuredDecoder(inner, config));
  } else {
    throw new UnsupportedCodecError(UNDECODABLE_FOURCCS[fourcc] ?? `AVI '${video.compression}'`);
  }

  const durationSec = video.chunks.length * video.frameSec;
  // Nothing is held open: every read slices the Blob.
  const dispose = () => {};
  return {
    info: {
      durationSec,
      frameCount: slots.length,
      // A recording cut short keeps its header's count (2 % of slack for writers that count loosely).
      ...(video.declaredFrames > video.chunks.length * CUT_SHORT_RATIO && { declaredFrames: video.declaredFrames }),
      fps: slots.length / durationSec,
      width: video.width,
      height: video.height,
      codec,
      codecString,
      // A sound aviSoundFile cannot hand on (IMA ADPCM of older cameras, AC-3 or MP2 of films): converted by the page.
      ...(audio && audio.chunks.length > 0 && !(await aviSoundFormat(blob, audio)) && { undecodableSound: AVI_SOUND_NAMES[audio.subFormat] ?? `format 0x${audio.subFormat.toString(16)}` }),
    },
    async *chunks() {
      for (const { chunk, timestamp } of slots) {
        const data = await bytesOf(chunk);
        // A chunk the file does not hold whole: the recording was cut short.
        if (data.length < chunk.size) throw new TruncatedVideoError();
        yield new EncodedVideoChunk({ type: isKey(data) ? 'key' : 'delta', timestamp, duration: Math.round(video.frameSec * 1e6), data });
      }
    },
    createDecoder,
    dispose,
    [Symbol.dispose]: dispose,
  };
}

/** Longest sound taken from an AVI (as decode-audio.ts reads at most). */
const MAX_AUDIO_SECONDS = 120;

/** The AVI `blob`'s sound as a file mediabunny reads (WAV, MP3 or ADTS AAC), or why there is none. */
export async function aviSoundFile(blob: Blob): Promise<{ file: Blob } | { reason: string }> {
  const { audio } = await readAvi(blob);
  if (!audio || audio.chunks.length === 0) return { reason: 'the video has no audio track' };
  const maxBytes = audio.bytesPerSec > 0 ? audio.bytesPerSec * MAX_AUDIO_SECONDS : Infinity;
  // Slices of the file, not copies: the new file is read only as far as the decoder goes.
  const parts: Blob[] = [];
  let bytes = 0;
  for (const chunk of audio.chunks) {
    if (bytes >= maxBytes) break;
    parts.push(blob.slice(chunk.offset, chunk.offset + chunk.size));
    bytes += chunk.size;
  }
  const format = await aviSoundFormat(blob, audio);
  if (format === 'wave') return { file: new Blob([waveHeader(audio, bytes) as BlobPart, ...parts]) };
  if (format) return { file: new Blob(parts) };
  return { reason: `its audio (AVI sound format 0x${audio.subFormat.toString(16)}) cannot be decoded in this browser` };
}

/**
 * How an AVI's sound is handed on: PCM or float under a WAV header (`wave`), MP3 or ADTS AAC as
 * they are (`stream`); null for any other format (the browser would need it converted).
 */
async function aviSoundFormat(blob: Blob, audio: AviAudioStream): Promise<'wave' | 'stream' | null> {
  const format = audio.subFormat;
  if (format === WAVE_FORMAT.pcm || format === WAVE_FORMAT.float) return 'wave';
  if (format === WAVE_FORMAT.mp3) return 'stream';
  if (format !== WAVE_FORMAT.aac && format !== WAVE_FORMAT.aacAdts) return null;
  const first = audio.chunks[0];
  const head = first ? new Uint8Array(await blob.slice(first.offset, first.offset + 2).arrayBuffer()) : new Uint8Array(0);
  return head[0] === 0xff && (head[1]! & 0xf0) === 0xf0 ? 'stream' : null;
}

/** A 44-byte WAV header for `dataBytes` of the stream's PCM or float samples. */
function waveHeader(audio: AviAudioStream, dataBytes: number): Uint8Array {
  const header = new Uint8Array(44);
  const v = new DataView(header.buffer);
  const text = (at: number, s: string) => [...s].forEach((c, i) => (header[at + i] = c.charCodeAt(0)));
  const blockAlign = audio.blockAlign || (audio.channels * audio.bitsPerSample) / 8;
  text(0, 'RIFF');
  v.setUint32(4, 36 + dataBytes, true);
  text(8, 'WAVEfmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, audio.subFormat, true);
  v.setUint16(22, audio.channels, true);
  v.setUint32(24, audio.sampleRate, true);
  v.setUint32(28, audio.sampleRate * blockAlign, true);
  v.setUint16(32, blockAlign, true);
  v.setUint16(34, audio.bitsPerSample, true);
  text(36, 'data');
  v.setUint32(40, dataBytes, true);
  return header;
}
