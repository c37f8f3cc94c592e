/**
 * One input at a time: the run slot holds the AbortController of the file, folder or camera run in
 * progress. Beginning a run cancels the one before, so no stale work writes into the store or the
 * overlay; cancelling says plainly that the run stopped and keeps what it found, marked partial.
 */
import { CanceledError, describeError } from '../errors';
import type { AppStore } from '../store/app-store';
import type { VideoSource } from '../store/video-slice';
import type { Playback } from './playback';

/** The slot's view of the page: the store it resets and the playback it stops. */
export interface RunSlotOptions {
  store: AppStore;
  playback: Playback;
  /** Brings the store up to date with the current results (the vote so far, on cancel). */
  refresh(): void;
}

/** Begin / cancel / finish around one AbortController. */
export interface RunSlot {
  /** The run in progress, or null. */
  readonly current: AbortController | null;
  /**
   * Cancels the current input and starts a fresh run named `name`, with a clean slate in the store;
   * `keepFolder`: a finished folder's results stay (one of its clips opened from its table).
   */
  begin(name: string, source: VideoSource, keepFolder?: boolean): AbortController;
  /**
   * A step before a run that changes nothing on screen (converting a file the browser cannot
   * decode): its controller, aborted by the next `begin` or `cancel`, so a new input or the cancel
   * button stops it, and a later input is never replaced by it when it ends.
   */
  prepare(): AbortController;
  /** Cancels the current input, if any, and a step being prepared: stops playback and the camera, marks the run canceled. */
  cancel(): void;
  /** Aborts the current run without marking it canceled (the camera's own stop); true when one ran. */
  abort(): boolean;
  /** Ends `run` if it is still the current one. */
  finish(run: AbortController): void;
  /** Reports `error` (with `prefix`) unless `run` was canceled; true when it was reported. */
  fail(run: AbortController, error: unknown, prefix: string): boolean;
}

/** Creates an empty slot. */
export function createRunSlot({ store, playback, refresh }: RunSlotOptions): RunSlot {
  const s = store.getState;
  let current: AbortController | null = null;
  let preparing: AbortController | null = null;
  const stopPreparing = () => {
    preparing?.abort();
    preparing = null;
  };

  const slot: RunSlot = {
    get current() {
      return current;
    },
    abort() {
      const running = current !== null;
      current?.abort();
      current = null;
      return running;
    },
    prepare() {
      stopPreparing();
      preparing = new AbortController();
      return preparing;
    },
    cancel() {
      stopPreparing();
      const running = slot.abort();
      playback.stop();
      if (s().webcam.phase !== 'off') s().setWebcamPhase('off');
      // Say plainly that the run stopped; the vote so far is brought up to date and stays, marked partial.
      if (running) {
        refresh();
        s().runCanceled();
      }
    },
    begin(name, source, keepFolder = false) {
      slot.cancel();
      const run = new AbortController();
      current = run;
      s().clearErrors();
      s().resetAnalysis();
      if (source !== 'folder' && !keepFolder) s().resetEvaluation();
      s().videoOpening(name, source);
      return run;
    },
    finish(run) {
      if (current === run) current = null;
    },
    fail(run, error, prefix) {
      if (run.signal.aborted || error instanceof CanceledError) return false;
      s().videoFailed();
      s().pushNotice('error', `${prefix}${describeError(error)}`);
      return true;
    },
  };
  return slot;
}
