/**
 * Node-only: edited footage made from our clips with ffmpeg (never committed). Vlogs, interviews
 * and film excerpts (the paper's AFEW) cut between shots: alternating shots of two people at the
 * same framing, and jump cuts of one person to a closer shot. Measured rates are in
 * docs/real-files.md, "Edited footage" (`scripts/cuts-probe.ts`). The recipes are plain ffmpeg
 * arguments (`*Args`), so the browser tests make the same videos.
 */
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ffmpegOnce } from './ffmpeg';

const ENCODE = ['-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-r', '30', '-an'];

/** Seconds each shot of the edited clips lasts. */
export const SHOT_SEC = 1;

/** `<dir>/<name>.mp4` made once from ffmpeg `args` (a recipe below). */
function make(dir: string, name: string, args: string[]): Promise<string> {
  mkdirSync(dir, { recursive: true });
  return ffmpegOnce(join(dir, `${name}.mp4`), args);
}

/** Shot `s` (seconds s…s+1 of input `input`), optionally zoomed `zoom`× on the upper middle (where our actors' faces are). */
function shot(input: number, s: number, zoom = 1): string {
  const w = Math.round(360 / zoom);
  const h = Math.round(270 / zoom);
  const closer = zoom === 1 ? '' : `,crop=${w}:${h}:(iw-${w})/2:(ih-${h})/3`;
  return `[${input}:v]trim=start=${s * SHOT_SEC}:end=${(s + 1) * SHOT_SEC},setpts=PTS-STARTPTS${closer},scale=360:270,setsar=1[s${s}]`;
}

/** ffmpeg's arguments (before the output file) for four shots made of `shots` ([input, zoom] each) of `inputs`. */
function fourShotsArgs(inputs: string[], shots: readonly (readonly [number, number])[]): string[] {
  const parts = shots.map(([input, zoom], s) => shot(input, s, zoom));
  return [...inputs.flatMap((i) => ['-i', i]), '-filter_complex', `${parts.join(';')};[s0][s1][s2][s3]concat=n=4:v=1[v]`, '-map', '[v]', ...ENCODE];
}

/** Four shots: `a`, `b`, `a`, `b` (two 360×270 clips of different people), each its own second of its clip. */
export const alternatingShotsArgs = (a: string, b: string): string[] => fourShotsArgs([a, b], [[0, 1], [1, 1], [0, 1], [1, 1]]);

/** Four shots of one clip, every other one `zoom`× closer (a jump cut). */
export const jumpCutsArgs = (a: string, zoom: number): string[] => fourShotsArgs([a], [[0, 1], [0, zoom], [0, 1], [0, zoom]]);

/** The alternating video of `a` and `b`, made once into `dir`. */
export const alternatingShots = (dir: string, a: string, b: string): Promise<string> => make(dir, `alt-${basename(a, '.mp4')}-${basename(b, '.mp4')}`, alternatingShotsArgs(a, b));

/** The jump-cut video of `a`, made once into `dir`. */
export const jumpCuts = (dir: string, a: string, zoom: number): Promise<string> => make(dir, `jump${zoom}-${basename(a, '.mp4')}`, jumpCutsArgs(a, zoom));
