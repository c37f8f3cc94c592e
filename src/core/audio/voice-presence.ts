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
function pitchedStretches(pitched: readonly PitchedFrame[]): PitchedFrame[][] {
  const stretches: PitchedFrame[][] = [];
  pitched.forEach((p, i) => {
    const before = pitched[i - 1];
    const continues = before && p.f === before.f + 1 && Math.abs(p.semitones - before.semitones) < SAME_STRETCH_SEMITONES;
    if (continues) stretches[stretches.length - 1]!.push(p);
    else stretches.push([p]);
  });
  return stretches;
}

/** A pitched stretch of at least MIN_STRETCH_FRAMES: its first and last frame, its pitches, and which of them are in held notes. */
interface Stretch {
  from: number;
  to: number;
  semitones: number[];
  held: Uint8Array;
  /** Its pitch falls or rises faster than intonation moves: a drum's sweep. */
  sweep: boolean;
}

function stretchesOf(pitched: readonly PitchedFrame[]): Stretch[] {
  return pitchedStretches(pitched)
    .filter((s) => s.length >= MIN_STRETCH_FRAMES)
    .map((s) => {
      const semitones = s.map((p) => p.semitones);
      return { from: s[0]!.f, to: s[s.length - 1]!.f, semitones, held: heldMask(semitones), sweep: medianStep(semitones) > MAX_MEDIAN_STEP_SEMITONES };
    });
}

/**
 * Which frames of `stretch` are in a held note: every run of HELD_MIN_FRAMES frames whose pitch stays
 * within HELD_RANGE_SEMITONES is a note, wherever it lies (a melody moving by a semitone joins its
 * notes into one stretch, yet each note is held).
 */
function heldMask(stretch: readonly number[]): Uint8Array {
  const held = new Uint8Array(stretch.length);
  for (let from = 0; from + HELD_MIN_FRAMES <= stretch.length; from++) {
    const window = stretch.slice(from, from + HELD_MIN_FRAMES);
    if (Math.max(...window) - Math.min(...window) < HELD_RANGE_SEMITONES) held.fill(1, from, from + HELD_MIN_FRAMES);
  }
  return held;
}

const unheld = (s: Stretch) => s.held.reduce((n, h) => n + (1 - h), 0);

/**
 * Seconds of `pitched` (frames every 1 / `framesPerSec` s, increasing) that sound like a voice: the
 * frames of pitched stretches of at least MIN_STRETCH_FRAMES, not sweeping, that are not in held notes.
 */
export function spokenSeconds(pitched: readonly PitchedFrame[], framesPerSec: number): number {
  return stretchesOf(pitched).reduce((n, s) => n + (s.sweep ? 0 : unheld(s)), 0) / framesPerSec;
}

/** Where a soundtrack's voice starts and ends (frames), and which of its frames sound like an instrument. */
export interface VoiceAndInstruments {
  first: number;
  last: number;
  instrument: number[];
}

/**
 * Where the voice is, and where an instrument is: the first and last frame of `pitched` that sound
 * like a voice (a stretch, not a sweep, with frames outside held notes), and the frames that sound
 * like an instrument (held notes, drums' sweeps). Null when nothing sounds like a voice.
 */
export function voiceAndInstruments(pitched: readonly PitchedFrame[]): VoiceAndInstruments | null {
  const stretches = stretchesOf(pitched);
  const spoken = stretches.filter((s) => !s.sweep && unheld(s) > 0);
  if (spoken.length === 0) return null;
  const instrument = stretches.flatMap((s) => s.semitones.flatMap((_, i) => (s.sweep || s.held[i] ? [s.from + i] : [])));
  return { first: spoken[0]!.from, last: spoken[spoken.length - 1]!.to, instrument };
}

/** The median size of the steps between a stretch's consecutive frames (semitones). */
function medianStep(stretch: readonly number[]): number {
  const steps = stretch.slice(1).map((st, i) => Math.abs(st - stretch[i]!)).sort((a, b) => a - b);
  return steps[Math.floor(steps.length / 2)] ?? 0;
}
