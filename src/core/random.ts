/** Seeded pseudo-random numbers, so sampling and tests are reproducible (no Math.random in core). */

/** A seeded generator; every source of randomness in src/core takes one. */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** A shuffled copy of `items` (Fisher–Yates); the input is not modified. */
  shuffle<T>(items: readonly T[]): T[];
}

/** Creates a mulberry32 generator from a 32-bit integer seed. */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new TypeError('createRng: seed must be a finite number');
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => {
    if (!Number.isInteger(n) || n <= 0) throw new TypeError(`rng.int: n must be a positive integer, got ${n}`);
    return Math.floor(next() * n);
  };
  const shuffle = <T>(items: readonly T[]): T[] => {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = int(i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  return { next, int, shuffle };
}
