/**
 * Node-only: the app's per-frame loop over edited footage (src/node/edited-footage.ts), as the
 * page has the clip at the end of a run: the analysis worker's loop on ffmpeg's frames, with the
 * grey frames a file gets, then the joins across cuts.
 */
import { MOUTH_TRACE } from '../core/speaker/speaker-constants';
import { trackFrames } from '../pipeline/analyze-video';
import { addFrame, createClipAnalysis, joinShots, type ClipAnalysis } from '../pipeline/clip-analysis';
import type { PerceptionModels } from '../pipeline/perception-models';
import { createStageTimer } from '../pipeline/stage-timer';
import { SHOT_SEC } from './edited-footage';
import { ffmpegFrames } from './ffmpeg-frame-source';
import { probeVideo } from './ffmpeg';

/**
 * The clip of `path` at `fps`, its tracks before the joins, and the joins. `asCamera`: the frames come
 * without grey frames between them, as a camera's pictures do (no cuts, no mouth trace).
 */
export async function analyseEdited(models: PerceptionModels, path: string, { fps = 5, asCamera = false } = {}): Promise<{ clip: ClipAnalysis; joins: Map<number, number>; tracksBeforeJoin: number }> {
  const size = await probeVideo(path);
  const clip = createClipAnalysis(size.width, size.height);
  const frames = ffmpegFrames(path, fps, asCamera ? {} : { mouthFps: MOUTH_TRACE.fps });
  await trackFrames(frames, size, models, {}, createStageTimer(), (f) => addFrame(clip, f.faces, f.trackIds, f.tSec, f.newShot));
  const tracksBeforeJoin = clip.tracks.size;
  return { clip, joins: joinShots(clip), tracksBeforeJoin };
}

/** The shots (by index, `SHOT_SEC` long) a track's faces come from. */
export function shotsOf(clip: ClipAnalysis, trackId: number): number[] {
  return [...new Set(clip.tracks.get(trackId)!.map((r) => Math.floor(r.tSec / SHOT_SEC + 1e-6)))].sort((a, b) => a - b);
}
