/**
 * The general networks on their own thread, in Node (tfjs WASM, the worker's service behind an
 * in-memory port pair): they answer as they do in this thread, and a file run that overlaps their
 * answers sends every frame, in order, with the same `general`, and leaves no tensor behind.
 */
import { isAbsolute } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initNodeBackend, packageWeightSource, probeVideo } from '../node';
import { ffmpegFrames } from '../node/ffmpeg-frame-source';
import { clip, makeRow } from '../node/test-fixtures';
import { GENERAL } from '../shared/prediction-keys';
import type { TrackedFrame } from '../shared/face-record';
import type { PerceptionConfig } from '../shared/perception-config';
import { trackFrames } from './analyze-video';
import { disposeGeneralInput, loadGeneralNetsHere, withFallback, type GeneralNets } from './general-nets';
import type { PerceptionModels } from './perception-models';
import { usePerceptionModels } from '../node/test-models';
import { createStageTimer } from './stage-timer';
import { startGeneralWorker } from './worker/general-client';
import { createGeneralService } from './worker/general-service';
import { serveRpc } from './worker/rpc-server';
import { createPortPair } from './worker/test-ports';

let models!: PerceptionModels;
usePerceptionModels((m) => (models = m));

/** The general worker's service on a port pair, its networks loaded from the npm packages. */
async function generalWorker() {
  const ports = createPortPair();
  const handlers = createGeneralService({
    initBackend: async () => ({ active: (await initNodeBackend()) as 'wasm' }),
    loadNets: () => loadGeneralNetsHere(packageWeightSource()),
  });
  serveRpc(ports.server, handlers);
  return startGeneralWorker({ backend: 'wasm', wasm: '', models: '' }, ports.client);
}

/**
 * Every tracked frame of `name` at 5 fps, with `general` run by `nets` (here when absent), each frame
 * `slowMs` late; `here`: the networks here too, for a run that waits on its frames; `perception`: the settings.
 */
async function trackClip(name: string, nets: GeneralNets | null, overlap: boolean, { slowMs = 0, here = false, perception = {} as Partial<PerceptionConfig> } = {}) {
  const path = isAbsolute(name) ? name : clip(name);
  const frames: TrackedFrame[] = [];
  const timer = createStageTimer();
  const run = nets ? { ...models, general: nets, ...(here && { generalHere: models.general }) } : models;
  const source = ffmpegFrames(path, 5);
  const late = { next: () => new Promise((r) => setTimeout(r, slowMs)).then(() => source.next()), return: () => source.return() };
  await trackFrames(slowMs ? late : source, await probeVideo(path), run, { overlap, perception }, timer, (f) => frames.push(f));
  return { frames, timer };
}

/**
 * The plain run of the clip every test compares with (these networks in this thread, no overlap),
 * made once: it is the same every time, and four tests read it (about 2.5 s each on 2 cores).
 */
let plainRun: ReturnType<typeof trackClip> | undefined;
const hereRun = () => (plainRun ??= trackClip('03-02-04_01.mp4', null, false));

const generalOf = (frames: TrackedFrame[]) => frames.map((f) => f.faces.map((face) => (face.baselineProbs?.[GENERAL] ? [...face.baselineProbs[GENERAL]] : null)));
const groupingOf = (frames: TrackedFrame[]) => frames.map((f) => f.faces.map((face) => (face.groupingEmbedding ? [...face.groupingEmbedding] : null)));

