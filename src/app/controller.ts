/**
 * The app's actions that do async work: start a backend, open and analyse a file. It writes plain
 * results into the store; the UI only reads the store and calls these actions. Starting a new input
 * cancels the previous one first, so no stale work writes into the store.
 */
import { parseBackendName } from '../env/backend-choice';
import { initBackend } from '../env/init-backend';
import { CanceledError, describeError } from '../errors';
import type { AppStore } from '../store/app-store';
import { decodeFrames, openVideo } from '../video';

/** Actions the UI can call. */
export interface Controller {
  /** Starts the compute backend named in `?backend=` or the best available one. */
  startBackend(search: string): Promise<void>;
  /** Opens `file`, cancelling whatever ran before, and decodes it at the store's sampling rate. */
  openFile(file: File): Promise<void>;
  /** Cancels the current input, if any. */
  cancel(): void;
}

/** How often (ms) decode progress is written to the store: often enough to look live, not per frame. */
const PROGRESS_INTERVAL_MS = 100;

/** Creates the controller bound to `store`. */
export function createController(store: AppStore): Controller {
  let current: AbortController | null = null;

  const cancel = () => {
    current?.abort();
    current = null;
  };

  return {
    cancel,

    async startBackend(search) {
      const forced = parseBackendName(new URLSearchParams(search).get('backend'));
      try {
        const status = await initBackend(forced);
        store.getState().setBackendReady(status.active, status.forced);
        if (status.fallbackReason) store.getState().pushNotice('error', status.fallbackReason);
      } catch (error) {
        store.getState().setBackendFailed();
        store.getState().pushNotice('error', describeError(error));
      }
    },

    async openFile(file) {
      cancel();
      const run = new AbortController();
      current = run;
      const s = store.getState;
      s().clearErrors();
      s().videoOpening(file.name);
      let disposeVideo = () => {};
      try {
        const video = await openVideo(file);
        disposeVideo = () => video.dispose();
        run.signal.throwIfAborted();
        s().videoOpened(video.info);
        const started = performance.now();
        let count = 0;
        let lastPush = 0;
        let lastT = 0;
        for await (const frame of decodeFrames(video, { fps: s().video.sampleFps, signal: run.signal })) {
          // Perception runs here once the models land (issue 6); for now frames are only counted.
          count++;
          lastT = frame.tSec;
          frame.close();
          const now = performance.now();
          if (now - lastPush > PROGRESS_INTERVAL_MS) {
            lastPush = now;
            s().videoProgress(count, lastT, (count * 1000) / Math.max(1, now - started));
          }
        }
        s().videoProgress(count, lastT, (count * 1000) / Math.max(1, performance.now() - started));
        s().videoDone();
      } catch (error) {
        if (run.signal.aborted || error instanceof CanceledError) return;
        s().videoFailed();
        s().pushNotice('error', `${file.name}: ${describeError(error)}`);
      } finally {
        disposeVideo();
        if (current === run) current = null;
      }
    },
  };
}
