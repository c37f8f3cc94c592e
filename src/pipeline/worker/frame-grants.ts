/**
 * The decode worker's side of backpressure (src/shared/decode-protocol.ts): a run may send a frame only while
 * it holds a grant. It starts with `ahead` grants and gets one more per `pull`, so at most `ahead`
 * decoded frames wait for inference whatever the speed of either side.
 */

/** Grants of one decode run. */
export interface FrameGrants {
  /** Resolves once a frame may be sent, or at once after `stop()`. */
  wait(): Promise<void>;
  /** Spends a grant on a frame sent. */
  spend(): void;
  /** One more frame may be sent (a `pull`). */
  grant(): void;
  /** Wakes a waiting run for good (it checks its abort signal next). */
  stop(): void;
}

/** Creates the grants of a run that may decode `ahead` frames before the first is taken. */
export function createFrameGrants(ahead: number): FrameGrants {
  if (!(ahead >= 1)) throw new TypeError(`ahead must be at least 1, got ${ahead}`);
  let credits = ahead;
  let stopped = false;
  let wake: (() => void) | null = null;
  const wakeUp = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  return {
    async wait() {
      while (credits <= 0 && !stopped) await new Promise<void>((resolve) => (wake = resolve));
    },
    spend() {
      credits--;
    },
    grant() {
      credits++;
      wakeUp();
    },
    stop() {
      stopped = true;
      wakeUp();
    },
  };
}
