/**
 * Mono mix-down and band-limited resampling, so Node (ffmpeg PCM) and the browser (WebCodecs PCM)
 * turn the same decoded audio into the same 16 kHz signal with the same code.
 */

/**
 * Below this ratio of the mean's energy to the channels' mean energy, the channels cancel (one is
 * wired or recorded in opposite phase): equal uncorrelated channels give 0.5, identical ones 1.
 */
const CANCELLED_MIX = 0.2;

const energy = (x: Float32Array, n: number): number => {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[i]! * x[i]!;
  return sum;
};

/**
 * Mean of the channels, sample by sample (planar input: one array per channel); the loudest
 * channel alone when the mean cancels the voice (a stereo track with one channel in opposite
 * phase averages to near silence, and the speech would read as "no voice").
 */
export function mixToMono(channels: readonly Float32Array[]): Float32Array {
  if (channels.length === 0) throw new RangeError('mixToMono: no channels');
  if (channels.length === 1) return channels[0]!;
  const n = Math.min(...channels.map((c) => c.length));
  const out = new Float32Array(n);
  for (const c of channels) for (let i = 0; i < n; i++) out[i]! += c[i]! / channels.length;
  const energies = channels.map((c) => energy(c, n));
  const meanEnergy = energies.reduce((a, b) => a + b, 0) / channels.length;
  if (meanEnergy === 0 || energy(out, n) >= CANCELLED_MIX * meanEnergy) return out;
  return channels[energies.indexOf(Math.max(...energies))]!.subarray(0, n);
}

/** Half-width of the windowed-sinc kernel, in input samples at the cut-off. */
const TAPS = 16;

/** Most distinct kernels kept in a table (48 → 16 kHz needs 1, 44.1 → 16 kHz 160); beyond, each output computes its own. */
const MAX_PHASES = 4096;

/** The kernel's weight at `t` input samples from an output's centre. */
function kernelWeight(t: number, cutoff: number, half: number): number {
  const sinc = t === 0 ? 1 : Math.sin(Math.PI * cutoff * t) / (Math.PI * cutoff * t);
  return sinc * (0.5 + 0.5 * Math.cos((Math.PI * t) / (half + 1)));
}

/**
 * Resamples `x` from `fromRate` to `toRate` with a Hann-windowed sinc low-pass at the lower
 * Nyquist frequency (no aliasing of the 8–22 kHz band into the speech band when downsampling).
 * Output j is centred on input j · fromRate / toRate, whose fraction takes toRate / gcd values
 * for whole rates: the kernels are computed once per fraction (the sines and cosines were 2/3 of
 * the speech step's time, 30 ms a second of 48-kHz sound, when each output computed its own).
 */
export function resample(x: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (!(fromRate > 0 && toRate > 0)) throw new RangeError(`resample: rates must be positive, got ${fromRate} → ${toRate}`);
  if (fromRate === toRate) return x;
  const ratio = toRate / fromRate;
  const cutoff = Math.min(1, ratio); // of the input Nyquist
  const half = Math.ceil(TAPS / cutoff);
  const out = new Float32Array(Math.floor(x.length * ratio));
  const g = Number.isInteger(fromRate) && Number.isInteger(toRate) ? gcd(fromRate, toRate) : 0;
  const phases = g > 0 ? toRate / g : Infinity;
  const table = phases <= MAX_PHASES ? new Map<number, Float64Array>() : null;
  for (let j = 0; j < out.length; j++) {
    // The centre as a whole input index and a fraction, exactly for whole rates.
    const whole = table ? Math.floor((j * fromRate) / toRate) : Math.floor(j / ratio);
    const frac = table ? (j * fromRate - whole * toRate) / toRate : j / ratio - whole;
    // Taps k = i − whole from ceil(frac − half) to floor(frac + half).
    const k0 = Math.ceil(frac - half);
    const k1 = Math.floor(frac + half);
    let weights = table?.get(frac);
    if (!weights) {
      weights = Float64Array.from({ length: k1 - k0 + 1 }, (_, k) => kernelWeight(k0 + k - frac, cutoff, half));
      table?.set(frac, weights);
    }
    const first = Math.max(0, whole + k0);
    const last = Math.min(x.length - 1, whole + k1);
    let sum = 0;
    let total = 0;
    for (let i = first; i <= last; i++) {
      const w = weights[i - whole - k0]!;
      sum += x[i]! * w;
      total += w;
    }
    out[j] = total !== 0 ? sum / total : 0;
  }
  return out;
}

/** Greatest common divisor of two positive whole numbers. */
function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
