/**
 * The analysis worker's service in Node, behind the real page client and both halves of the worker
 * convention, with stand-in models, decoder and per-frame loop: load once, runs one after another
 * (a cancelled run stops before the next starts), and errors arriving as their own classes.
 */
import { describe, expect, it } from 'vitest';
import { CanceledError, NotAVideoError } from '../../errors';
import { ModelLoadError } from '../../models/model';
import type { AnalysisApi } from '../../shared/analysis-protocol';
import type { VideoInfo } from '../../shared/video-info';
import type { PerceptionModels } from '../perception-models';
import { pictureWidth } from '../tracked-frame';
import { createAnalysisClient } from './analysis-client';
import { createAnalysisService, type AnalysisDeps } from './analysis-service';
import type { DecodeClient } from './decode-client';
import { createFrameQueue } from './frame-queue';
import { serveRpc } from './rpc-server';
import { createPortPair } from './test-ports';

const INFO: VideoInfo = { durationSec: 2, frameCount: 60, fps: 30, width: 320, height: 240, codec: 'avc', codecString: 'avc1.64001e' };
const URLS = { wasm: 'wasm/', models: 'models/', trained: 'trained/' };
const bitmap = () => ({ width: INFO.width, height: INFO.height, close() {} }) as unknown as ImageBitmap;

/** A camera VideoFrame stand-in: its clones are recorded, and each knows whether it was closed. */
interface FakeVideoFrame {
  displayWidth: number;
  closed: boolean;
  close(): void;
  clone(): FakeVideoFrame;
}
function fakeVideoFrame(made: FakeVideoFrame[]): FakeVideoFrame {
  const frame: FakeVideoFrame = {
    displayWidth: INFO.width,
    closed: false,
    close: () => void (frame.closed = true),
    clone: () => fakeVideoFrame(made),
  };
  made.push(frame);
  return frame;
}

/** The service over stand-ins (some replaced by `overrides`); `log` tells what happened in which order. */
function setup(overrides: Partial<AnalysisDeps> = {}) {
  const log: string[] = [];
  let tensors = 0;
  const decoder: DecodeClient = {
    async probe(file) {
      throw new NotAVideoError(`${(file as File).name} is not a video emolens can read.`);
    },
    async open(file, { signal }) {
      const name = (file as File).name;
      log.push(`open ${name}`);
      const queue = createFrameQueue();
      if (name === 'short.mp4') {
        for (const i of [0, 1]) queue.push({ frameIndex: i, tSec: i / 30, bitmap: bitmap() });
        queue.end();
      }
      // Other files never deliver a frame: only a Cancel ends them.
      signal?.addEventListener('abort', () => {
        log.push(`stop ${name}`);
        queue.fail(new CanceledError());
      });
      return { info: INFO, frames: queue };
    },
    dispose() {},
  };
  const deps: AnalysisDeps = {
    initBackend: async () => ({ active: 'wasm' }),
    async loadPerceptionModels(urls) {
      log.push(`load models from ${urls.models}`);
      return { general: {} } as unknown as PerceptionModels; // the general networks here: no worker's tensors to add
    },
    async loadClipPredictor(url) {
      log.push(`load predictor from ${url}`);
      throw new ModelLoadError('tp-face-lr', `Could not load the tp-face-lr model from ${url}: HTTP 404`);
    },
    createDecodeClient: () => decoder,
    async trackFrames(source, _size, _models, _options, timer, onTracked) {
      tensors += 1;
      for (;;) {
        const next = await source.next();
        if (next.done) break;
        timer.add('perceive', 1);
        onTracked({ frameIndex: next.value.frameIndex, tSec: next.value.tSec, faces: [], trackIds: [], persons: [], bitmap: await next.value.bitmap });
      }
      tensors -= 1;
    },
    async findTurn() {
      throw new Error('not looked for in these tests');
    },
    readsPixelsOnCpu: () => true,
    speech: async () => ({ features: null, note: 'no sound here' }),
    memory: () => ({ numTensors: tensors, numBytes: 0 }),
    cameraFrame: (picture) => ({ bitmap: picture as ImageBitmap }),
    ...overrides,
  };
  const ports = createPortPair();
  const service = createAnalysisService(deps);
  serveRpc<AnalysisApi>(ports.server, service.handlers, { onStrayNotice: service.onStrayNotice });
  return { client: createAnalysisClient(ports.client, () => URLS), log };
}

