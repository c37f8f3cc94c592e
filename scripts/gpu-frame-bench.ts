/**
 * One analysed frame's whole path (`perceiveFrame`: detection, verifier, every face net, person
 * detector when due) on a real GPU, for issue 30: median ms and, per frame, the downloads and GPU
 * dispatches, with 1, 2 and 4 faces, batched reads on and off, on `webgpu` and `wasm`.
 * Runs in Deno (wgpu over Vulkan), bundled as ../shared/tools/gpu-bench/README.md says for its
 * bench.ts; docs/performance-webgpu.md has the recipe and the figures.
 *
 *   deno run -A --unstable-webgpu gpu-frame-bench.js <dir with models/, wasm/, frame360.rgb> [backends] [frames]
 */
import '../../shared/tools/gpu-bench/prelude';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { watchDeviceWork, type DeviceWork } from '../src/models/device-work';
import { createPerceptionState, perceiveFrame } from '../src/pipeline/perceive-frame';
import { loadPerceptionModels } from '../src/pipeline/perception-models';
import { createStageTimer } from '../src/pipeline/stage-timer';

declare const Deno: {
  args: string[];
  readFile(path: string): Promise<Uint8Array<ArrayBuffer>>;
  realPathSync(path: string): string;
  writeTextFile(path: string, text: string): Promise<void>;
  env: { get(name: string): string | undefined };
  serve(options: object, handler: (req: Request) => Promise<Response>): { addr: { port: number }; shutdown(): Promise<void> };
};

const dir = Deno.args[0] ?? '.';
const backends = (Deno.args[1] ?? 'webgpu,wasm').split(',');
const frames = Number(Deno.args[2] ?? 25);
const source = {
  description: `${dir}/models`,
  async readBytes(rel: string) {
    const b = await Deno.readFile(`${dir}/models/${rel}`);
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  },
};

/** The 360×270 frame, and 2 and 4 copies of it side by side / in a 2×2 grid. */
async function testFrames(): Promise<Record<1 | 2 | 4, tf.Tensor3D>> {
  const bytes = await Deno.readFile(`${dir}/frame360.rgb`);
  const one = tf.tensor3d(Int32Array.from(bytes), [270, 360, 3], 'int32');
  const two = tf.concat([one, one], 1) as tf.Tensor3D;
  const four = tf.concat([two, two], 0) as tf.Tensor3D;
  return { 1: one, 2: two, 4: four };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x * 100) / 100;

/** `frames` frames 0.2 s apart (a 5 fps file) after 5 of warm-up; ms and device work per frame. */
async function measure(models: Awaited<ReturnType<typeof loadPerceptionModels>>, frame: tf.Tensor3D, batchedReads: boolean) {
  const state = createPerceptionState({}, batchedReads);
  const timer = createStageTimer();
  const ms: number[] = [];
  const work: DeviceWork[] = [];
  let faces = 0;
  for (let i = 0; i < frames + 5; i++) {
    const watch = watchDeviceWork();
    const t0 = performance.now();
    const seen = await perceiveFrame(models, frame, i * 0.2, state, timer);
    const dt = performance.now() - t0;
    watch.stop();
    if (i < 5) continue;
    ms.push(dt);
    work.push(watch.read());
    faces = seen.faces.length;
  }
  const per = (k: keyof DeviceWork) => work.map((w) => w[k] ?? 0);
  return {
    faces,
    medianMs: round(median(ms)),
    maxMs: round(Math.max(...ms)),
    readbacks: { median: median(per('readbacks')), max: Math.max(...per('readbacks')) },
    syncReadbacks: Math.max(...per('syncReadbacks')),
    dispatches: work[0]!.dispatches === null ? null : { median: median(per('dispatches')), max: Math.max(...per('dispatches')) },
    kernels: median(per('kernels')),
    stagesMedianMs: Object.fromEntries(Object.entries(timer.samples()).map(([k, v]) => [k, round(median(v))])),
  };
}

const out: Record<string, unknown> = {};
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
const wasmDir = `${Deno.realPathSync(dir)}/wasm`;
const server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen() {} }, async (req: Request) =>
  new Response(await Deno.readFile(wasmDir + new URL(req.url).pathname), { headers: { 'content-type': 'application/wasm' } }),
);
setWasmPaths(`http://127.0.0.1:${server.addr.port}/`);
for (const spec of backends) {
  const [backend, flag] = spec.split(':');
  tf.env().set('WEBGPU_CPU_FORWARD', flag !== 'nocpufwd');
  if (!(await tf.setBackend(backend!).catch(() => false))) {
    out[spec] = { error: 'setBackend failed' };
    continue;
  }
  await tf.ready();
  const models = await loadPerceptionModels(source);
  const tiles = await testFrames();
  const result: Record<string, unknown> = {};
  for (const n of [1, 2, 4] as const) {
    for (const batched of [true, false]) result[`${n} face(s), ${batched ? 'batched' : 'unbatched'}`] = await measure(models, tiles[n], batched);
  }
  result.tensorsAfter = tf.memory().numTensors;
  tf.dispose(Object.values(tiles));
  models.dispose();
  out[spec] = result;
  console.log(JSON.stringify({ [spec]: result }));
}
await server.shutdown();
await Deno.writeTextFile(`${Deno.env.get('OUT') ?? '.'}/gpu-frame-bench.json`, JSON.stringify(out, null, 1));
