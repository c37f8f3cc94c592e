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
  /** x264's default quality, where the bit rate below allows it: the analysis reads faces at 640 px at most. */
  crf: 23,
  /**
   * The picture's bit rate at most this (bits a second). The MP4 is held in memory until the run
   * ends, and ultrafast at CRF 23 spends what noise asks: a dim, grainy 1080p phone clip came out at
   * 58 Mbit/s (430 MB a minute); at 5 it is 38 MB a minute, faces still sharp at 640 px.
   */
  maxVideoBitsPerSec: 5_000_000,
  /**
   * What a whole conversion may come to (bytes): a longer video gets a lower bit rate (and, under
   * `smallerBelowBitsPerSec`, a smaller picture) so that an hour of phone video still fits in a
   * laptop browser's memory.
   */
  budgetBytes: 1_000_000_000,
  /** The bit rate never goes under this: below it faces blur into blocks (a video over ~2.2 h may then pass the budget). */
  minVideoBitsPerSec: 1_000_000,
  /** Under this bit rate the picture's long side is `smallerSide`: fewer pixels for the bits (and faster to encode). */
  smallerBelowBitsPerSec: 2_500_000,
  smallerSide: 1280,
  audioBitsPerSec: 160_000,
});

/** How one video is converted: its picture's long side and bit rate at most. */
export interface ConversionPlan {
  maxSide: number;
  videoBitsPerSec: number;
}

/**
 * The plan for a video of `durationSec` (null when FFmpeg could not tell: the plan for a short one):
 * the bit rate that keeps the whole MP4 within `CONVERSION.budgetBytes`, at most the usual one.
 */
export function conversionPlan(durationSec: number | null): ConversionPlan {
  const { maxVideoBitsPerSec, budgetBytes, minVideoBitsPerSec, audioBitsPerSec, smallerBelowBitsPerSec } = CONVERSION;
  const fitting = durationSec && durationSec > 0 ? (budgetBytes * 8) / durationSec - audioBitsPerSec : Infinity;
  const videoBitsPerSec = Math.round(Math.max(minVideoBitsPerSec, Math.min(maxVideoBitsPerSec, fitting)));
  return { maxSide: videoBitsPerSec < smallerBelowBitsPerSec ? CONVERSION.smallerSide : CONVERSION.maxSide, videoBitsPerSec };
}

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
 * whole frames where interlaced, fit within `plan.maxSide` on even sides, 8-bit 4:2:0 H.264 (what
 * every browser decodes) at CRF 23 capped at `plan.videoBitsPerSec`, and AAC; frame times kept as
 * they were (a phone's variable frame rate is not made constant). `sound`: the same streams, the
 * picture copied. The index stays at the file's end (no `+faststart`): the MP4 is read from memory,
 * where that costs nothing, and moving it would write the whole file a second time, in memory too.
 */
export function conversionArgs(input: string, output: string, kind: ConversionKind = 'video', plan: ConversionPlan = conversionPlan(null)): string[] {
  const side = plan.maxSide;
  // Landscape: the width is capped and the height follows (-2: even); portrait the other way round.
  const scale = `scale=w='if(gte(iw,ih),min(${side},trunc(iw/2)*2),-2)':h='if(gte(iw,ih),-2,min(${side},trunc(ih/2)*2))'`;
  // x264's bit-rate cap needs a buffer: two seconds' worth lets a burst of motion through.
  const cap = ['-maxrate', String(plan.videoBitsPerSec), '-bufsize', String(2 * plan.videoBitsPerSec)];
  const picture =
    kind === 'sound'
      ? ['-c:v', 'copy']
      : ['-vf', `${DEINTERLACE},${scale}`, '-c:v', 'libx264', '-preset', CONVERSION.preset, '-crf', String(CONVERSION.crf), ...cap, '-pix_fmt', 'yuv420p', '-fps_mode', 'passthrough'];
  return [
    '-hide_banner',
    '-i', input,
    '-map', '0:V:0', '-map', '0:a:0?',
    ...picture,
    '-c:a', 'aac', '-b:a', String(CONVERSION.audioBitsPerSec),
    output,
  ];
}

/** FFmpeg's arguments for the duration (seconds, as text in `output`) of `input`: ffprobe reads the container's header. */
export function durationProbeArgs(input: string, output: string): string[] {
  return ['-v', 'error', '-show_entries', 'format=duration', '-of', 'default=noprint_wrappers=1:nokey=1', input, '-o', output];
}

/** The names the sentences give sound codecs the browser may lack (mediabunny's ids). */
const SOUND_NAMES: Readonly<Record<string, string>> = Object.freeze({ dts: 'DTS', alac: 'ALAC (Apple Lossless)', amr: 'AMR (older phones)', wma: 'Windows Media Audio' });

/** What the browser could not read of a file whose picture it decodes: its sound (`VideoInfo.undecodableSound`). */
export function soundConversionCause(codec: string): string {
  return codec === UNKNOWN_CODEC ? "this video's sound" : `its ${SOUND_NAMES[codec] ?? codec} sound`;
}

/** Said in the report and on the page of a video analysed converted; a picture made smaller than usual (`maxSide`: a long video) is said too. */
export function convertedWarning({ cause, seconds, kind = 'video', maxSide }: { cause: string; seconds: number; kind?: ConversionKind; maxSide?: number }): string {
  const made = kind === 'sound' ? 'its sound to AAC' : 'the video to H.264';
  const smaller = kind === 'video' && maxSide !== undefined && maxSide < CONVERSION.maxSide ? `, at most ${maxSide} px on its long side to keep a video this long within memory` : '';
  return `This browser cannot read ${cause}, so emolens converted ${made} on this device before analysing it (${seconds.toFixed(1)} s${smaller}; nothing left the device).`;
}

/** Said while it converts; `fraction`: how much is done (0–1), once FFmpeg says. */
export function convertingNotice(fileName: string, cause: string, kind: ConversionKind = 'video', fraction?: number): string {
  const done = fraction === undefined ? '' : ` ${Math.floor(fraction * 100)} % done.`;
  if (kind === 'sound') return `Converting the sound of ${fileName} to AAC on this device first: this browser cannot read ${cause}…${done}`;
  return `Converting ${fileName} to H.264 on this device first: this browser cannot read ${cause} (it takes about as long as the video plays, longer for HD)…${done}`;
}
