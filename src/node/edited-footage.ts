/**
 * Node-only: edited footage made from our clips with ffmpeg (never committed). Vlogs, interviews
 * and film excerpts (the paper's AFEW) cut between shots: alternating shots of two people at the
 * same framing, jump cuts of one person to a closer shot, and cross-fades from one person to another
 * (a gradual change of shot: no single frame jumps). Measured rates are in
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

/** What xfade needs of both its inputs: one size, one frame rate, times from 0. */
const FADE_INPUT = 'setpts=PTS-STARTPTS,scale=360:270,setsar=1,fps=30';

/** How one shot turns into the next: mixed into each other, or darkened to black and brightened again. */
export type Fade = 'mix' | 'black';

/**
 * A fade of `sec` seconds from `a` to `b` (two 360×270 clips) after one shot of `a`, then `b` to
 * 1.5 s; each from its 0.5-s mark (some of our clips open on black, which is a fade of its own).
 */
export const crossFadeArgs = (a: string, b: string, sec: number, fade: Fade = 'mix'): string[] => [
  ...['-i', a, '-i', b],
  '-filter_complex',
  `[0:v]trim=0.5:${0.5 + SHOT_SEC + sec},${FADE_INPUT}[a];[1:v]trim=0.5:2,${FADE_INPUT}[b];[a][b]xfade=transition=${fade === 'mix' ? 'fade' : 'fadeblack'}:duration=${sec}:offset=${SHOT_SEC}[v]`,
  ...['-map', '[v]', ...ENCODE],
];

/** The alternating video of `a` and `b`, made once into `dir`. */
export const alternatingShots = (dir: string, a: string, b: string): Promise<string> => make(dir, `alt-${basename(a, '.mp4')}-${basename(b, '.mp4')}`, alternatingShotsArgs(a, b));

/** The jump-cut video of `a`, made once into `dir`. */
export const jumpCuts = (dir: string, a: string, zoom: number): Promise<string> => make(dir, `jump${zoom}-${basename(a, '.mp4')}`, jumpCutsArgs(a, zoom));

/** The fade from `a` to `b` over `sec` seconds, made once into `dir`. */
export const crossFade = (dir: string, a: string, b: string, sec: number, fade: Fade = 'mix'): Promise<string> =>
  make(dir, `${fade === 'mix' ? 'xfade' : 'fadeblack'}${sec}-${basename(a, '.mp4')}-${basename(b, '.mp4')}`, crossFadeArgs(a, b, sec, fade));

/** `a` with a subtitle's dark box over its bottom 40 px from 0.5 to 1.5 s and from 2 to 3 s: no change of shot, though the box comes and goes at once. */
export const captionedArgs = (a: string): string[] => ['-i', a, '-vf', "drawbox=y=ih-50:w=iw:h=40:color=black@0.8:t=fill:enable='between(t,0.5,1.5)+between(t,2,3)'", ...ENCODE];

/** `a` (360×270) as a film is shown: cropped to 2.4:1 and put back in black bars (the picture 150 of 270 rows). */
export const letterboxedArgs = (a: string): string[] => ['-i', a, '-vf', 'crop=360:150:0:60,pad=360:270:0:60:black', ...ENCODE];

/** The letterboxed copy of `a`, made once into `dir`. */
export const letterboxed = (dir: string, a: string): Promise<string> => make(dir, `letterboxed-${basename(a, '.mp4')}`, letterboxedArgs(a));

/** The captioned copy of `a`, made once into `dir`. */
export const captioned = (dir: string, a: string): Promise<string> => make(dir, `captioned-${basename(a, '.mp4')}`, captionedArgs(a));

/**
 * `a` at 200×150 in the corner of a 640×360 picture whose background changes every second (ffmpeg's
 * `testsrc2` and `mandelbrot` in turn): a reaction video's or a stream's window over footage that cuts.
 */
export const pictureInPictureArgs = (a: string): string[] => [
  '-f', 'lavfi', '-i', 'testsrc2=s=640x360:r=30', '-f', 'lavfi', '-i', 'mandelbrot=s=640x360:r=30', '-i', a,
  '-filter_complex', "[0:v][1:v]blend=all_expr='if(eq(mod(floor(T),2),0),A,B)'[bg];[2:v]scale=200:150[p];[bg][p]overlay=430:200:shortest=1[v]",
  '-map', '[v]', ...ENCODE,
];

/** The picture-in-picture copy of `a`, made once into `dir`. */
export const pictureInPicture = (dir: string, a: string): Promise<string> => make(dir, `pip-${basename(a, '.mp4')}`, pictureInPictureArgs(a));

/**
 * `a`'s first 3.5 s with the light changed at once at 1.5 s: every grey level `brightness` (−1…1 of
 * full scale) brighter or darker from then on — a lamp switched on or off, a camera's exposure step.
 * One shot, no cut.
 */
export const lightStepArgs = (a: string, brightness: number): string[] => ['-i', a, '-t', '3.5', '-vf', `eq=brightness='if(gte(t,1.5),${brightness},0)':eval=frame`, ...ENCODE];

/** The light-step copy of `a`, made once into `dir`. */
export const lightStep = (dir: string, a: string, brightness: number): Promise<string> => make(dir, `light${brightness}-${basename(a, '.mp4')}`, lightStepArgs(a, brightness));
