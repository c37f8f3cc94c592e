import { describe, expect, it } from 'vitest';
import { addFrame, createClipAnalysis, forgetBefore, voteOnClip, type FaceRecord } from './clip-analysis';
import { buildReport, endsEarlyWarning, latePictureWarning, NO_FACE_HINT, turnedWarning } from './build-report';

const info = { durationSec: 2, frameCount: 60, fps: 30, width: 100, height: 100, codec: 'avc', codecString: 'avc1' };

function face(frameIndex: number, x: number, size: number, probs: number[]): FaceRecord {
  return {
    frameIndex,
    tSec: frameIndex / 30,
    box: { x, y: 10, w: size, h: size },
    score: 0.9,
    probs: Float32Array.from(probs),
    faceFeature: new Float32Array(4),
    contextFeature: new Float32Array(4),
    personBox: null,
  };
}

describe('buildReport', () => {
  it('picks the larger, more frequent face and averages its probabilities', () => {
    const clip = createClipAnalysis(100, 100);
    const happy = [0, 0, 0, 1, 0, 0, 0];
    const sad = [0, 0, 0, 0, 0, 1, 0];
    addFrame(clip, [face(0, 0, 40, happy), face(0, 60, 10, sad)], [1, 2]);
    addFrame(clip, [face(6, 0, 40, [0, 0, 0, 0.5, 0.5, 0, 0])], [1]);
    const report = buildReport(clip, { file: 'a.mp4', backend: 'wasm', info, sampleFps: 5, timingsMs: { detect: 12.345 } });
    expect(report.mainTrackId).toBe(1);
    expect(report.tracks.map((t) => t.frames)).toEqual([2, 1]);
    // w_freq = 2/2, w_size = 1600/10000, w_prob = 0.9 → total 2.06
    expect(report.tracks[0]!.votes).toEqual({ freq: 1, size: 0.16, prob: 0.9, total: 2.06 });
    expect(report.predictions.frameAverage!.label).toBe('happiness');
    expect(report.predictions.frameAverage!.probs[3]).toBeCloseTo(0.75);
    expect(report.timingsMs.detect).toBe(12.3);
    expect(report.warnings).toEqual([]);
    expect(report.answer).toBeNull();
  });

  it("names the answer only when that ensemble was predicted", () => {
    const clip = createClipAnalysis(100, 100);
    addFrame(clip, [face(0, 0, 40, [0, 0, 0, 1, 0, 0, 0])], [1]);
    const ctx = { file: 'a.mp4', backend: 'wasm', info, sampleFps: 5, timingsMs: {}, answer: 'jointFusion' };
    const fused = { label: 'sadness' as const, probs: [0, 0, 0, 0, 0, 1, 0] };
    expect(buildReport(clip, { ...ctx, extraPredictions: { jointFusion: fused } }).answer).toBe('jointFusion');
    expect(buildReport(clip, ctx).answer).toBeNull();
    const empty = createClipAnalysis(100, 100);
    addFrame(empty, [], []);
    expect(buildReport(empty, { ...ctx, extraPredictions: { jointFusion: fused } }).answer).toBeNull();
  });

  it('says when the picture starts late (a stream picked up mid-GOP), and not for a picture from the start', () => {
    const late = createClipAnalysis(100, 100);
    addFrame(late, [face(42, 0, 40, [0, 0, 0, 1, 0, 0, 0])], [1], 1.4);
    addFrame(late, [face(48, 0, 40, [0, 0, 0, 1, 0, 0, 0])], [1], 1.6);
    const ctx = { file: 'cut.ts', backend: 'wasm', info, sampleFps: 5, timingsMs: {} };
    expect(buildReport(late, ctx).warnings).toEqual([latePictureWarning(1.4)]);
    expect(latePictureWarning(1.4)).toContain('starts at 1.4 s');
    const prompt = createClipAnalysis(100, 100);
    addFrame(prompt, [face(3, 0, 40, [0, 0, 0, 1, 0, 0, 0])], [1], 0.1);
    expect(buildReport(prompt, ctx).warnings).toEqual([]);
  });

  it('reports a clip without faces as a valid answer with a warning', () => {
    const clip = createClipAnalysis(100, 100);
    addFrame(clip, [], []);
    const report = buildReport(clip, { file: 'empty.mp4', backend: 'wasm', info, sampleFps: undefined, timingsMs: {} });
    expect(report.mainTrackId).toBeNull();
    expect(report.predictions).toEqual({});
    // Said plainly, with where faces were looked for (the page looks turned too: file-runner.ts).
    expect(report.warnings).toEqual([`No face was found in this video.${NO_FACE_HINT}`]);
    expect(report.sampleFps).toBeNull();
  });

  it('says first that a video was turned to find its faces (stored turned without a rotation tag)', () => {
    const clip = createClipAnalysis(100, 100);
    addFrame(clip, [face(0, 0, 40, [0, 0, 0, 1, 0, 0, 0])], [1]);
    const report = buildReport(clip, { file: 'sideways.mp4', backend: 'wasm', info: { ...info, turn: 90 }, sampleFps: 5, timingsMs: {}, extraWarnings: ['later'] });
    expect(report.warnings).toEqual([turnedWarning(90), 'later']);
    expect(report.warnings[0]).toContain('turned it 90° clockwise');
    // The look cannot tell a picture stored turned from a person lying on their side: both are named.
    expect(report.warnings[0]).toMatch(/stored turned without a rotation tag, or the person lying on their side/);
    expect(buildReport(clip, { file: 'upright.mp4', backend: 'wasm', info, sampleFps: 5, timingsMs: {} }).warnings).toEqual([]);
  });

  it('says when the file ends before the frames its header announces (an AVI cut short)', () => {
    const clip = createClipAnalysis(100, 100);
    addFrame(clip, [face(0, 0, 40, [0, 0, 0, 1, 0, 0, 0])], [1]);
    const report = buildReport(clip, { file: 'cut.avi', backend: 'wasm', info: { ...info, frameCount: 68, declaredFrames: 113 }, sampleFps: 5, timingsMs: {} });
    expect(report.warnings).toEqual([endsEarlyWarning(68, 113)]);
    expect(report.warnings[0]).toMatch(/ends early: 68 of the 113 frames/);
  });
});

