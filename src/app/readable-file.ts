/**
 * A file as the analysis can read it: the file itself when this browser decodes it, else converted
 * on the device (src/video/conversion.ts: HEVC where the system has no decoder, Xvid AVIs, MPEG-2,
 * Windows Media, Flash video). A file FFmpeg cannot read either fails with the browser's own
 * sentence (what it could not read, how to re-encode it), not FFmpeg's.
 */
import { CanceledError } from '../errors';
import type { ReportConversion } from '../shared/analysis-report';
import { ANIMATED_GIF, conversionCause, soundConversionCause, type ConversionKind } from '../video/conversion';
import type { ConvertedVideo } from '../video/convert-video';

/** The file to analyse, and its conversion if it needed one (as the report gives it). */
export interface ReadableFile {
  file: File;
  conversion: ReportConversion | null;
}

/** What the probe says of a file that opens: its frames, and a sound this browser cannot decode. */
interface Probed {
  frameCount: number;
  undecodableSound?: string;
}

/** What reading and converting take: the decode worker's probe, FFmpeg, and a word to the person while it runs. */
export interface ReadableDeps {
  probe(file: File): Promise<Probed>;
  convert(file: File, options: { signal: AbortSignal; kind: ConversionKind; onProgress?: (fraction: number) => void }): Promise<ConvertedVideo>;
  /** Says that `fileName` is being converted; its progress (0–1) as it goes, and that it ended. */
  onConverting?(fileName: string, cause: string, kind: ConversionKind): { progress(fraction: number): void; done(): void };
}

/** The converter the app uses: FFmpeg's code is fetched with the first file that needs it. */
export const convertOnDevice: ReadableDeps['convert'] = (file, options) => import('../video/convert-video').then((m) => m.convertVideo(file, options));

/**
 * `file` converted (`kind`) because the browser cannot read `cause`; what comes out is probed and must
 * pass `usable`. Throws CanceledError on abort and whatever failed otherwise (FFmpeg, the probe, `usable`).
 */
async function converted(file: File, cause: string, kind: ConversionKind, usable: (probed: Probed) => boolean, deps: ReadableDeps, signal: AbortSignal): Promise<ReadableFile> {
  const told = deps.onConverting?.(file.name, cause, kind);
  try {
    const made = await deps.convert(file, { signal, kind, onProgress: (fraction) => told?.progress(fraction) });
    signal.throwIfAborted();
    if (!usable(await deps.probe(made.file))) throw new Error(`the ${kind} FFmpeg made does not read either`);
    return { file: made.file, conversion: { cause, kind, seconds: made.seconds, ...made.plan } };
  } catch (failure) {
    if (signal.aborted || failure instanceof CanceledError) throw new CanceledError();
    console.warn(`emolens: converting ${file.name} failed:`, failure);
    throw failure;
  } finally {
    told?.done();
  }
}

/**
 * `file` as the analysis can read it: probed; converted whole when the browser cannot read its
 * picture (rethrowing what the probe threw when no conversion mends it, or when one fails); its sound
 * alone converted when only that cannot be decoded (left as it is when that fails: the speech model
 * then stays out, and says why). CanceledError on abort.
 */
export async function readableFile(file: File, deps: ReadableDeps, signal: AbortSignal): Promise<ReadableFile> {
  let probed: Probed;
  try {
    probed = await deps.probe(file);
  } catch (unread) {
    const cause = conversionCause(unread);
    if (!cause) throw unread;
    // A GIF that does not move is the picture the browser's sentence says it is.
    const moving = (p: Probed) => cause !== ANIMATED_GIF || p.frameCount >= 2;
    return converted(file, cause, 'video', moving, deps, signal).catch((failure: unknown) => {
      throw failure instanceof CanceledError ? failure : unread;
    });
  }
  if (!probed.undecodableSound) return { file, conversion: null };
  return converted(file, soundConversionCause(probed.undecodableSound), 'sound', (p) => !p.undecodableSound, deps, signal).catch((failure: unknown) => {
    if (failure instanceof CanceledError) throw failure;
    return { file, conversion: null };
  });
}
