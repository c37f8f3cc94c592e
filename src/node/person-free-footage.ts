/**
 * Node-only: videos without a person in them, made with ffmpeg (lavfi sources, and scenery from a
 * shared clip with its person cut away or painted over). They test that emolens finds no face where
 * there is none. `tuned` kinds were looked at while choosing the face-check threshold; the others are
 * held out (docs/honest-answers.md).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** One kind of person-free footage: ffmpeg input arguments (and filters) that make it. */
export interface PersonFreeKind {
  name: string;
  tuned: boolean;
  /** ffmpeg arguments before the output options; `clip` resolves a shared clip by file name. */
  args: (clip: (file: string) => string) => string[];
}

const lavfi = (source: string, seconds = 4) => ['-f', 'lavfi', '-i', source, '-t', String(seconds)];

/** Every kind, at two sizes for the synthetic ones (Tiny Face sees other shapes at 640×360). */
export const PERSON_FREE_KINDS: readonly PersonFreeKind[] = Object.freeze([
  ...(['320x240', '640x360'] as const).flatMap((size) => [
    { name: `testsrc-${size}`, tuned: true, args: () => lavfi(`testsrc=size=${size}:rate=30`) },
    { name: `smptebars-${size}`, tuned: true, args: () => lavfi(`smptebars=size=${size}:rate=30`) },
    { name: `mandelbrot-${size}`, tuned: true, args: () => lavfi(`mandelbrot=size=${size}:rate=30`) },
    { name: `life-${size}`, tuned: true, args: () => lavfi(`life=size=${size}:rate=30:mold=10:ratio=0.5`) },
    { name: `cellauto-${size}`, tuned: true, args: () => lavfi(`cellauto=size=${size}:rate=30:rule=110`) },
    { name: `testsrc2-${size}`, tuned: false, args: () => lavfi(`testsrc2=size=${size}:rate=30`) },
    { name: `gradients-${size}`, tuned: false, args: () => lavfi(`gradients=size=${size}:rate=30:speed=0.05:n=5`) },
    { name: `noise-${size}`, tuned: false, args: () => [...lavfi(`color=c=gray:size=${size}:rate=30`), '-vf', 'noise=alls=100:allf=t+u'] },
    { name: `sierpinski-${size}`, tuned: false, args: () => lavfi(`sierpinski=size=${size}:rate=30`) },
    { name: `smptehdbars-${size}`, tuned: false, args: () => lavfi(`smptehdbars=size=${size}:rate=30`) },
    { name: `rgbtestsrc-${size}`, tuned: false, args: () => lavfi(`rgbtestsrc=size=${size}:rate=30`) },
    { name: `pal75bars-${size}`, tuned: false, args: () => lavfi(`pal75bars=size=${size}:rate=30`) },
  ]),
  {
    name: 'scenery-edges',
    tuned: false,
    args: (clip: (file: string) => string) => ['-i', clip('03-02-05_01.mp4'), '-filter_complex', '[0:v]crop=80:270:0:0[a];[0:v]crop=80:270:280:0[b];[a][b]hstack=2,scale=320:540'],
  },
  {
    name: 'scenery-masked',
    tuned: false,
    args: (clip: (file: string) => string) => ['-i', clip('06-03-01_01.mp4'), '-vf', 'drawbox=x=50:y=0:w=260:h=270:color=0xb8bcc0:t=fill'],
  },
]);

/** Makes `kind` as `<dir>/<name>.mp4` (H.264, 30 fps, no sound) unless it is there; returns its path. */
export function makePersonFree(kind: PersonFreeKind, dir: string, clip: (file: string) => string): string {
  mkdirSync(dir, { recursive: true });
  const out = join(dir, `${kind.name}.mp4`);
  if (!existsSync(out)) {
    execFileSync('ffmpeg', ['-v', 'error', '-y', ...kind.args(clip), '-an', '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-r', '30', out]);
  }
  return out;
}