describe('forgetBefore (rolling window for live sessions)', () => {
  it('keeps the window only and votes over it', () => {
    const clip = createClipAnalysis(100, 100);
    const p = [0, 0, 0, 1, 0, 0, 0];
    for (let f = 0; f < 10; f++) {
      // Track 1 in every frame; track 2 only in the first five.
      const faces = f < 5 ? [face(f * 30, 0, 40, p), face(f * 30, 60, 10, p)] : [face(f * 30, 0, 40, p)];
      addFrame(clip, faces, faces.length === 2 ? [1, 2] : [1], f);
    }
    forgetBefore(clip, 6);
    expect(clip.frameTimes).toEqual([6, 7, 8, 9]);
    expect([...clip.tracks.keys()]).toEqual([1]);
    expect(clip.tracks.get(1)!.map((r) => r.frameIndex)).toEqual([180, 210, 240, 270]);
    const vote = voteOnClip(clip);
    expect(vote.votes.map((v) => [v.id, v.wFreq])).toEqual([[1, 1]]);
  });
});

describe('buildReport: speaker, confidence and uncertain', () => {
  /** A clip of `frames` sampled frames at 5 fps with one face in each, answering `probs`. */
  function oneFace(frames: number, probs: number[]) {
    const clip = createClipAnalysis(100, 100);
    for (let f = 0; f < frames; f++) addFrame(clip, [{ ...face(f * 6, 0, 40, probs), tSec: f * 0.2 }], [1], f * 0.2);
    return clip;
  }
  const ctx = { file: 'a.mp4', backend: 'wasm', info, sampleFps: 5, timingsMs: {} };
  const sure = [0.02, 0.02, 0.02, 0.8, 0.1, 0.02, 0.02];
  const torn = [0.02, 0.02, 0.02, 0.4, 0.36, 0.16, 0.02];

  it('states a sure answer over a long track, with its confidence and who spoke', () => {
    const report = buildReport(oneFace(20, sure), { ...ctx, speaker: { trackId: 1, score: 0.4 } });
    expect(report).toMatchObject({ uncertain: false, uncertainty: null, speaker: { trackId: 1, score: 0.4 } });
    expect(report.confidence).toBeCloseTo(0.8, 4);
  });

  it('says uncertain for a torn answer, for a short main track, and after a softening temperature', () => {
    const torn20 = buildReport(oneFace(20, torn), ctx);
    expect(torn20.uncertain).toBe(true);
    expect(torn20.uncertainty!.topTwo.map((t) => t.label)).toEqual(['happiness', 'neutrality']);
    const short = buildReport(oneFace(5, sure), ctx); // 5 frames at 5 fps: 1 s
    expect(short.uncertain).toBe(true);
    expect(short.uncertainty!.reason).toMatch(/only 1\.0 s/);
    expect(buildReport(oneFace(20, sure), { ...ctx, confidence: { temperature: 5, threshold: 0.5 } }).uncertain).toBe(true);
  });

  it('has no confidence and nobody speaking without a face', () => {
    const report = buildReport(createClipAnalysis(100, 100), ctx);
    expect(report).toMatchObject({ confidence: null, uncertain: false, speaker: { trackId: null, score: 0 } });
  });
});