describe('the analysis service', () => {
  it('init, then the models load once, and the status is the worker\'s', async () => {
    const { client, log } = setup();
    expect(await client.status()).toEqual({ backend: null, models: 'idle', predictor: 'idle' });
    expect(await client.init()).toEqual({ active: 'wasm' });
    await Promise.all([client.loadModels(), client.loadModels()]);
    await client.loadModels();
    expect(log).toEqual(['load models from models/']);
    expect(await client.status()).toEqual({ backend: { active: 'wasm' }, models: 'ready', predictor: 'idle' });
  });

  it('counts the general worker\'s tensors with its own, once the networks are loaded, and a run\'s leak there too', async () => {
    let generalTensors = 7;
    const general = { memory: async () => ({ numTensors: generalTensors }) };
    const { client } = setup({
      loadPerceptionModels: async () => ({ general }) as unknown as PerceptionModels,
      async trackFrames() {
        generalTensors += 2; // a run that leaves two tensors in the general worker
      },
    });
    await client.init();
    expect(await client.memory()).toEqual({ numTensors: 0, numBytes: 0 }); // not loaded yet: not asked
    await client.loadModels();
    expect(await client.memory()).toEqual({ numTensors: 7, numBytes: 0, generalWorkerTensors: 7 });
    const run = await client.analyzeVideo(new File(['y'], 'short.mp4'), { fps: 5 });
    expect(run.tensorDelta).toBe(2);
  });

  it('a cancelled run stops before the next run starts; the next one completes', async () => {
    const { client, log } = setup();
    await client.init();
    const abort = new AbortController();
    const first = client.analyzeVideo(new File(['x'], 'long.mp4'), { signal: abort.signal });
    const frames: number[] = [];
    const second = client.analyzeVideo(new File(['y'], 'short.mp4'), { onFrame: (u) => frames.push(u.frameIndex) });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(log).toEqual(['load models from models/', 'open long.mp4']);
    abort.abort();
    await expect(first).rejects.toBeInstanceOf(CanceledError);
    const done = await second;
    expect(log).toEqual(['load models from models/', 'open long.mp4', 'stop long.mp4', 'open short.mp4']);
    expect(frames).toEqual([0, 1]);
    expect(done.info).toEqual(INFO);
    expect(done.tensorDelta).toBe(0);
    expect(done.timer.samples().perceive).toEqual([1, 1]);
  });

  it('errors come back as their own classes; a failed predictor load is final and shows in the status', async () => {
    const { client, log } = setup();
    await client.init();
    await expect(client.probe(new File(['x'], 'notes.txt'))).rejects.toBeInstanceOf(NotAVideoError);
    const error = await client.loadPredictor().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelLoadError);
    expect(error).toMatchObject({ model: 'tp-face-lr', message: expect.stringMatching(/HTTP 404/) });
    await expect(client.loadPredictor()).rejects.toBeInstanceOf(ModelLoadError);
    expect(log.filter((l) => l.startsWith('load predictor'))).toHaveLength(1);
    expect((await client.status()).predictor).toBe('failed');
  });

  it('before init, a load fails with a plain error', async () => {
    const { client } = setup();
    await expect(client.loadModels()).rejects.toThrow(/before init/);
    expect((await client.status()).models).toBe('failed');
  });

  it('a camera picture read on the CPU comes back without a bitmap and is shown from the page\'s copy; every picture is closed', async () => {
    const made: FakeVideoFrame[] = [];
    // Like the worker: the picture is read into pixels and closed there; no bitmap is made.
    const { client } = setup({
      cameraFrame(picture) {
        picture.close();
        return { bitmap: null, pixels: { data: new Int32Array(3), width: 1, height: 1 } };
      },
    });
    await client.init();
    let index = 0;
    const pictures = {
      async next() {
        if (index === 3) return { done: true as const, value: undefined };
        return { done: false as const, value: { frameIndex: index, tSec: index++ / 10, picture: fakeVideoFrame(made) as unknown as VideoFrame } };
      },
      return: async () => ({ done: true as const, value: undefined }),
    };
    const shown: { frameIndex: number; picture: unknown; width: number }[] = [];
    await client.analyzeStream(pictures, { width: INFO.width, height: INFO.height }, {
      onFrame: (u) => shown.push({ frameIndex: u.frameIndex, picture: u.picture, width: pictureWidth(u.picture) }),
    });
    const grabbed = made.filter((_, i) => i % 2 === 0);
    const copies = made.filter((_, i) => i % 2 === 1);
    expect(shown.map((s) => s.frameIndex)).toEqual([0, 1, 2]);
    expect(shown.map((s) => s.picture)).toEqual(copies);
    expect(shown.every((s) => s.width === INFO.width)).toBe(true);
    expect(made.every((f) => f.closed)).toBe(true);
    expect(grabbed).toHaveLength(3);
  });
});
