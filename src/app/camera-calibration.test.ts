import { describe, expect, it } from 'vitest';
import type { FaceRecord } from '../pipeline/clip-analysis';
import { CALIBRATION_SEC, CAMERA_PREDICT_INTERVAL_SEC, createCameraReference, MAX_CAMERA_REFERENCE_CLIPS } from './camera-calibration';
import type { ClipInput } from '../shared/face-record';

const FPS = 5;

/** The times of a reference clip's records (the camera keeps whole face records). */
const times = (clip: ClipInput) => (clip.records as FaceRecord[]).map((r) => r.tSec);

function record(tSec: number): FaceRecord {
  const f = Float32Array.of(tSec);
  return { frameIndex: Math.round(tSec * FPS), tSec, box: { x: 0, y: 0, w: 1, h: 1 }, score: 1, probs: f, faceFeature: f, contextFeature: f, personBox: null };
}

/** Drives `reference` through a camera session from `from` to `to` seconds with the face present when `face(t)`. */
function run(reference: ReturnType<typeof createCameraReference>, from: number, to: number, track: FaceRecord[], face = (_t: number) => true) {
  const steps = [];
  for (let i = Math.round(from * FPS); i < Math.round(to * FPS); i++) {
    const t = i / FPS;
    if (face(t)) track.push(record(t));
    steps.push({ t, ...reference.onFrame(track.length > 0 ? track : null, t) });
  }
  return steps;
}

describe('createCameraReference', () => {
  it('stays off until Calibrate, then takes the neutral seconds as the first reference clip', () => {
    const reference = createCameraReference();
    const track: FaceRecord[] = [];
    expect(run(reference, 0, 4, track).some((s) => s.changed || s.job)).toBe(false);
    expect(reference.phase).toBe('off');
    reference.start();
    const steps = run(reference, 4, 4 + CALIBRATION_SEC + 0.2, track);
    expect(reference.phase).toBe('on');
    const on = steps.find((s) => s.changed)!;
    expect(on.t).toBeCloseTo(4 + CALIBRATION_SEC);
    // The neutral clip: the faces from the press to then (16 at 5 fps), none from before.
    expect(reference.clips).toHaveLength(1);
    expect(times(reference.clips[0]!)).toEqual(track.filter((r) => r.tSec >= 4 && r.tSec <= on.t + 1e-9).map((r) => r.tSec));
  });

  it('collects again when the neutral seconds held too few faces', () => {
    const reference = createCameraReference();
    reference.start();
    const track: FaceRecord[] = [];
    const steps = run(reference, 0, CALIBRATION_SEC + 0.2, track, () => false);
    expect(steps.find((s) => s.retry)?.retry).toMatch(/^Only 0 glimpses/);
    expect(reference.phase).toBe('collecting');
    run(reference, CALIBRATION_SEC + 0.2, 2 * CALIBRATION_SEC + 0.6, track);
    expect(reference.phase).toBe('on');
  });

  it('grows by one window every 8 s, answers every 2 s on the last 8 s, and keeps the neutral clip first when full', () => {
    const reference = createCameraReference();
    const track: FaceRecord[] = [];
    reference.start();
    run(reference, 0, CALIBRATION_SEC + 0.2, track);
    const steps = run(reference, CALIBRATION_SEC + 0.2, 43.2, track);
    // On at 3 s; windows close at 11, 19, 27, 35, 43 s.
    expect(reference.clips).toHaveLength(6);
    expect(times(reference.clips[1]!)[0]!).toBeCloseTo(3);
    const jobs = steps.filter((s) => s.job);
    expect(jobs[1]!.t - jobs[0]!.t).toBeCloseTo(CAMERA_PREDICT_INTERVAL_SEC);
    const last = jobs.at(-1)!;
    expect(times(last.job!.clip)[0]!).toBeGreaterThanOrEqual(last.t - 8 - 1e-9);
    expect(last.job!.reference.length).toBeGreaterThanOrEqual(5);
    run(reference, 43.2, 8 * MAX_CAMERA_REFERENCE_CLIPS + 40, track);
    expect(reference.clips).toHaveLength(MAX_CAMERA_REFERENCE_CLIPS);
    expect(times(reference.clips[0]!)[0]!).toBe(0);
  });
});
