/**
 * Opens a video File/Blob with mediabunny (an AVI, which it does not read, with open-avi.ts) and
 * reports what it is before any decoding: duration, frame count, fps, display size and codec.
 * Failures become named errors (see src/errors.ts).
 */
import {
  ALL_FORMATS,
  BlobSource,
  EncodedPacketSink,
  Input,
  type InputVideoTrack,
  UnsupportedInputFormatError,
} from 'mediabunny';
import { NoVideoTrackError, NotAVideoError, TruncatedVideoError, UNKNOWN_CODEC, UnsupportedCodecError } from '../errors';
import type { VideoInfo } from '../shared/video-info';
import { AVI, GIF, sniffBlob, sniffedFileMessage } from './container-sniff';
import { canDecodeSound } from './sound-decoder';
import { canDecodeMotionJpeg, createJpegFrameDecoder, isJpeg, isMotionJpegId, MOTION_JPEG } from './jpeg-frame-decoder';
import { configuredDecoder, type FrameDecoder } from './frame-decoder';
import { openAvi } from './open-avi';
import { mpegTsVideoCodec } from './mpeg-ts-streams';
import { CODEC_NAMES } from './codec-names';

/** Bytes read to find an MPEG-TS file's program tables. */
const TS_TABLES_BYTES = 64 * 1024;

export type { VideoInfo };

/** An opened video: its info, its encoded frames and a decoder for them, and `dispose()`. */
export interface OpenedVideo extends Disposable {
  info: VideoInfo;
  /** The video track's encoded frames in decode order; throws when the data ends early or is unreadable. */
  chunks(): AsyncGenerator<EncodedVideoChunk, void, undefined>;
  /** A decoder for `chunks()`: WebCodecs' VideoDecoder, or a look-alike (Motion JPEG, AVI). */
  createDecoder(init: VideoDecoderInit): FrameDecoder;
  dispose(): void;
}

/** True for the errors mediabunny raises when a read goes past the end of the data. */
export function isEndOfDataError(error: unknown): boolean {
  const msg = error instanceof Error ? error.message : String(error);
  return /out of bounds|end of (file|data|stream)|unexpected end|beyond|truncat|RangeError|offset/i.test(msg);
}

