/**
 * Per-stage wall-clock timings (ms): totals for the report's `timingsMs`, and every sample so a
 * benchmark can take medians and p95. Pure: the clock is injected (performance.now by default).
 */

/** Accumulates timings per named stage. */
export interface StageTimer {
  /** Runs `fn`, adds its duration to `stage`, and returns its result. */
  time<T>(stage: string, fn: () => Promise<T> | T): Promise<T>;
  /** Adds a duration measured elsewhere. */
  add(stage: string, ms: number): void;
  /** Total ms per stage. */
  totals(): Record<string, number>;
  /** Every sample per stage, in order. */
  samples(): Record<string, number[]>;
}

/** Creates a timer; `now` returns milliseconds. */
export function createStageTimer(now: () => number = () => performance.now()): StageTimer {
  const all = new Map<string, number[]>();
  const add = (stage: string, ms: number) => {
    const list = all.get(stage);
    if (list) list.push(ms);
    else all.set(stage, [ms]);
  };
  return {
    add,
    async time(stage, fn) {
      const start = now();
      try {
        return await fn();
      } finally {
        add(stage, now() - start);
      }
    },
    totals: () => Object.fromEntries([...all].map(([k, v]) => [k, v.reduce((s, x) => s + x, 0)])),
    samples: () => Object.fromEntries([...all].map(([k, v]) => [k, [...v]])),
  };
}
