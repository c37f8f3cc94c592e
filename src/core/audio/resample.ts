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

/**
 * Resamples `x` from `fromRate` to `toRate` with a Hann-windowed sinc low-pass at the lower
 * Nyquist frequency (no aliasing of the 8–22 kHz band into the speech band when downsampling).
 */
export function resample(x: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (!(fromRate > 0 && toRate > 0)) throw new RangeError(`resample: rates must be positive, got ${fromRate} → ${toRate}`);
  if (fromRate === toRate) return x;
  const ratio = toRate / fromRate;
  const cutoff = Math.min(1, ratio); // of the input Nyquist
  const half = Math.ceil(TAPS / cutoff);
  const out = new Float32Array(Math.floor(x.length * ratio));
  for (let j = 0; j < out.length; j++) {
    const centre = j / ratio;
    const first = Math.max(0, Math.ceil(centre - half));
    const last = Math.min(x.length - 1, Math.floor(centre + half));
    let sum = 0;
    let weights = 0;
    for (let i = first; i <= last; i++) {
      const t = i - centre;
      const sinc = t === 0 ? 1 : Math.sin(Math.PI * cutoff * t) / (Math.PI * cutoff * t);
      const w = sinc * (0.5 + 0.5 * Math.cos((Math.PI * t) / (half + 1)));
      sum += x[i]! * w;
      weights += w;
    }
    out[j] = weights !== 0 ? sum / weights : 0;
  }
  return out;
}
