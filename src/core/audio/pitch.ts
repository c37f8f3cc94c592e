/**
 * Pitch of a speech window by YIN (de Cheveigné & Kawahara 2002): the cumulative-mean-normalised
 * difference function. Every lag sums the same number of sample pairs, so short lags are not
 * favoured the way a plain autocorrelation over one window favours them (its lag-τ sum has N − τ
 * terms), and the result does not change with the recording's gain. Own code: meyda has no pitch.
 */

/** Pitch search range and the YIN threshold a period's normalised difference must fall under. */
export interface PitchSettings {
  sampleRate: number;
  minHz: number;
  maxHz: number;
  /** Integration window in samples; the window reads window + sampleRate/minHz samples. */
  window: number;
  threshold: number;
}

/** Samples a pitch estimate reads from its start. */
export function pitchSpan(s: PitchSettings): number {
  return s.window + Math.ceil(s.sampleRate / s.minHz) + 1;
}

/** Fundamental frequency (Hz) of `x` at `start`, or null when no lag is periodic enough (or `x` ends first). */
export function yinPitchHz(x: Float32Array, start: number, s: PitchSettings): number | null {
  const maxLag = Math.ceil(s.sampleRate / s.minHz);
  const minLag = Math.floor(s.sampleRate / s.maxHz);
  if (start < 0 || start + pitchSpan(s) > x.length) return null;
  const cmnd = new Float64Array(maxLag + 2);
  cmnd[0] = 1;
  let running = 0;
  for (let lag = 1; lag <= maxLag + 1; lag++) {
    let d = 0;
    for (let j = start; j < start + s.window; j++) {
      const diff = x[j]! - x[j + lag]!;
      d += diff * diff;
    }
    running += d;
    cmnd[lag] = running > 0 ? (d * lag) / running : 1;
  }
  // The first dip under the threshold, followed down to its minimum (YIN steps 4–5).
  let lag = minLag;
  while (lag <= maxLag && cmnd[lag]! >= s.threshold) lag++;
  if (lag > maxLag) return null;
  while (lag < maxLag && cmnd[lag + 1]! < cmnd[lag]!) lag++;
  // Parabolic interpolation between neighbouring lags (YIN step 5).
  const [a, b, c] = [cmnd[lag - 1]!, cmnd[lag]!, cmnd[lag + 1]!];
  const curve = a - 2 * b + c;
  const refined = curve > 0 ? lag + (a - c) / (2 * curve) : lag;
  return s.sampleRate / refined;
}
