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

/** A `time` that adds each call's duration through `add`. */
function timeWith(add: StageTimer['add'], now: () => number): StageTimer['time'] {
  return async (stage, fn) => {
    const start = now();
    try {
      return await fn();
    } finally {
      add(stage, now() - start);
    }
  };
}

/**
 * Times only the synchronous part of `fn`: work issued on the device whose outputs are read later,
 * with the rest of a frame (a promise `fn` returns is not awaited; the wait for that read is timed
 * where the read is flushed).
 */
export function timeSync<T>(timer: Pick<StageTimer, 'add'>, stage: string, fn: () => T, now: () => number = () => performance.now()): T {
  const start = now();
  try {
    return fn();
  } finally {
    timer.add(stage, now() - start);
  }
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
    time: timeWith(add, now),
    totals: () => Object.fromEntries([...all].map(([k, v]) => [k, v.reduce((s, x) => s + x, 0)])),
    samples: () => Object.fromEntries([...all].map(([k, v]) => [k, [...v]])),
  };
}

/** A timer that also keeps the current picture's own totals, until `take()` hands them over and starts afresh. */
export interface PictureTimer extends StageTimer {
  /** This picture's ms per stage since the last `take()` (a stage timed twice counts once, summed). */
  take(): Record<string, number>;
}

/**
 * Wraps `parent` (the run's timer, which still gets every sample) so a live run can send each
 * picture's stage breakdown with the picture: the camera's diagnostics compare stages per picture.
 */
export function createPictureTimer(parent: StageTimer, now: () => number = () => performance.now()): PictureTimer {
  let current: Record<string, number> = {};
  const add = (stage: string, ms: number) => {
    parent.add(stage, ms);
    current[stage] = (current[stage] ?? 0) + ms;
  };
  return {
    add,
    time: timeWith(add, now),
    totals: () => parent.totals(),
    samples: () => parent.samples(),
    take() {
      const out = current;
      current = {};
      return out;
    },
  };
}
