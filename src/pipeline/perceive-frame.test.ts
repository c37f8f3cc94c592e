/**
 * The per-frame perception stage on real frames in Node (tfjs WASM): what the tracker and the
 * emotion models receive, identities across frames, and no tensor left behind.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it, vi } from 'vitest';
import { HSV_LENGTH } from '../core/tracking/constants';
import { createTracker } from '../core/tracking/tracker';
import { clip, frameToTensor, makeNearAndFar, makeOldWebcam, makeScaled, makeSideBySide, makeWideShot, readFrames } from '../node/test-fixtures';
import type { RawFrame } from '../node/ffmpeg';
import { addFrame, createClipAnalysis, voteOnClip } from './clip-analysis';
import { createPerceptionState, perceiveFrame, type PerceptionState } from './perceive-frame';
import type { PerceptionConfig } from '../shared/perception-config';
import type { PerceptionModels } from './perception-models';
import { usePerceptionModels } from '../node/test-models';
import { createStageTimer } from './stage-timer';

let models!: PerceptionModels;
usePerceptionModels((m) => (models = m));

describe('perceiveFrame', () => {
  it('gives each face a tracker detection and per-frame features, linked to its person', async () => {
    const [raw] = await readFrames(await makeSideBySide(clip('01-01-03_01.mp4'), clip('02-01-01_01.mp4')), 1);
    const frame = frameToTensor(raw!);
    const timer = createStageTimer();
    const before = tf.memory().numTensors;
    const seen = await perceiveFrame(models, frame, 0, createPerceptionState(), timer);
    expect(tf.memory().numTensors).toBe(before);
    frame.dispose();

    expect(seen.faces).toHaveLength(2);
    expect(seen.detections).toHaveLength(2);
    expect(seen.rejected).toEqual([]);
    for (const [j, face] of seen.faces.entries()) {
      expect(face.probs).toHaveLength(7);
      expect(face.faceFeature).toHaveLength(256);
      expect(face.contextFeature).toHaveLength(480);
      // The general networks (both faces: at most two, largest first): disgust dropped, summing to 1.
      const general = face.baselineProbs?.general;
      expect(general).toHaveLength(7);
      expect(general![1]).toBe(0);
      expect(general!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
      expect(seen.detections[j]!.hsv).toHaveLength(HSV_LENGTH);
      expect(seen.detections[j]!.embedding).toHaveLength(128);
      // Both are real faces: BlazeFace confirms them, and each has a mouth opening for the speaker.
      expect(face.verifyScore).toBeGreaterThan(createPerceptionState().config.faceVerifyThreshold);
      expect(face.mouthOpen).toBeGreaterThanOrEqual(0);
      expect(face.mouthOpen).toBeLessThan(0.6);
      // Each face lies inside the person box it was linked to, on its own half of the frame.
      const p = face.personBox!;
      expect(p).not.toBeNull();
      const cx = face.box.x + face.box.w / 2;
      expect(cx).toBeGreaterThanOrEqual(p.x);
      expect(cx).toBeLessThanOrEqual(p.x + p.w);
      expect(p.x + p.w / 2 < 360).toBe(cx < 360);
    }
    expect(Object.keys(timer.totals())).toEqual(
      expect.arrayContaining(['faceDetection', 'personDetection', 'faceEmotion', 'embedding', 'hsvHistogram', 'generalNets']),
    );
  }, 120_000);

  it("gives a folder clip's faces their mirror-averaged grouping embedding beside the tracker's plain one", async () => {
    const [raw] = await readFrames(await makeSideBySide(clip('01-01-03_01.mp4'), clip('02-01-01_01.mp4')), 1);
    const frame = frameToTensor(raw!);
    const before = tf.memory().numTensors;
    const folder = await perceiveFrame(models, frame, 0, createPerceptionState({ mirrorEmbedding: true }), createStageTimer());
    expect(tf.memory().numTensors).toBe(before);
    const single = await perceiveFrame(models, frame, 0, createPerceptionState(), createStageTimer());
    frame.dispose();
    expect(folder.faces).toHaveLength(2);
    for (const [j, face] of folder.faces.entries()) {
      // The tracker and the familiarity see what a single file gives them.
      expect(face.embedding).toEqual(single.faces[j]!.embedding);
      expect(folder.detections[j]!.embedding).toEqual(face.embedding);
      expect(face.groupingEmbedding).toHaveLength(128);
      expect(face.groupingEmbedding).not.toEqual(face.embedding);
      expect(single.faces[j]!.groupingEmbedding).toBeUndefined();
    }
  }, 120_000);

  it('with the person and landmark nets off (?nets=face), still gives faces their expression, and nothing of those nets', async () => {
    const [raw] = await readFrames(clip('01-01-03_01.mp4'), 1);
    const frame = frameToTensor(raw!);
    const timer = createStageTimer();
    const seen = await perceiveFrame(models, frame, 0, createPerceptionState({ personNet: false, landmarksNet: false, ferNet: false }), timer);
    frame.dispose();
    expect(seen.faces).toHaveLength(1);
    const face = seen.faces[0]!;
    expect(face.probs).toHaveLength(7);
    expect(face.faceFeature).toHaveLength(256);
    expect(face.contextFeature).toHaveLength(0);
    expect(face.personBox).toBeNull();
    expect(face.landmarks).toBeUndefined();
    expect(face.mouthOpen).toBeUndefined();
    expect(face.ferProbs).toBeUndefined();
    expect(seen.persons).toEqual([]);
    const stages = Object.keys(timer.totals());
    expect(stages).toEqual(expect.arrayContaining(['faceDetection', 'faceVerify', 'faceEmotion']));
    for (const off of ['personDetection', 'landmarks', 'ferEmotion']) expect(stages).not.toContain(off);
  }, 120_000);

  it('gives only the main face the full nets when asked (the camera), and the others their expression alone', async () => {
    const [raw] = await readFrames(await makeSideBySide(clip('01-01-03_01.mp4'), clip('02-01-01_01.mp4')), 1);
    const frame = frameToTensor(raw!);
    const camera = { mainFaceOnlyNets: true };
    const all = await perceiveFrame(models, frame, 0, createPerceptionState(camera), createStageTimer());
    // No main face known: every face complete.
    for (const face of all.faces) expect([face.ferFeature?.length, face.landmarks?.length]).toEqual([256, 136]);
    const right = all.faces.findIndex((f) => f.box.x > 360);
    const before = tf.memory().numTensors;
    const focused = await perceiveFrame(models, frame, 0, createPerceptionState(camera), createStageTimer(), undefined, all.faces[right]!.box);
    expect(tf.memory().numTensors).toBe(before);
    const main = focused.faces[right]!;
    const other = focused.faces[1 - right]!;
    // The main face: exactly what it gets with every face complete (the crop and its mirror, FER, landmarks).
    expect([...main.probs]).toEqual([...all.faces[right]!.probs]);
    expect([...main.ferFeature!]).toEqual([...all.faces[right]!.ferFeature!]);
    expect([...main.landmarks!]).toEqual([...all.faces[right]!.landmarks!]);
    // The other: its crop alone through the face emotion net, and nothing the clip models read beyond it.
    const [plain] = await models.faceEmotion.run({ frame, boxes: [other.box] }, { mirror: false });
    expect([...other.probs]).toEqual([...plain!.probs]);
    expect(other.ferFeature).toBeUndefined();
    expect(other.landmarks).toBeUndefined();
    expect(other.baselineProbs).toBeUndefined();
    // Files (the default) keep every face complete even when a main box is given.
    const files = await perceiveFrame(models, frame, 0, createPerceptionState(), createStageTimer(), undefined, all.faces[right]!.box);
    for (const face of files.faces) expect(face.ferFeature).toHaveLength(256);
    frame.dispose();
  }, 120_000);

  it('skips the nets only the clip models read on a frame no clip model will read (the camera while nobody calibrates)', async () => {
    const [raw] = await readFrames(clip('01-01-03_01.mp4'), 1);
    const frame = frameToTensor(raw!);
    const timer = createStageTimer();
    const state = createPerceptionState();
    state.clipNets = false;
    const seen = await perceiveFrame(models, frame, 0, state, timer);
    const face = seen.faces[0]!;
    // No FER net, and the face emotion of the crop alone (no mirror); the general networks and landmarks still run.
    expect(face.ferProbs).toBeUndefined();
    expect(Object.keys(timer.totals())).not.toContain('ferEmotion');
    const [plain] = await models.faceEmotion.run({ frame, boxes: [face.box] }, { mirror: false });
    expect([...face.probs]).toEqual([...plain!.probs]);
    expect(face.baselineProbs?.general).toHaveLength(7);
    expect(face.landmarks).toHaveLength(136);
    frame.dispose();
  }, 120_000);

  it('keeps one identity for one face across a clip, with a flat tensor count', async () => {
    const frames = await readFrames(clip('03-02-04_01.mp4'), 4);
    const tracker = createTracker();
    const analysis = createClipAnalysis(frames[0]!.width, frames[0]!.height);
    const timer = createStageTimer();
    const counts: number[] = [];
    const state = createPerceptionState();
    for (const raw of frames) {
      const frame = frameToTensor(raw);
      const recent = tracker.recentTrackBoxes(raw.tSec, state.config.embeddingIntervalSec);
      const seen = await perceiveFrame(models, frame, raw.tSec, state, timer, recent);
      frame.dispose();
      const { trackIds } = tracker.update(raw.index, raw.tSec, seen.detections);
      addFrame(analysis, seen.faces.map((f) => ({ ...f, frameIndex: raw.index, tSec: raw.tSec })), trackIds);
      counts.push(tf.memory().numTensors);
    }
    expect(new Set(counts).size).toBe(1);
    expect([...analysis.tracks.keys()]).toEqual([1]);
    expect(analysis.tracks.get(1)!.length).toBeGreaterThanOrEqual(frames.length * 0.7);
    expect(voteOnClip(analysis).winnerId).toBe(1);
    // Person detection and the one face's identity check run at most once per their interval
    // (seconds of video), not on every frame.
    const spanSec = frames.at(-1)!.tSec - frames[0]!.tSec;
    const runsAtMostEvery = (stage: string, intervalSec: number) => {
      const runs = timer.samples()[stage]!.length;
      expect(runs).toBeGreaterThanOrEqual(Math.floor(spanSec / intervalSec));
      expect(runs).toBeLessThanOrEqual(Math.ceil(spanSec / intervalSec) + 1);
      expect(runs).toBeLessThan(frames.length / 2);
    };
    runsAtMostEvery('personDetection', state.config.personIntervalSec);
    runsAtMostEvery('embedding', state.config.embeddingIntervalSec);
  }, 120_000);

  /** The one face's size (√(w·h)) on each frame where it was found, perceived in order at 5 fps. */
  async function faceSizes(frames: readonly RawFrame[], state: PerceptionState, timer = createStageTimer()): Promise<number[]> {
    const sizes: number[] = [];
    for (const [i, raw] of frames.entries()) {
      const frame = frameToTensor(raw);
      try {
        const seen = await perceiveFrame(models, frame, i / 5, state, timer);
        expect(seen.faces.length).toBeLessThanOrEqual(1);
        if (seen.faces[0]) sizes.push(Math.sqrt(seen.faces[0].box.w * seen.faces[0].box.h));
      } finally {
        frame.dispose();
      }
    }
    return sizes;
  }

  /** The tracker's size cue between consecutive frames (Δw, Δh over the face size): its largest. */
  const largestSizeJump = (sizes: readonly number[]) => Math.max(...sizes.slice(1).map((s, i) => (Math.SQRT2 * Math.abs(s - sizes[i]!)) / sizes[i]!));

  it('gives a face boxes of one size on every frame of an HD file, whichever detector passes ran', async () => {
    // 05-01-05 stretched to 1280×720 (the analysed size of a 1080p file): when the full Tiny Face input
    // (416) ran alone every second, its box was up to 0.46 face sizes off the small input's (224) on
    // the frames between — the tracker's size gate is 0.5, so one face could become two tracks.
    const frames = await readFrames(await makeScaled(clip('05-01-05_01.mp4'), 1280, 720, 3), 5);
    const sizes = await faceSizes(frames, createPerceptionState());
    expect(sizes.length).toBeGreaterThanOrEqual(frames.length - 2);
    expect(largestSizeJump(sizes)).toBeLessThan(0.25); // well inside the gate
  }, 120_000);

  it('finds a small face in a wide HD shot on every frame, which the 416-px pass alone mostly misses', async () => {
    // 01-01-03 at 0.6× on a grey 1280×720 picture (the face ~78 px wide), analysed at 640×360 as the
    // app analyses HD files. At 416 px the face is ~30 px and Tiny Face misses it on most frames.
    const frames = await readFrames(await makeWideShot(clip('01-01-03_01.mp4'), 1280, 720, 0.6, 2), 5, 640);
    const hd = (config: Partial<PerceptionConfig>) => ({ ...createPerceptionState(config), sourceLongSide: 1280 });
    expect((await faceSizes(frames, hd({ faceInputSizeSearch: 0 }))).length).toBeLessThanOrEqual(frames.length * 0.3);
    const sizes = await faceSizes(frames, hd({}));
    expect(sizes.length).toBe(frames.length);
    expect(largestSizeJump(sizes)).toBeLessThan(0.25); // one box convention on every frame
  }, 120_000);

  it('finds a far person on a 640×480 camera on every frame, between what the full pass and the search alone would add', async () => {
    // 02-04-05 at 192×144 on a grey 640×480 picture (the bench's far-person camera): read at 320 px
    // Tiny Face misses the face; the 416-px search finds it boxed ~83 px, 41.5 at 320's scale —
    // just over the old 40-px limit, so the search found it and was not allowed to add it.
    const frames = await readFrames(await makeWideShot(clip('02-04-05_01.mp4'), 640, 480, 192 / 360, 2), 5);
    expect((await faceSizes(frames, createPerceptionState({ searchFaceMaxSidePx: 40 }))).length).toBeLessThanOrEqual(frames.length * 0.3);
    const detector = vi.spyOn(models.faceDetector, 'run');
    try {
      const sizes = await faceSizes(frames, createPerceptionState());
      expect(sizes.length).toBe(frames.length);
      expect(largestSizeJump(sizes)).toBeLessThan(0.25);
      // The search leads once it found the face: the full pass (320) once a second, not on every
      // frame, and the search reads a window around the face (224–256 px) but once a second.
      const inputs = detector.mock.calls.map(([, cfg]) => (cfg?.region ? 'window' : cfg?.inputSize));
      expect(inputs.filter((i) => i === 320).length).toBeLessThanOrEqual(3);
      expect(inputs.filter((i) => i === 416).length).toBeLessThanOrEqual(3);
      expect(inputs.filter((i) => i === 'window').length).toBeGreaterThanOrEqual(frames.length - 3);
      expect(detector.mock.calls.every(([, cfg]) => !cfg?.region || cfg.inputSize! <= 256)).toBe(true);
    } finally {
      detector.mockRestore();
    }
  }, 120_000);

  it('follows a far face beside a near one in a window once the search found it (an HD file)', async () => {
    // 01-01-03 near the camera (1.6×) and 02-01-01 further away (0.6×: its face ~78 px of 1280×720,
    // ~39 of the 640-px analysis frame, which only the 608-px search finds), analysed as HD files are.
    const frames = await readFrames(await makeNearAndFar(clip('01-01-03_01.mp4'), clip('02-01-01_01.mp4'), 1280, 720, 1.6, 0.6, 2), 5, 640);
    const state = { ...createPerceptionState(), sourceLongSide: 1280 };
    const detector = vi.spyOn(models.faceDetector, 'run');
    try {
      const counts: number[] = [];
      for (const [i, raw] of frames.entries()) {
        const frame = frameToTensor(raw);
        try {
          counts.push((await perceiveFrame(models, frame, i / 5, state, createStageTimer())).faces.length);
        } finally {
          frame.dispose();
        }
      }
      expect(counts.filter((n) => n === 2).length).toBeGreaterThanOrEqual(frames.length - 1);
      // The far face in a window on most frames; the whole frame at 608 on the first and once a second.
      const calls = detector.mock.calls.map(([, cfg]) => cfg!);
      expect(calls.filter((c) => c.region).length).toBeGreaterThanOrEqual(frames.length - 3);
      expect(calls.filter((c) => !c.region && c.inputSize === 608).length).toBeLessThanOrEqual(3);
    } finally {
      detector.mockRestore();
    }
  }, 120_000);

  it('finds the face of an old webcam (160×120, crf 36), which the detector misses when the frame is blown up to its usual input', async () => {
    // 06-01-01 re-made as the `low-res` kind of unfamiliar footage: the face fills half the frame's
    // height, blurred by compression. Read at 320 px (the input for frames up to 640 px) Tiny Face
    // finds it on no frame; at the frame's own 160 px it does.
    const frames = await readFrames(await makeOldWebcam(clip('06-01-01_01.mp4'), 3), 5);
    const blownUp = await Promise.all(frames.map(async (raw) => {
      const frame = frameToTensor(raw);
      try {
        return (await models.faceDetector.run(frame, { inputSize: 320, scoreThreshold: 0.4 })).length;
      } finally {
        frame.dispose();
      }
    }));
    expect(blownUp.filter((n) => n > 0).length).toBeLessThanOrEqual(frames.length * 0.2);
    const sizes = await faceSizes(frames, createPerceptionState());
    expect(sizes.length).toBeGreaterThanOrEqual(frames.length * 0.7);
    expect(Math.min(...sizes)).toBeGreaterThan(40); // the face, not a speck: it is ~60 px of 160
  }, 120_000);

  it('finds the face of a dark, grainy picture (night light) on all frames but one at most, where the plain passes find it on under half', async () => {
    const frames = await readFrames(await makeScaled(clip('01-01-03_01.mp4'), 360, 270, 3, 'eq=brightness=-0.25:contrast=0.5,noise=alls=25:allf=t'), 5);
    const plain = await faceSizes(frames, createPerceptionState({ tightFramePad: 0, noisyFrameSmooth: 0 }));
    const sizes = await faceSizes(frames, createPerceptionState());
    expect(plain.length).toBeLessThan(frames.length * 0.5);
    expect(sizes.length).toBeGreaterThanOrEqual(frames.length - 1);
    expect(Math.min(...sizes)).toBeGreaterThan(60); // the face (~100 px), not a speck of grain
  }, 120_000);

  it('finds a face that fills the frame (tight face crops of 112 and 192 px) on every frame, which the plain passes mostly miss', async () => {
    for (const side of [112, 192]) {
      const frames = await readFrames(await makeScaled(clip('01-01-03_01.mp4'), side, side, 3, `crop=150:150:108:75,scale=${side}:${side}`), 5);
      const plain = await faceSizes(frames, createPerceptionState({ tightFramePad: 0 }));
      const sizes = await faceSizes(frames, createPerceptionState());
      expect(plain.length, `${side} px without the border`).toBeLessThan(frames.length * 0.8);
      expect(sizes, `${side} px`).toHaveLength(frames.length);
      expect(Math.min(...sizes)).toBeGreaterThan(side * 0.8); // the face, filling the frame
    }
  }, 120_000);
});
