import { initNodeBackend } from '/work/main/src/node/backend';
import { loadPerceptionModels } from '/work/main/src/pipeline/perception-models';
import { packageWeightSource } from '/work/main/src/node/file-weight-source';
import { probeVideo } from '/work/main/src/node';
import { ffmpegFrames } from '/work/main/src/node/ffmpeg-frame-source';
import { findTurnFps, turnFrame } from '/work/main/src/pipeline/find-turn';
import { confirmedFaces, createPerceptionState } from '/work/main/src/pipeline/perceive-frame';
import { createStageTimer } from '/work/main/src/pipeline/stage-timer';
import { frameTensorOf } from '/work/main/src/pipeline/analyze-video';
await initNodeBackend();
const models = await loadPerceptionModels(packageWeightSource());
const variants = { full: {}, noSearch: { faceInputSizeSearch: 0, faceInputSizeSearchSmallFrames: 0 }, noFallback: { faceInputSizeSearch: 0, faceInputSizeSearchSmallFrames: 0, tightFramePad: 0, noisyFrameSmooth: 0 } };
for (const path of ['/tmp/turnprobe/01-01-03-ud.mp4', '/tmp/turnprobe/02-01-05-side.mp4', '/work/main/.cache/unfamiliar/compressed-240/clips/03-01-02_01.mp4']) {
  const { durationSec } = await probeVideo(path);
  const src = ffmpegFrames(path, findTurnFps(durationSec)!);
  const ms: Record<string, Record<number, number>> = {};
  const found: Record<string, Record<number, number>> = {};
  for (let k = 0; k < 4; k++) {
    const n = await src.next(); if (n.done) break;
    const t = await frameTensorOf(n.value);
    for (const turn of [0, 90, 270, 180] as const) {
      const tt = turnFrame(t, turn);
      for (const [name, cfg] of Object.entries(variants)) {
        const t0 = performance.now();
        const faces = await confirmedFaces(models, tt, n.value.tSec, createPerceptionState(cfg), createStageTimer());
        ((ms[name] ??= {})[turn] ??= 0); ms[name][turn] += performance.now() - t0;
        ((found[name] ??= {})[turn] ??= 0); found[name][turn] += faces.length ? Math.max(...faces.map((f) => f.score * (f.verifyScore ?? 1))) : 0;
      }
      tt.dispose();
    }
    t.dispose(); n.value.close();
  }
  await src.return(undefined);
  for (const name of Object.keys(variants)) console.log(path.split('/').pop(), name, JSON.stringify(Object.fromEntries(Object.entries(ms[name]!).map(([a, b]) => [a, Math.round(b)]))), JSON.stringify(Object.fromEntries(Object.entries(found[name]!).map(([a, b]) => [a, b.toFixed(2)]))));
}
