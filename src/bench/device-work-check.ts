/**
 * What one analysed frame asks of the device (issue 30): the bench page runs the app's per-frame
 * path (`perceiveFrame`, with the tracker's recent boxes as the app passes them) on the first
 * frames of a clip and counts each frame's downloads, GPU dispatches and kernels. Counts are true
 * even where a backend's timings mean nothing (WebGPU on SwiftShader).
 */
import { createTracker } from '../core/tracking/tracker';
import { watchDeviceWork, type DeviceWork } from '../models/device-work';
import { createPerceptionState, frameFromBitmap, perceiveFrame } from '../pipeline/perceive-frame';
import type { PerceptionModels } from '../pipeline/perception-models';
import { createStageTimer } from '../pipeline/stage-timer';
import type { PerceptionConfig } from '../shared/perception-config';
import { decodeFrames, openVideo } from '../video';

/** Each analysed frame's device work, for the first `maxFrames` frames of `file` at `fps`. */
export async function deviceWorkPerFrame(file: File, models: PerceptionModels, fps: number | undefined, perception: Partial<PerceptionConfig>, maxFrames = 12): Promise<(DeviceWork & { faces: number })[]> {
  const video = await openVideo(file);
  const state = createPerceptionState(perception);
  const tracker = createTracker();
  const timer = createStageTimer();
  const out: (DeviceWork & { faces: number })[] = [];
  try {
    for await (const frame of decodeFrames(video, { fps })) {
      if (frame.mouthOnly) {
        frame.close();
        continue;
      }
      const tensor = frameFromBitmap(frame.bitmap);
      frame.close();
      const watch = watchDeviceWork();
      try {
        const seen = await perceiveFrame(models, tensor, frame.tSec, state, timer, tracker.recentTrackBoxes(frame.tSec, state.config.embeddingIntervalSec));
        tracker.update(frame.frameIndex, frame.tSec, seen.detections);
        out.push({ ...watch.read(), faces: seen.faces.length });
      } finally {
        watch.stop();
        tensor.dispose();
      }
      if (out.length >= maxFrames) break;
    }
  } finally {
    video.dispose();
  }
  return out;
}
