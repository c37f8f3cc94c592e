/**
 * Converts a video this browser cannot read into an MP4 it can (conversion.ts says which and how),
 * with FFmpeg compiled to WebAssembly (@ffmpeg/ffmpeg, running @ffmpeg/core in its own worker; both
 * served by us from ffmpeg/, copied there by scripts/copy-models.mjs). Loaded only when a file needs
 * it (32 MB): no other file pays for it. The input is mounted read-only (WORKERFS), so a large file
 * is read as FFmpeg goes and never copied into WebAssembly memory; the MP4 comes back as a File of
 * the same name.
 */
import { FFmpeg, FFFSType } from '@ffmpeg/ffmpeg';
import { CanceledError } from '../errors';
import { conversionArgs, conversionPlan, durationProbeArgs, type ConversionKind, type ConversionPlan } from './conversion';

/** A converted video. */
export interface ConvertedVideo {
  file: File;
  /** Wall-clock seconds the conversion took. */
  seconds: number;
  /** The picture's long side and bit rate at most (a long video gets less: conversion.ts). */
  plan: ConversionPlan;
}

const INPUT_DIR = '/input';
const OUTPUT = '/converted.mp4';
const DURATION = '/duration.txt';

/** The FFmpeg instance in use (its worker), and its load. */
let current: { ff: FFmpeg; loaded: Promise<FFmpeg> } | null = null;

/**
 * FFmpeg is let go this long after its last conversion: its WebAssembly memory grows to the largest
 * video it converted and never shrinks, while a folder of AVIs converts one clip after another.
 */
const IDLE_STOP_MS = 60_000;
let idleStop: ReturnType<typeof setTimeout> | undefined;

/** FFmpeg, loaded once (again after a stop or a failed load). */
function ffmpeg(): Promise<FFmpeg> {
  if (!current) {
    const at = (path: string) => new URL(path, document.baseURI).href;
    const ff = new FFmpeg();
    const loaded = ff.load({ coreURL: at('ffmpeg/ffmpeg-core.js'), wasmURL: at('ffmpeg/ffmpeg-core.wasm') }).then(() => ff);
    current = { ff, loaded };
    loaded.catch(() => stop(ff));
  }
  return current.loaded;
}

/** Ends `ff`'s worker (the only way to stop a command mid-run); the next conversion loads FFmpeg again. */
function stop(ff: FFmpeg): void {
  ff.terminate();
  if (current?.ff === ff) current = null;
}

/** The duration FFmpeg reads in `input`'s header (seconds), or null when it names none (a raw stream). */
async function durationOf(ff: FFmpeg, input: string): Promise<number | null> {
  try {
    // Its exit status is -1 even when it read the header (@ffmpeg/core 0.12.10): the text says.
    await ff.ffprobe(durationProbeArgs(input, DURATION));
    const seconds = Number(String(await ff.readFile(DURATION, 'utf8')).trim());
    return Number.isFinite(seconds) && seconds > 0 ? seconds : null;
  } catch {
    return null;
  } finally {
    await ff.deleteFile(DURATION).catch(() => undefined);
  }
}

/**
 * Converts `file` (the whole video, or its sound alone: conversion.ts); throws when FFmpeg cannot
 * read it either (the caller says what the browser could not read) and CanceledError when `signal`
 * aborts. One conversion at a time.
 */
export async function convertVideo(
  file: File,
  { signal, onProgress, kind = 'video' }: { signal?: AbortSignal; onProgress?: (fraction: number) => void; kind?: ConversionKind } = {},
): Promise<ConvertedVideo> {
  const started = performance.now();
  clearTimeout(idleStop);
  const ff = await ffmpeg();
  signal?.throwIfAborted();
  const onAbort = () => stop(ff);
  signal?.addEventListener('abort', onAbort, { once: true });
  // FFmpeg's last words, for the error when it fails.
  const lines: string[] = [];
  const log = ({ message }: { message: string }) => {
    lines.push(message);
    if (lines.length > 4) lines.shift();
  };
  ff.on('log', log);
  // FFmpeg's share of the input done (from the time it has reached against the input's duration).
  const progress = ({ progress }: { progress: number }) => {
    if (progress >= 0 && progress <= 1) onProgress?.(progress);
  };
  ff.on('progress', progress);
  try {
    // A folder left by a conversion stopped half-way would make these fail: each step tolerates it.
    await ff.createDir(INPUT_DIR).catch(() => undefined);
    await ff.unmount(INPUT_DIR).catch(() => undefined);
    await ff.mount(FFFSType.WORKERFS, { blobs: [{ name: 'video', data: file }] }, INPUT_DIR);
    try {
      const input = `${INPUT_DIR}/video`;
      const plan = conversionPlan(kind === 'video' ? await durationOf(ff, input) : null);
      const code = await ff.exec(conversionArgs(input, OUTPUT, kind, plan));
      if (code !== 0) throw new Error(`FFmpeg could not convert it (exit ${code}): ${lines.join(' | ')}`);
      const data = await ff.readFile(OUTPUT);
      if (typeof data === 'string') throw new Error('FFmpeg returned text, not a video');
      return { file: new File([data as Uint8Array<ArrayBuffer>], file.name, { type: 'video/mp4' }), seconds: (performance.now() - started) / 1000, plan };
    } finally {
      await ff.unmount(INPUT_DIR).catch(() => undefined);
      await ff.deleteDir(INPUT_DIR).catch(() => undefined);
      await ff.deleteFile(OUTPUT).catch(() => undefined);
    }
  } catch (error) {
    if (signal?.aborted) throw new CanceledError();
    throw error;
  } finally {
    ff.off('log', log);
    ff.off('progress', progress);
    signal?.removeEventListener('abort', onAbort);
    clearTimeout(idleStop);
    idleStop = setTimeout(() => stop(ff), IDLE_STOP_MS);
  }
}
