/**
 * Mel-frequency cepstral coefficients of a power spectrum (HTK mel scale, 26 triangular bands,
 * DCT-II of the natural-log band energies) and their regression deltas. Own code rather than
 * meyda's `mfcc`: meyda takes log(1 + energy), so a quieter recording changes every coefficient,
 * where log(energy) moves MFCC0 alone and cepstral mean normalisation removes it.
 */

/** Triangular mel filters over the bins 0 … fftSize/2 of a `sampleRate` spectrum: [first bin, weights]. */
export function melFilterBank(bands: number, fftSize: number, sampleRate: number): { first: number; weights: Float64Array }[] {
  const toMel = (f: number) => 2595 * Math.log10(1 + f / 700);
  const fromMel = (m: number) => 700 * (10 ** (m / 2595) - 1);
  const top = toMel(sampleRate / 2);
  const bins = Array.from({ length: bands + 2 }, (_, i) => Math.floor(((fftSize + 1) * fromMel((top * i) / (bands + 1))) / sampleRate));
  return Array.from({ length: bands }, (_, m) => {
    const [l, c, r] = [bins[m]!, bins[m + 1]!, bins[m + 2]!];
    const weights = new Float64Array(r - l);
    for (let k = l; k < c; k++) weights[k - l] = (k - l) / Math.max(c - l, 1);
    for (let k = c; k < r; k++) weights[k - l] = (r - k) / Math.max(r - c, 1);
    return { first: l, weights };
  });
}

/** One triangular filter of `melFilterBank`. */
export type MelFilter = ReturnType<typeof melFilterBank>[number];

/** The energy of `spectrum` under `filter` (speech features' MFCCs, the background-noise estimate). */
export function melEnergy({ first, weights }: MelFilter, spectrum: Float64Array): number {
  let energy = 0;
  for (let k = 0; k < weights.length; k++) energy += weights[k]! * spectrum[first + k]!;
  return energy;
}

/** A function from a power spectrum to its first `count` MFCCs over `filters`. */
export function createMfcc(filters: ReturnType<typeof melFilterBank>, count: number): (spectrum: Float64Array) => Float64Array {
  const bands = filters.length;
  const dct = Array.from({ length: count }, (_, i) => Float64Array.from({ length: bands }, (_, m) => Math.cos((Math.PI / bands) * (m + 0.5) * i)));
  const logMel = new Float64Array(bands);
  return (spectrum) => {
    filters.forEach((filter, m) => {
      // The floor sits far below any recorded sound, so it does not break scaling with gain.
      logMel[m] = Math.log(melEnergy(filter, spectrum) + 1e-12);
    });
    return Float64Array.from(dct, (row) => row.reduce((s, w, m) => s + w * logMel[m]!, 0));
  };
}

/**
 * Regression deltas over ±2 frames (HTK: Σ n·(c[t+n] − c[t−n]) / (2·Σ n²)), edges repeated: how fast
 * each coefficient moves, one value per frame.
 */
export function deltas(values: readonly number[]): number[] {
  const at = (t: number) => values[Math.min(values.length - 1, Math.max(0, t))]!;
  return values.map((_, t) => (at(t + 1) - at(t - 1) + 2 * (at(t + 2) - at(t - 2))) / 10);
}
