/**
 * Is a voice heard at all? The loudness alone cannot say: music with no voice in it rises and falls
 * too, and a moving mouth correlated with a music track's beats and phrases as well as another
 * person's voice did (issue 29; docs/speaker.md, "A soundtrack with no voice"). A voice is pitched
 * (70–400 Hz) in stretches whose pitch moves: syllables glide. An instrument's note is held on one
 * pitch, chords, pads and most drums have no single pitch that YIN follows, and a tuned kick drum's
 * (an 808's) pitch sweeps down faster than intonation moves. So the voice's time is the pitched
 * stretches of the active sound that are neither held notes nor sweeps. Pure; reads the pitch track
 * speech-features.ts computes anyway.
 */

/** A pitched frame of the active sound: its index on the 10 ms grid and its pitch (semitones). */
export interface PitchedFrame {
  f: number;
  semitones: number;
}

/** Consecutive pitched frames further apart than this (semitones) are a new note or voice, not a glide. */
const SAME_STRETCH_SEMITONES = 1.5;
/** A stretch shorter than this (frames) is a click or an octave error, not a syllable or a note. */
const MIN_STRETCH_FRAMES = 5;
/** A stretch this long (frames: 150 ms) whose pitch stays within HELD_RANGE_SEMITONES is a held note. */
const HELD_MIN_FRAMES = 15;
const HELD_RANGE_SEMITONES = 1;
/** A stretch whose pitch falls or rises faster than this (semitones a frame, median) is a drum's sweep (an 808 kick), not intonation. */
const MAX_MEDIAN_STEP_SEMITONES = 0.7;

/** Stretches of consecutive frames whose pitch steps less than SAME_STRETCH_SEMITONES. */
function pitchedStretches(pitched: readonly PitchedFrame[]): number[][] {
  const stretches: number[][] = [];
  pitched.forEach((p, i) => {
    const before = pitched[i - 1];
    const continues = before && p.f === before.f + 1 && Math.abs(p.semitones - before.semitones) < SAME_STRETCH_SEMITONES;
    if (continues) stretches[stretches.length - 1]!.push(p.semitones);
    else stretches.push([p.semitones]);
  });
  return stretches;
}

/**
 * How many frames of `stretch` are not in a held note: every run of HELD_MIN_FRAMES frames whose
 * pitch stays within HELD_RANGE_SEMITONES is a note, wherever it lies (a melody moving by a semitone
 * joins its notes into one stretch, yet each note is held).
 */
function unheldFrames(stretch: readonly number[]): number {
  const held = new Uint8Array(stretch.length);
  for (let from = 0; from + HELD_MIN_FRAMES <= stretch.length; from++) {
    const window = stretch.slice(from, from + HELD_MIN_FRAMES);
    if (Math.max(...window) - Math.min(...window) < HELD_RANGE_SEMITONES) held.fill(1, from, from + HELD_MIN_FRAMES);
  }
  return held.reduce((n, h) => n + (1 - h), 0);
}

/**
 * Seconds of `pitched` (frames every 1 / `framesPerSec` s, increasing) that sound like a voice: the
 * frames of pitched stretches of at least MIN_STRETCH_FRAMES, not sweeping, that are not in held notes.
 */
export function spokenSeconds(pitched: readonly PitchedFrame[], framesPerSec: number): number {
  const spoken = pitchedStretches(pitched).filter((s) => s.length >= MIN_STRETCH_FRAMES && medianStep(s) <= MAX_MEDIAN_STEP_SEMITONES);
  return spoken.reduce((n, s) => n + unheldFrames(s), 0) / framesPerSec;
}

/** The median size of the steps between a stretch's consecutive frames (semitones). */
function medianStep(stretch: readonly number[]): number {
  const steps = stretch.slice(1).map((st, i) => Math.abs(st - stretch[i]!)).sort((a, b) => a - b);
  return steps[Math.floor(steps.length / 2)] ?? 0;
}
