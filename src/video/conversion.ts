/**
 * Videos this browser cannot read — an iPhone's HEVC where the system has no HEVC decoder, the
 * Xvid AVIs of datasets such as AFEW, MPEG-2, Windows Media, Flash video — are converted on the
 * device with FFmpeg compiled to WebAssembly (convert-video.ts) into an MP4 the browser plays and
 * WebCodecs decodes. This is the pure part: which failures call for it, the command, the words.
 */
import { NotAVideoError, UNKNOWN_CODEC, UnsupportedCodecError } from '../errors';
import { GIF } from './container-sniff';

/** How a video is converted. */
export const CONVERSION = Object.freeze({
  /**
   * The picture's long side at most this (pixels): 4K phone footage is halved, HD kept. The
   * analysis reads frames at 640 px, and the detector's full input at the video's own side up to
   * 1920 (real-files.md: small faces); beyond that, encoding time is spent on pixels nobody reads.
   */
  maxSide: 1920,
  /** x264's fastest preset: encoding is most of a conversion's time (decoding HEVC 1440p ~20 ms a frame, encoding it ~50). */
  preset: 'ultrafast',
  /**
   * x264's default quality: the analysis reads faces at 640 px at most, and the MP4 stays in memory
   * until the run ends (CRF 20 made a 1080p clip's file 1.6× as large, no faster).
   */
  crf: 23,
  audioBitrate: '160k',
});

/**
 * Interlaced pictures (DVDs, HDV camcorders, TV recordings: the MPEG-2 this converts) are made whole
 * frames, as a player shows them: a moving head's two fields would comb its edges. Frames marked
 * progressive pass as they are.
 */
const DEINTERLACE = 'yadif=deint=interlaced';

/** What a GIF is converted as: one whose conversion holds a single frame is a still picture, and refused as one. */
export const ANIMATED_GIF = 'an animated GIF';

/**
 * What the browser could not read, when `error` is a failure a conversion can mend: a video codec
 * it cannot decode (`UnsupportedCodecError`), or a container it does not read (a sniffed one:
 * `NotAVideoError.container`), or a GIF, which may be a moving one. Null for everything else — another
 * picture, an empty or truncated file, an audio file — which FFmpeg would not make a video either.
 */
export function conversionCause(error: unknown): string | null {
  if (error instanceof UnsupportedCodecError) return error.codec === UNKNOWN_CODEC ? "this video's codec" : `${error.codec} video`;
  if (error instanceof NotAVideoError && error.container) return error.container === GIF ? ANIMATED_GIF : `the ${error.container} container`;
  return null;
}

/**
 * What a conversion makes: the whole `video` (picture and sound re-encoded), or the `sound` alone
 * (a picture the browser decodes is copied as it is, with its rotation tag: only the sound it cannot
 * decode — DTS, ALAC, AMR — becomes AAC; seconds for any length).
 */
export type ConversionKind = 'video' | 'sound';

/**
 * FFmpeg's arguments. `video`: the first video stream that is not a cover picture (`V`) and the first
 * audio stream if any, turned upright by its rotation tag (FFmpeg's default when it re-encodes), made
 * whole frames where interlaced, fit
 * within `CONVERSION.maxSide` on even sides, 8-bit 4:2:0 H.264 (what every browser decodes) and AAC,
 * frame times kept as they were (a phone's variable frame rate is not made constant). `sound`: the
 * same streams, the picture copied.
 */
export function conversionArgs(input: string, output: string, kind: ConversionKind = 'video'): string[] {
  const side = CONVERSION.maxSide;
  // Landscape: the width is capped and the height follows (-2: even); portrait the other way round.
  const scale = `scale=w='if(gte(iw,ih),min(${side},trunc(iw/2)*2),-2)':h='if(gte(iw,ih),-2,min(${side},trunc(ih/2)*2))'`;
  const picture =
    kind === 'sound'
      ? ['-c:v', 'copy']
      : ['-vf', `${DEINTERLACE},${scale}`, '-c:v', 'libx264', '-preset', CONVERSION.preset, '-crf', String(CONVERSION.crf), '-pix_fmt', 'yuv420p', '-fps_mode', 'passthrough'];
  return [
    '-hide_banner',
    '-i', input,
    '-map', '0:V:0', '-map', '0:a:0?',
    ...picture,
    '-c:a', 'aac', '-b:a', CONVERSION.audioBitrate,
    '-movflags', '+faststart',
    output,
  ];
}

/** The names the sentences give sound codecs the browser may lack (mediabunny's ids). */
const SOUND_NAMES: Readonly<Record<string, string>> = Object.freeze({ dts: 'DTS', alac: 'ALAC (Apple Lossless)', amr: 'AMR (older phones)', wma: 'Windows Media Audio' });

/** What the browser could not read of a file whose picture it decodes: its sound (`VideoInfo.undecodableSound`). */
export function soundConversionCause(codec: string): string {
  return codec === UNKNOWN_CODEC ? "this video's sound" : `its ${SOUND_NAMES[codec] ?? codec} sound`;
}

/** Said in the report and on the page of a video analysed converted. */
export function convertedWarning(cause: string, seconds: number, kind: ConversionKind = 'video'): string {
  const made = kind === 'sound' ? 'its sound to AAC' : 'the video to H.264';
  return `This browser cannot read ${cause}, so emolens converted ${made} on this device before analysing it (${seconds.toFixed(1)} s; nothing left the device).`;
}

/** Said while it converts; `fraction`: how much is done (0–1), once FFmpeg says. */
export function convertingNotice(fileName: string, cause: string, kind: ConversionKind = 'video', fraction?: number): string {
  const done = fraction === undefined ? '' : ` ${Math.floor(fraction * 100)} % done.`;
  if (kind === 'sound') return `Converting the sound of ${fileName} to AAC on this device first: this browser cannot read ${cause}…${done}`;
  return `Converting ${fileName} to H.264 on this device first: this browser cannot read ${cause} (it takes about as long as the video plays, longer for HD)…${done}`;
}
