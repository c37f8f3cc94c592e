/**
 * Node CLI: per-call latency of every network on the tfjs WASM backend, on a real clip frame.
 * Usage: npx tsx src/node/bench-models.ts [clip.mp4] [repeats]
 */
import * as tf from '@tensorflow/tfjs';
import { landmarksInFrame } from '../models/general-opencv-fer/align';
import { loadModels } from '../models/registry';
import { initNodeBackend } from './backend';
import { packageWeightSource } from './file-weight-source';
import { clip, frameToTensor, readFrames } from './test-fixtures';

async function time(label: string, repeats: number, fn: () => Promise<unknown>): Promise<void> {
  await fn(); // warm-up (kernel set-up, first allocation)
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const median = ms[Math.floor(ms.length / 2)]!;
  console.log(`${label.padEnd(34)} median ${median.toFixed(1).padStart(6)} ms   min ${ms[0]!.toFixed(1).padStart(6)} ms`);
}

async function main(): Promise<void> {
  const path = process.argv[2] ?? clip('01-01-03_01.mp4');
  const repeats = Number(process.argv[3] ?? 15);
  console.log(`backend: ${await initNodeBackend()}; clip: ${path}`);
  const m = await loadModels(
    ['face-detector', 'face-emotion', 'face-embedding', 'person-detector', 'human-emotion', 'face-landmarks', 'general-hsemotion', 'general-opencv-fer'],
    packageWeightSource(),
  );
  const raw = (await readFrames(path, 1))[1]!;
  const frame = frameToTensor(raw);
  const [face] = await m['face-detector'].run(frame, { scoreThreshold: 0.2 });
  if (!face) throw new Error('no face in the benchmark frame');
  const one = [face.box];
  const two = [face.box, { ...face.box, x: face.box.x + 5 }];
  console.log(`frame ${raw.width}×${raw.height}`);
  await time('face-detector (TinyFace 416)', repeats, () => m['face-detector'].run(frame, { inputSize: 416 }));
  await time('face-detector (TinyFace 320)', repeats, () => m['face-detector'].run(frame, { inputSize: 320 }));
  await time('face-emotion, batch 1', repeats, () => m['face-emotion'].run({ frame, boxes: one }));
  await time('face-emotion, batch 2', repeats, () => m['face-emotion'].run({ frame, boxes: two }));
  await time('face-embedding, batch 1', repeats, () => m['face-embedding'].run({ frame, boxes: one }));
  await time('person-detector (CenterNet 512)', repeats, () => m['person-detector'].run({ frame, regions: one }));
  await time('human-emotion, batch 1', repeats, () => m['human-emotion'].run({ frame, boxes: one }));
  for (const inputSize of [224, 160, 112] as const) {
    for (const [n, boxes] of [[1, one], [2, two]] as const) {
      for (const mirror of [true, false]) {
        await time(`general-hsemotion ${inputSize}, batch ${n}${mirror ? ', mirror' : ''}`, repeats, () => m['general-hsemotion'].run({ frame, boxes }, { inputSize, mirror }));
      }
    }
  }
  const rel = await m['face-landmarks'].run({ frame, boxes: two });
  const landmarks = two.map((b, i) => landmarksInFrame(b, rel[i]!));
  for (const [n, boxes] of [[1, one], [2, two]] as const) {
    for (const mirror of [true, false]) {
      await time(`general-opencv-fer, batch ${n}${mirror ? ', mirror' : ''}`, repeats, () => m['general-opencv-fer'].run({ frame, boxes, landmarks: landmarks.slice(0, n) }, { mirror }));
    }
  }
  frame.dispose();
  Object.values(m).forEach((model) => model.dispose());
  console.log(`tensors left: ${tf.memory().numTensors}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
