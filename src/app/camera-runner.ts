/**
 * The live camera: ask for it (without its microphone), show it, and analyse its frames until the
 * user stops it or it is unplugged; results stay on screen either way. The tracker forgets faces
 * older than a rolling window, so memory stays flat over long sessions.
 */
import { analyseCamera } from './camera-run';
import { createFramePublisher } from './frame-publisher';
import { NO_SOUND, type Results, type RunContext } from './results';
import type { RunSlot } from './run-slot';
import { createCameraCalibration, type CameraCalibration } from './camera-calibration';
import { calibratedAnswerKey } from './person-calibration';
import { clipFamiliarity, sceneVector } from '../shared/ensemble-config';
import { perceptionFromQuery } from '../shared/perception-config';
import { CAMERA_DISCONNECTED, describeCameraError } from './webcam-source';

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
      results.show({ fileName: 'camera', fps: undefined, publisher, result: null, temporal: new Map(), speech: Promise.resolve(NO_SOUND) });
      try {
        await playback.showStream(stream);
        await results.ensureModels();
        run.signal.throwIfAborted();
        const size = { width: playback.video.videoWidth, height: playback.video.videoHeight };
        playback.frameSize = size;
        // The camera is analysed as fast as the device allows (camera-run.ts): its fps is the camera's own.
        const fps = stream.getVideoTracks()[0]?.getSettings().frameRate ?? 30;
        s().videoOpened({ width: size.width, height: size.height, fps, durationSec: 0, frameCount: 0, codec: 'camera', codecString: 'camera' });
        s().setWebcamPhase('on');
        // `?cameraBaselines=1` also runs the per-frame baselines (off on the camera: see camera-run.ts);
        // `?perception.name=value` changes a perception setting (the bench's A/B runs).
        const query = globalThis.location?.search ?? '';
        const baselines = new URLSearchParams(query).get('cameraBaselines') === '1';
        // Off our footage (another camera, framing or scene: every camera but ours) the calibrated
        // answer is `general` calibrated to the session, as a folder's clip would show.
        mine = createCameraCalibration(store, client, async (probs, clip) => {
          const loaded = await results.ensurePredictor();
          if (!loaded) return null;
          const scene = clipFamiliarity(loaded.ensemble, 'scene', sceneVector(clip.records));
          return calibratedAnswerKey(loaded.ensemble, probs, scene?.familiar ?? true);
        }, run.signal);
        calibration = mine;
        await analyseCamera({ client, playback, publisher, size, signal: run.signal, baselines, perception: perceptionFromQuery(query), onFrame: (update) => mine?.onFrame(update), clipModelsListen: () => mine?.listening ?? false });
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