/** Opens `blob` and reads its metadata; throws NotAVideoError, NoVideoTrackError, TruncatedVideoError or UnsupportedCodecError. */
export async function openVideo(blob: Blob): Promise<OpenedVideo> {
  if (blob.size === 0) throw new NotAVideoError('This file is empty (0 bytes).');
  // Before mediabunny: a phone's HEIC photo is an ISO file it would open, and call truncated.
  const sniffed = await sniffBlob(blob);
  if (sniffed?.name === AVI) return openAvi(blob);
  // A container browsers do not read, or a GIF (which may move): FFmpeg may read them (conversion.ts).
  if (sniffed) throw new NotAVideoError(sniffedFileMessage(sniffed), sniffed.kind === 'container' || sniffed.name === GIF ? { container: sniffed.name } : undefined);
  const input = new Input({ source: new BlobSource(blob), formats: ALL_FORMATS });
  let disposed = false;
  const dispose = () => {
    if (disposed) return;
    disposed = true;
    input.dispose();
  };
  try {
    let track: InputVideoTrack | null;
    try {
      track = await input.getPrimaryVideoTrack();
    } catch (error) {
      if (error instanceof UnsupportedInputFormatError) throw new NotAVideoError(undefined, { cause: error });
      if (isEndOfDataError(error)) throw new TruncatedVideoError(undefined, { cause: error });
      throw new NotAVideoError(undefined, { cause: error });
    }
    if (!track) {
      // A container with no track at all lost its index (an MP4 cut before its moov atom);
      // one with only audio tracks is audio.
      const tracks = await input.getTracks().catch(() => []);
      if (tracks.length === 0) throw new TruncatedVideoError();
      // An MPEG-TS whose video mediabunny skipped (MPEG-2 of HDV camcorders and TV recordings) is not audio.
      const tsVideo = mpegTsVideoCodec(new Uint8Array(await blob.slice(0, TS_TABLES_BYTES).arrayBuffer()));
      throw tsVideo ? new UnsupportedCodecError(tsVideo) : new NoVideoTrackError();
    }

    const { codec, decoderConfig } = await decodableCodec(track);

    let stats;
    let durationSec;
    let startSec;
    try {
      stats = await track.computePacketStats();
      startSec = await timelineStart(input, track);
      durationSec = (await track.computeDuration()) - startSec;
    } catch (error) {
      throw new TruncatedVideoError(undefined, { cause: error });
    }
    if (stats.packetCount === 0) throw new TruncatedVideoError('This video has no frames.');

    const info: VideoInfo = {
      durationSec,
      ...(startSec > 0 && { startSec }),
      frameCount: stats.packetCount,
      fps: stats.averagePacketRate,
      width: await track.getDisplayWidth(),
      height: await track.getDisplayHeight(),
      codec,
      codecString: decoderConfig.codec,
      orientation: { rotation: await track.getRotation(), flip: await track.getFlip() },
      ...(await undecodableSound(input)),
    };
    const chunks = async function* () {
      for await (const packet of new EncodedPacketSink(track).packets()) yield packet.toEncodedVideoChunk();
    };
    const createDecoder = (init: VideoDecoderInit) => (codec === MOTION_JPEG ? createJpegFrameDecoder(init) : configuredDecoder(init, decoderConfig));
    return { info, chunks, createDecoder, dispose, [Symbol.dispose]: dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}

/** `{ undecodableSound }` when the file's primary sound track cannot be decoded here; {} otherwise. */
async function undecodableSound(input: Input): Promise<Pick<VideoInfo, 'undecodableSound'>> {
  const sound = await input.getPrimaryAudioTrack().catch(() => null);
  if (!sound || (await canDecodeSound(sound).catch(() => true))) return {};
  return { undecodableSound: sound.codec ?? UNKNOWN_CODEC };
}

/**
 * Where a file's timeline starts (VideoInfo.startSec): the earlier first timestamp of `video` and
 * the primary audio track, never below 0 (priming and edit-list pre-roll come before 0 and are not
 * shown). Both tracks, so a voice that starts later than the picture stays later.
 */
export async function timelineStart(input: Input, video: InputVideoTrack | null): Promise<number> {
  const audio = await input.getPrimaryAudioTrack().catch(() => null);
  const tracks = [video, audio].filter((t) => t !== null);
  return tracks.length === 0 ? 0 : Math.max(0, await input.getFirstTimestamp(tracks));
}

/**
 * The track's codec and how to decode it; throws UnsupportedCodecError when this browser cannot.
 * Motion JPEG has no VideoDecoder config: its frames go through ImageDecoder (jpeg-frame-decoder.ts).
 */
async function decodableCodec(track: InputVideoTrack): Promise<{ codec: string; decoderConfig: VideoDecoderConfig }> {
  if (isMotionJpegId(track.internalCodecId) || (track.internalCodecId === 'mp4v' && (await firstPacketIsJpeg(track)))) {
    if (!(await canDecodeMotionJpeg())) throw new UnsupportedCodecError(CODEC_NAMES.motionJpeg);
    return { codec: MOTION_JPEG, decoderConfig: { codec: MOTION_JPEG, codedWidth: track.codedWidth, codedHeight: track.codedHeight } };
  }
  // A codec no browser decodes (MPEG-4 Part 2, H.263, …) has no name in mediabunny: the container's id tells it.
  const codec = (await track.getCodec()) ?? UNKNOWN_CODEC;
  const decoderConfig = await track.getDecoderConfig();
  if (!decoderConfig) throw new UnsupportedCodecError(codec === UNKNOWN_CODEC ? (containerCodecName(track.internalCodecId) ?? codec) : codecDisplayName(codec));
  const support = await VideoDecoder.isConfigSupported(decoderConfig).catch(() => ({ supported: false }));
  if (!support.supported) throw new UnsupportedCodecError(codecDisplayName(codec));
  return { codec, decoderConfig };
}

/**
 * True when the track's first packet is a JPEG picture: Motion JPEG in an MP4 has the `mp4v` sample
 * entry of MPEG-4 Part 2 (only its object type, which mediabunny does not expose, differs), while an
 * MPEG-4 Part 2 packet starts with a start code (00 00 01).
 */
async function firstPacketIsJpeg(track: InputVideoTrack): Promise<boolean> {
  const packet = await new EncodedPacketSink(track).getFirstPacket().catch(() => null);
  return packet !== null && isJpeg(packet.data);
}

/** A name people know for a mediabunny codec id. */
function codecDisplayName(codec: string): string {
  const names: Record<string, string> = { avc: CODEC_NAMES.h264, hevc: CODEC_NAMES.hevc, vp8: CODEC_NAMES.vp8, vp9: CODEC_NAMES.vp9, av1: CODEC_NAMES.av1, prores: CODEC_NAMES.prores };
  return names[codec] ?? codec;
}

/** Codecs of older phones and cameras by their MP4/3GP sample entry or Matroska codec id, which mediabunny does not name. */
const CONTAINER_CODEC_NAMES: Record<string, string> = {
  mp4v: CODEC_NAMES.mpeg4Part2,
  'V_MPEG4/ISO/ASP': CODEC_NAMES.mpeg4Part2,
  'V_MPEG4/ISO/SP': CODEC_NAMES.mpeg4Part2,
  s263: CODEC_NAMES.h263,
  h263: CODEC_NAMES.h263,
  V_MPEG2: CODEC_NAMES.mpeg2,
  // QuickTime sample entries of editors' intermediate codecs (mediabunny names none of them).
  AVdn: CODEC_NAMES.dnxhd,
  AVdh: CODEC_NAMES.dnxhd,
  CFHD: CODEC_NAMES.cineform,
};

function containerCodecName(id: unknown): string | null {
  return typeof id === 'string' ? (CONTAINER_CODEC_NAMES[id] ?? null) : null;
}
