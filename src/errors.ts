/**
 * Named errors shared by the app and the CLIs. Each carries a default message written for a person,
 * so the UI banner and a CLI's stderr line can print `error.message` as it is.
 */

/**
 * Base class. Each class names itself with a string (`override name = '…'`), not its class's own
 * name: the bundler shortens class names (NotAVideoError became `po`), and the name is how an error
 * is rebuilt as its class across a worker boundary (wire-error.ts).
 */
export class EmolensError extends Error {
  override name = 'EmolensError';
}

/** The file is not a media container we can read (or not media at all). */
export class NotAVideoError extends EmolensError {
  override name = 'NotAVideoError';
  /** A video container the browser does not read, named from the file's first bytes (container-sniff.ts): FFmpeg may. */
  readonly container?: string;

  constructor(detail = 'This file is not a video emolens can read.', options?: { cause?: unknown; container?: string }) {
    super(detail, options);
    if (options?.container) this.container = options.container;
  }
}

/** The container is readable but has no video track (e.g. an audio-only file). */
export class NoVideoTrackError extends EmolensError {
  override name = 'NoVideoTrackError';
  constructor(detail = 'This file has no video track (it may be audio only).') {
    super(detail);
  }
}

/** The file ends before its data does (interrupted download or copy). */
export class TruncatedVideoError extends EmolensError {
  override name = 'TruncatedVideoError';
  constructor(detail = 'This video file is truncated or damaged: its data ends early.', options?: { cause?: unknown }) {
    super(detail, options);
  }
}

/** The codec of a track mediabunny cannot name (MPEG-4 Part 2, ProRes, …): no browser decodes it. */
export const UNKNOWN_CODEC = 'unknown';

/** The video codec cannot be decoded by this browser (e.g. HEVC in Chromium on Linux). */
export class UnsupportedCodecError extends EmolensError {
  override name = 'UnsupportedCodecError';
  constructor(
    readonly codec: string,
    detail = `This browser cannot decode ${codec === UNKNOWN_CODEC ? "this video's codec" : `${codec} video`}. Re-encode it as H.264, VP9 or AV1.`,
  ) {
    super(detail);
  }
}

/** A requested backend could not start. */
export class BackendUnavailableError extends EmolensError {
  override name = 'BackendUnavailableError';
}

/** The work was cancelled because the input changed or the user stopped it. */
export class CanceledError extends EmolensError {
  override name = 'CanceledError';
  constructor(detail = 'Canceled.') {
    super(detail);
  }
}

/** Turns anything thrown into one sentence a person can read. */
export function describeError(error: unknown): string {
  if (error instanceof EmolensError) return error.message;
  if (error instanceof Error && error.message) return `Something went wrong: ${error.message}`;
  return `Something went wrong: ${String(error)}`;
}
