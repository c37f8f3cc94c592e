/**
 * A file as the analysis can read it: the file itself when this browser decodes it, else converted
 * on the device (src/video/conversion.ts: HEVC where the system has no decoder, Xvid AVIs, MPEG-2,
 * Windows Media, Flash video). A file FFmpeg cannot read either fails with the browser's own
 * sentence (what it could not read, how to re-encode it), not FFmpeg's.
 */
import { CanceledError } from '../errors';
import { ANIMATED_GIF, conversionCause } from '../video/conversion';
import type { ConvertedVideo } from '../video/convert-video';

/** What was converted, and how long it took (the report says so). */
export interface Conversion {
  /** What the browser could not read ("HEVC (H.265) video", "the Windows Media (WMV, ASF) container"). */
  cause: string;
  seconds: number;
}

/** The file to analyse, and its conversion if it needed one. */
export interface ReadableFile {
  file: File;
  conversion: Conversion | null;
}

/** What reading and converting take: the decode worker's probe, FFmpeg, and a word to the person while it runs. */
export interface ReadableDeps {
  probe(file: File): Promise<{ frameCount: number }>;
  convert(file: File, options: { signal: AbortSignal; onProgress?: (fraction: number) => void }): Promise<ConvertedVideo>;
  /** Says that `fileName` is being converted; its progress (0–1) as it goes, and that it ended. */
  onConverting?(fileName: string, cause: string): { progress(fraction: number): void; done(): void };
}

/** The converter the app uses: FFmpeg's code is fetched with the first file that needs it. */
export const convertOnDevice: ReadableDeps['convert'] = (file, options) => import('../video/convert-video').then((m) => m.convertVideo(file, options));

/**
 * `file` converted when `unread` (what probing it threw) is a failure a conversion mends; rethrows
 * `unread` otherwise, and when FFmpeg fails or its MP4 does not read either. CanceledError on abort.
 */
async function convertUnread(file: File, unread: unknown, deps: ReadableDeps, signal: AbortSignal): Promise<ReadableFile> {
  const cause = conversionCause(unread);
  if (!cause) throw unread;
  const told = deps.onConverting?.(file.name, cause);
  try {
    const converted = await deps.convert(file, { signal, onProgress: (fraction) => told?.progress(fraction) });
    signal.throwIfAborted();
    const { frameCount } = await deps.probe(converted.file);
    // A GIF that does not move is the picture the browser's sentence says it is.
    if (cause === ANIMATED_GIF && frameCount < 2) throw new Error('a still GIF');
    return { file: converted.file, conversion: { cause, seconds: converted.seconds } };
  } catch (failure) {
    if (signal.aborted || failure instanceof CanceledError) throw new CanceledError();
    console.warn(`emolens: converting ${file.name} failed:`, failure);
    throw unread;
  } finally {
    told?.done();
  }
}

/** `file` as the analysis can read it (probed; converted when it must be). */
export async function readableFile(file: File, deps: ReadableDeps, signal: AbortSignal): Promise<ReadableFile> {
  try {
    await deps.probe(file);
    return { file, conversion: null };
  } catch (unread) {
    return convertUnread(file, unread, deps, signal);
  }
}
