/**
 * Named errors shared by the app and the CLIs. Each carries a default message written for a person,
 * so the UI banner and a CLI's stderr line can print `error.message` as it is.
 */

/** Base class: sets `name` from the subclass so `instanceof` and `error.name` both work after bundling. */
export class EmolensError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The file is not a media container we can read (or not media at all). */
export class NotAVideoError extends EmolensError {
  constructor(detail = 'This file is not a video emolens can read.', options?: { cause?: unknown }) {
    super(detail, options);
  }
}

/** The container is readable but has no video track (e.g. an audio-only file). */
export class NoVideoTrackError extends EmolensError {
  constructor(detail = 'This file has no video track (it may be audio only).') {
    super(detail);
  }
}

/** The file ends before its data does (interrupted download or copy). */
export class TruncatedVideoError extends EmolensError {
  constructor(detail = 'This video file is truncated or damaged: its data ends early.', options?: { cause?: unknown }) {
    super(detail, options);
  }
}

/** The codec of a track mediabunny cannot name (MPEG-4 Part 2, ProRes, …): no browser decodes it. */
export const UNKNOWN_CODEC = 'unknown';

/** The video codec cannot be decoded by this browser (e.g. HEVC in Chromium on Linux). */
export class UnsupportedCodecError extends EmolensError {
  constructor(
    readonly codec: string,
    detail = `This browser cannot decode ${codec === UNKNOWN_CODEC ? "this video's codec" : `${codec} video`}. Re-encode it as H.264, VP9 or AV1.`,
  ) {
    super(detail);
  }
}

/** A requested backend could not start. */
export class BackendUnavailableError extends EmolensError {}

/** The work was cancelled because the input changed or the user stopped it. */
export class CanceledError extends EmolensError {
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
