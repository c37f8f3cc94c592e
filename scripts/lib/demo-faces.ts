/**
 * Other people's faces, for the person's familiarity (docs/results.md): the six demo photos that ship
 * with the face-api npm package (MIT; read from node_modules, never copied), each made into a short
 * still video with ffmpeg and read as the app reads a file's frame, every face of at least 40 px found
 * by Tiny Face at the search's 608 px and embedded by the tracker's recognition net.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { frameFromPixels } from '../../src/pipeline/perceive-frame';
import { readFramesWithFfmpeg } from '../../src/node';
import type { PerceptionModels } from '../../src/pipeline/perception-models';
import { DEMO_PHOTOS } from '../../src/node/demo-photos';
import { DEFAULT_PERCEPTION_CONFIG } from '../../src/shared/perception-config';

/** Every face of the demo photos: which photo, its side in pixels (at 1280 px wide) and its 128-d embedding. */
export async function demoFaces(models: PerceptionModels): Promise<{ photo: string; side: number; embedding: Float32Array }[]> {
  const dir = mkdtempSync(join(tmpdir(), 'emolens-demo-faces-'));
  const faces: { photo: string; side: number; embedding: Float32Array }[] = [];
  try {
    for (const photo of DEMO_PHOTOS) {
      const video = join(dir, 'still.mp4');
      execFileSync('ffmpeg', ['-v', 'error', '-y', '-loop', '1', '-i', photo, '-t', '1', '-r', '5', '-vf', 'scale=1280:-2', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-crf', '18', video]);
      for await (const f of readFramesWithFfmpeg(video, { fps: 1, frames: 'app' })) {
        const frame = frameFromPixels(f);
        try {
          const found = (await models.faceDetector.run(frame, { inputSize: 608, scoreThreshold: 0.5, centreShift: DEFAULT_PERCEPTION_CONFIG.faceBoxCentreShift })).filter((d) => Math.min(d.box.w, d.box.h) >= 40);
          const embeddings = found.length ? await models.faceEmbedding.run({ frame, boxes: found.map((d) => d.box) }) : [];
          found.forEach((d, i) => faces.push({ photo: photo.split('/').pop()!, side: Math.round(Math.sqrt(d.box.w * d.box.h)), embedding: embeddings[i]! }));
        } finally {
          frame.dispose();
        }
        break;
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return faces;
}
