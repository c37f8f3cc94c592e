/** A part of the worker loaded on first use and shared by every later caller, with its state for `status`. */
import type { LoadState } from '../../shared/analysis-protocol';

/** The loaded value's promise, and where it stands. */
export interface LoadOnce<T> {
  readonly state: LoadState;
  /** Starts the load the first time (and, when `retry`, again after a failure); later calls share it. */
  get(): Promise<T>;
}

/** Wraps `load`; with `retry: false` a failure is final (every later `get` rejects with it). */
export function loadOnce<T>(load: () => Promise<T>, { retry }: { retry: boolean }): LoadOnce<T> {
  let promise: Promise<T> | null = null;
  let state: LoadState = 'idle';
  return {
    get state() {
      return state;
    },
    get() {
      if (promise && !(retry && state === 'failed')) return promise;
      state = 'loading';
      promise = new Promise<T>((resolve) => resolve(load())).then(
        (value) => {
          state = 'ready';
          return value;
        },
        (error: unknown) => {
          state = 'failed';
          throw error;
        },
      );
      return promise;
    },
  };
}
