/**
 * Typed arrays handed out again once given back, for the camera's per-picture pixel buffers: in the
 * busy analysis worker a fresh 1.2-MB RGBA array and a fresh 3.7-MB int32 RGB array cost 20–30 ms
 * each per picture (allocation, not filling: the same loop into a reused array took a few ms).
 */

/** A pool of typed arrays of one kind. */
export interface ArrayPool<T extends { readonly length: number }> {
  /** An array of exactly `length` values: a given-back one when there is one, else a new one. Its contents are stale. */
  take(length: number): T;
  /** Gives `array` back for a later `take`; the caller must not use it afterwards. */
  give(array: T): void;
}

/** Arrays kept at most: a camera run has one picture in flight, a second covers the handover. */
const MAX_KEPT = 2;

/** Creates a pool whose new arrays come from `make`. */
export function createArrayPool<T extends { readonly length: number }>(make: (length: number) => T): ArrayPool<T> {
  const kept: T[] = [];
  return {
    take(length) {
      const i = kept.findIndex((a) => a.length === length);
      return i >= 0 ? kept.splice(i, 1)[0]! : make(length);
    },
    give(array) {
      if (kept.includes(array)) return;
      if (kept.length >= MAX_KEPT) kept.shift();
      kept.push(array);
    },
  };
}