describe('the general networks on their own thread', () => {
  it('answer a file run as they do here, every frame in order, with no tensor left behind', async () => {
    const worker = await generalWorker();
    try {
      const here = await hereRun();
      const before = tf.memory().numTensors;
      // Each answer held back 150 ms, longer than a frame here: frames wait, and are still sent in order.
      const slow: GeneralNets = { run: (input, reads) => worker.run(input, reads).then((out) => new Promise((r) => setTimeout(() => r(out), 150))), dispose() {} };
      const there = await trackClip('03-02-04_01.mp4', slow, true);
      expect(tf.memory().numTensors).toBe(before);
      expect((await worker.memory()).numTensors).toBe(before); // one tfjs here: the service's tensors are these too

      expect(there.frames.map((f) => f.frameIndex)).toEqual(here.frames.map((f) => f.frameIndex));
      const withGeneral = generalOf(here.frames).flat().filter((g) => g !== null).length;
      expect(withGeneral).toBeGreaterThanOrEqual(5); // every 0.4 s of a 2.5 s clip
      expect(generalOf(there.frames)).toEqual(generalOf(here.frames));
      expect(there.timer.samples().generalOffThread).toHaveLength(withGeneral);
      expect(there.timer.samples().generalWait!.length).toBeGreaterThan(0);
    } finally {
      worker.dispose();
    }
  }, 120_000);

  it("give a folder clip's every face its grouping embedding there as here, without holding up the expression networks' pace", async () => {
    const worker = await generalWorker();
    const folder = { perception: { mirrorEmbedding: true } };
    try {
      const here = await trackClip('03-02-04_01.mp4', null, false, folder);
      const there = await trackClip('03-02-04_01.mp4', worker, true, folder);
      const faces = here.frames.flatMap((f) => f.faces);
      expect(faces.length).toBeGreaterThanOrEqual(10);
      expect(faces.every((f) => f.groupingEmbedding?.length === 128)).toBe(true);
      // The tracker's plain embedding keeps its own schedule (once a second for one face).
      expect(faces.filter((f) => f.embedding).length).toBeLessThan(faces.length / 2);
      expect(groupingOf(there.frames)).toEqual(groupingOf(here.frames));
      // The expression networks keep their own pace (every 0.4 s), as in a single file's run.
      expect(generalOf(there.frames)).toEqual(generalOf((await hereRun()).frames));
      // Every frame with a face went to the other thread once.
      expect(there.timer.samples().generalOffThread).toHaveLength(there.frames.filter((f) => f.faces.length > 0).length);
    } finally {
      worker.dispose();
    }
  }, 120_000);

  it("read each face's mirror image on every other run ('alternate'), and both views averaged there as here ('both')", async () => {
    const worker = await generalWorker();
    try {
      const plain = generalOf((await trackClip('03-02-04_01.mp4', null, false, { perception: { generalMirror: 'none' } })).frames).flat();
      const alternate = generalOf((await hereRun()).frames).flat(); // the default
      const both = generalOf((await trackClip('03-02-04_01.mp4', worker, true, { perception: { generalMirror: 'both' } })).frames).flat();
      const runs = plain.flatMap((p, i) => (p ? [i] : []));
      expect(runs.length).toBeGreaterThanOrEqual(5);
      // The same frames get the networks in every mode; the view is all that changes.
      for (const probs of [alternate, both]) expect(probs.flatMap((p, i) => (p ? [i] : []))).toEqual(runs);
      const even = runs.filter((_, k) => k % 2 === 0);
      const odd = runs.filter((_, k) => k % 2 === 1);
      expect(even.map((i) => alternate[i])).toEqual(even.map((i) => plain[i]));
      const gap = (a: number[], b: number[]) => Math.max(...a.map((v, c) => Math.abs(v - b[c]!)));
      // A face and its mirror image read differently (our clips by 0.01–0.1 a class) …
      expect(Math.max(...odd.map((i) => gap(alternate[i]!, plain[i]!)))).toBeGreaterThan(0.005);
      // … and 'both' is their mean, but for disgust's share, dropped and renormalised after the averaging.
      for (const i of odd) expect(gap(both[i]!, plain[i]!.map((v, c) => (v + alternate[i]![c]!) / 2))).toBeLessThan(0.02);
    } finally {
      worker.dispose();
    }
  }, 120_000);

  it('read every person of a group in turn, not only the two largest faces (three people side by side)', async () => {
    const row = await makeRow(['01-02-03_01.mp4', '03-02-05_01.mp4', '05-02-06_01.mp4'].map((name) => clip(name)));
    const { frames } = await trackClip(row, null, false);
    const tracks = new Map<number, { seen: number; read: number }>();
    for (const f of frames) {
      f.faces.forEach((face, j) => {
        const t = tracks.get(f.trackIds[j]!) ?? { seen: 0, read: 0 };
        tracks.set(f.trackIds[j]!, { seen: t.seen + 1, read: t.read + Number(face.baselineProbs?.[GENERAL] !== undefined) });
      });
    }
    const people = [...tracks.values()].filter((t) => t.seen >= 8);
    expect(people).toHaveLength(3);
    // Two faces a run over 8 runs: each person about two runs in three — 5, 6 and 5; the two largest alone, 2, 8 and 6.
    for (const t of people) expect(t.read, JSON.stringify([...tracks])).toBeGreaterThanOrEqual(4);
  }, 120_000);

  it('run here, alike, while the run waits on its frames (a decoder slower than the networks)', async () => {
    const worker = await generalWorker();
    try {
      const here = await hereRun();
      const there = await trackClip('03-02-04_01.mp4', worker, true, { slowMs: 60, here: true });
      expect(generalOf(there.frames)).toEqual(generalOf(here.frames));
      const ran = generalOf(here.frames).flat().filter((g) => g !== null).length;
      // The first frames, before the wait is known, on the worker; the rest here.
      expect(there.timer.samples().generalOffThread?.length ?? 0).toBeLessThan(ran / 2);
    } finally {
      worker.dispose();
    }
  }, 120_000);

  it('fail the run when an answer fails, send nothing after it, and leave no tensor behind', async () => {
    let calls = 0;
    const failing: GeneralNets = {
      run(input, reads) {
        if (++calls !== 2) return models.general.run(input, reads);
        disposeGeneralInput(input); // as the worker's client does: its inputs were read before the call failed
        return new Promise((_, reject) => setTimeout(() => reject(new Error('the general worker failed')), 50));
      },
      dispose() {},
    };
    const path = clip('03-02-04_01.mp4');
    const sent: number[] = [];
    const before = tf.memory().numTensors;
    const run = trackFrames(ffmpegFrames(path, 5), await probeVideo(path), { ...models, general: failing }, { overlap: true }, createStageTimer(), (f) => sent.push(f.frameIndex));
    await expect(run).rejects.toThrow('the general worker failed');
    const atFailure = sent.length;
    await new Promise((r) => setTimeout(r, 300)); // answers of frames still held come in
    expect(sent).toHaveLength(atFailure);
    expect(sent).toEqual([...sent].sort((a, b) => a - b));
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it('send nothing once a run is cancelled, though answers of frames it held still come in', async () => {
    const slow: GeneralNets = { run: (input, reads) => models.general.run(input, reads).then((out) => new Promise((r) => setTimeout(() => r(out), 150))), dispose() {} };
    const path = clip('03-02-04_01.mp4');
    const abort = new AbortController();
    const sent: number[] = [];
    const before = tf.memory().numTensors;
    const run = trackFrames(ffmpegFrames(path, 5), await probeVideo(path), { ...models, general: slow }, { overlap: true, signal: abort.signal }, createStageTimer(), (f) => {
      sent.push(f.frameIndex);
      if (sent.length === 2) abort.abort(new Error('cancelled'));
    });
    await expect(run).rejects.toThrow('cancelled');
    await new Promise((r) => setTimeout(r, 400)); // the held frames' answers come in
    expect(sent).toHaveLength(2);
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it('after the worker fails, fail that run only: later runs go on in this thread, alike', async () => {
    let crashed = false;
    const crashing: GeneralNets = {
      run(input, reads) {
        if (!crashed) return models.general.run(input, reads).then((out) => ((crashed = true), out));
        disposeGeneralInput(input);
        return Promise.reject(new Error('The general worker failed (out of memory).'));
      },
      dispose() {},
    };
    const nets = withFallback(crashing, models.general);
    await expect(trackClip('03-02-04_01.mp4', nets, true)).rejects.toThrow('The general worker failed');
    const here = await hereRun();
    const after = await trackClip('03-02-04_01.mp4', nets, true);
    expect(generalOf(after.frames)).toEqual(generalOf(here.frames));
    expect(await nets.memory!()).toEqual({ numTensors: 0 });
  }, 120_000);

  it('reject the start when the networks cannot load, and end the worker', async () => {
    const ports = createPortPair();
    serveRpc(ports.server, createGeneralService({ initBackend: async () => ({ active: 'wasm' }), loadNets: () => Promise.reject(new Error('no weights')) }));
    await expect(startGeneralWorker({ backend: 'wasm', wasm: '', models: '' }, ports.client)).rejects.toThrow('no weights');
    expect(ports.terminated).toBe(true);
  });
});
