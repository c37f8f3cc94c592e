/**
 * The live camera: ask for it (without its microphone), show it, and analyse its frames until the
 * user stops it or it is unplugged; results stay on screen either way. The tracker forgets faces
 * older than a rolling window, so memory stays flat over long sessions.
 */
import { createFramePublisher } from './frame-publisher';
import { NO_SOUND, type Results, type RunContext } from './results';
import type { RunSlot } from './run-slot';
import { createCameraCalibration, type CameraCalibration } from './camera-calibration';
import { shownAnswer } from './person-calibration';
import { CAMERA_DISCONNECTED, createWebcamSource, describeCameraError, WEBCAM_FPS } from './webcam-source';

/** Tracks unseen this long are retired on the camera (people leave and come back). */
const WEBCAM_MAX_UNSEEN_SEC = 2;
/** Seconds of faces a webcam session keeps (tracker and clip): the rolling emotion and vote cover them. */
const WEBCAM_HISTORY_SEC = 30;
const CONSTRAINTS: MediaStreamConstraints = { video: { width: { ideal: 640 }, height: { ideal: 480 } }, audio: false };

/** Opens the camera; throws a DOMException (NotAllowedError, NotFoundError, …) when it cannot. */
export type OpenCamera = (constraints: MediaStreamConstraints) => Promise<MediaStream>;

const openBrowserCamera: OpenCamera = async (constraints) => {
  if (!navigator.mediaDevices?.getUserMedia) throw new DOMException('no mediaDevices', 'NotFoundError');
  return navigator.mediaDevices.getUserMedia(constraints);
};

/** Camera runs. */
export interface CameraRunner {
  /** Calibrates the running camera to its person (camera-calibration.ts); nothing off the camera. */
  calibrate(): void;
  /** Starts the camera (cancelling the current input) and analyses it live until stopped. */
  start(): Promise<void>;
  /** Stops the camera and releases it; results stay on screen. */
  stop(): void;
}

/** Creates the camera runner of a page; `openCamera` defaults to the browser's getUserMedia. */
export function createCameraRunner({
  client,
  playback,
  store,
  slot,
  results,
  openCamera = openBrowserCamera,
}: RunContext & { slot: RunSlot; results: Results; openCamera?: OpenCamera }): CameraRunner {
  const s = store.getState;
  /** The running session's calibration; null off the camera. */
  let calibration: CameraCalibration | null = null;

  const runner: CameraRunner = {
    calibrate() {
      calibration?.start();
    },
    async start() {
      const run = slot.begin('camera', 'webcam');
      s().setWebcamPhase('starting');
      let stream: MediaStream;
      try {
        stream = await openCamera(CONSTRAINTS);
      } catch (error) {
        if (run.signal.aborted) return;
        s().setWebcamPhase('off');
        s().videoIdle();
        s().pushNotice('error', describeCameraError(error));
        slot.finish(run);
        return;
      }
      if (run.signal.aborted) {
        for (const t of stream.getTracks()) t.stop();
        return;
      }
      // An unplugged camera ends its track: say so and stop, keeping what was found.
      stream.getVideoTracks()[0]?.addEventListener(
        'ended',
        () => {
          if (slot.current !== run) return;
          s().pushNotice('error', CAMERA_DISCONNECTED);
          runner.stop();
        },
        { once: true },
      );
      const publisher = createFramePublisher(store, playback, true, run.signal);
      let mine: CameraCalibration | null = null;
      results.show({ fileName: 'camera', fps: WEBCAM_FPS, publisher, result: null, temporal: new Map(), speech: Promise.resolve(NO_SOUND) });
      try {
        await playback.showStream(stream);
        await results.ensureModels();
        run.signal.throwIfAborted();
        const size = { width: playback.video.videoWidth, height: playback.video.videoHeight };
        playback.frameSize = size;
        s().videoOpened({ width: size.width, height: size.height, fps: WEBCAM_FPS, durationSec: 0, frameCount: 0, codec: 'camera', codecString: 'camera' });
        s().setWebcamPhase('on');
        const started = performance.now();
        const frames = createWebcamSource(playback.video, { fps: WEBCAM_FPS, signal: run.signal });
        mine = createCameraCalibration(store, client, async (probs) => {
          const loaded = await results.ensurePredictor();
          return loaded ? shownAnswer(loaded.ensemble, probs).name : null;
        }, run.signal);
        calibration = mine;
        await client.analyzeStream(frames, size, {
          signal: run.signal,
          tracker: { maxUnseenSec: WEBCAM_MAX_UNSEEN_SEC },
          // A rolling window keeps memory flat over long sessions (see npm run soak).
          historySec: WEBCAM_HISTORY_SEC,
          onFrame: (update) => {
            if (run.signal.aborted) return;
            publisher.onFrame(update, (update.analysed * 1000) / Math.max(1, performance.now() - started));
            mine?.onFrame(update);
          },
        });
      } catch (error) {
        if (slot.fail(run, error, 'Camera: ')) playback.stop();
      } finally {
        if (calibration === mine) calibration = null;
        if (slot.current === run) s().setWebcamPhase('off');
        slot.finish(run);
      }
    },

    stop() {
      if (s().video.source !== 'webcam') return;
      results.refresh();
      slot.abort();
      playback.stop();
      s().setWebcamPhase('off');
      if (s().video.phase === 'decoding' || s().video.phase === 'opening') s().videoDone();
    },
  };
  return runner;
}
