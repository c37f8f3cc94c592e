import { describe, expect, it } from 'vitest';
import type { EmotionLabel } from '../core/labels';
import type { FaceRecord } from '../pipeline/clip-analysis';
import type { ClipOutcome } from '../shared/evaluate-folder';
import { calibrateFolder, calibratedAnswerKey, groupFolder, videoCalibrationNote, videoReference, type KeptClip } from './person-calibration';
import type { EnsembleConfig } from '../shared/ensemble-config';
import type { ClipInput } from '../shared/face-record';

/** A face record at `tSec` whose face feature holds `marker` (so a test can tell clips apart). */
function record(tSec: number, marker = 0): FaceRecord {
  const f = Float32Array.of(marker);
  return { frameIndex: Math.round(tSec * 5), tSec, box: { x: 0, y: 0, w: 1, h: 1 }, score: 1, probs: f, faceFeature: f, contextFeature: f, personBox: null };
}

/** Person `p`'s clip `k`: an embedding near person p's point, and one record marked 10p + k. */
function kept(p: number, k: number, familiar = true): KeptClip {
  return { clip: { records: [record(0, 10 * p + k)], speech: null }, embedding: [p, 0.01 * k], familiar };
}

describe('groupFolder', () => {
  it('groups clips by embedding alone, in folder order, and marks groups big enough to be a reference', () => {
    // Interleaved people 0 and 1 (4 clips each), person 2 once, and a clip without a face.
    const files = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'lone', 'noface'];
    const map = new Map<string, KeptClip>(files.slice(0, 8).map((f, i) => [f, kept(i % 2, i)]));
    map.set('lone', kept(2, 0));
    map.set('noface', { clip: { records: [], speech: null }, embedding: null, familiar: true });
    expect(groupFolder(files, map, { threshold: 0.5 })).toEqual([
      { id: 1, clips: ['a', 'c', 'e', 'g'], reference: true },
      { id: 2, clips: ['b', 'd', 'f', 'h'], reference: true },
      { id: 3, clips: ['lone'], reference: false },
    ]);
  });
});

describe('calibrateFolder', () => {
  const outcome = (file: string, predicted: Record<string, EmotionLabel>, failure?: string): ClipOutcome => ({
    file,
    label: 'happiness',
    predicted,
    ...(failure ? { failure } : {}),
  });

  it('predicts each clip of a reference group against its whole group, and keeps the rest as they were', async () => {
    const files = ['a', 'b', 'c', 'd', 'lone', 'bad'];
    const map = new Map<string, KeptClip>(files.slice(0, 4).map((f, i) => [f, kept(0, i)]));
    map.set('lone', kept(1, 0));
    const groups = groupFolder(files, map, { threshold: 0.5 });
    const calls: { clip: number; reference: number[] | null }[] = [];
    const predict = async (clip: ClipInput, reference: readonly ClipInput[] | null) => {
      calls.push({ clip: clip.records[0]!.faceFeature[0]!, reference: reference && reference.map((r) => r.records[0]!.faceFeature[0]!) });
      return { bestSelection: 'anger' as EmotionLabel };
    };
    const alone = files.map((f) => (f === 'bad' ? outcome(f, {}, 'broken') : outcome(f, { frameAverage: 'neutrality', bestSelection: 'sadness' })));
    const calibrated = await calibrateFolder(alone, map, groups, predict);
    expect(calls).toEqual([0, 1, 2, 3].map((k) => ({ clip: k, reference: [0, 1, 2, 3] })));
    expect(calibrated.slice(0, 4).map((o) => o.predicted)).toEqual(Array(4).fill({ frameAverage: 'neutrality', bestSelection: 'anger' }));
    // A group of one is no reference and a failed clip stays failed: both unchanged, and not the same objects.
    expect(calibrated[4]).toEqual(alone[4]);
    expect(calibrated[5]).toEqual(alone[5]);
    expect(calibrated[4]!.predicted).not.toBe(alone[4]!.predicted);
  });

  it('scores what the page shows: the calibrated answer on familiar clips, general calibrated on unfamiliar ones, the alone answer without a reference', async () => {
    // a, b, c familiar and d unlike the training footage (one person, a reference of 4); e alone.
    const files = ['a', 'b', 'c', 'd', 'e'];
    const map = new Map<string, KeptClip>(files.slice(0, 4).map((f, i) => [f, kept(0, i, f !== 'd')]));
    map.set('e', kept(1, 0));
    const groups = groupFolder(files, map, { threshold: 0.5 });
    const predict = async () => ({ average: 'fear' as EmotionLabel, averageCal: 'anger' as EmotionLabel, 'general-cal': 'happiness' as EmotionLabel });
    const alone = files.map((f) => outcome(f, { general: 'surprise', average: 'sadness', emolens: f === 'd' ? 'surprise' : 'sadness' }));
    const calibrated = await calibrateFolder(alone, map, groups, predict, undefined, { alone: 'average', calibrated: 'averageCal' });
    expect(calibrated.map((o) => [o.predicted.emolens, o.predicted.averageCal])).toEqual([
      ['anger', 'anger'],
      ['anger', 'anger'],
      ['anger', 'anger'],
      ['happiness', 'anger'],
      ['sadness', 'sadness'],
    ]);
    // Without general-cal (the general networks never ran on the reference), plain general.
    const noCal = await calibrateFolder(alone, map, groups, async () => ({ averageCal: 'anger' as EmotionLabel }), undefined, { alone: 'average', calibrated: 'averageCal' });
    expect(noCal[3]!.predicted.emolens).toBe('surprise');
  });

  it('stops between clips when the run is aborted', async () => {
    const map = new Map([['a', kept(0, 0)]]);
    const abort = new AbortController();
    abort.abort();
    await expect(calibrateFolder([outcome('a', {})], map, [{ id: 1, clips: ['a'], reference: true }], async () => ({}), abort.signal)).rejects.toThrow();
  });
});

describe('calibratedAnswerKey (the camera and a folder, with a reference)', () => {
  const choice = { temperature: 1, unseenAccuracy: 0.5, perClassRecall: [] };
  const config = { version: 2, models: ['face', 'face-cal'], ensembles: {}, answer: { alone: { name: 'face', ...choice }, calibrated: { name: 'face-cal', ...choice }, uncertainBelow: 0.4 }, chosenOn: '' } as unknown as EnsembleConfig;
  const probs = { general: 1, 'general-cal': 1, face: 1, 'face-cal': 1 };

  it('shows the calibrated answer on footage like ours, and `general` calibrated to the person off it', () => {
    expect(calibratedAnswerKey(config, probs, true)).toBe('face-cal');
    expect(calibratedAnswerKey(config, probs, false)).toBe('general-cal');
  });

  it('falls back to the answer alone, or to `general`, where the calibrated key could not be computed', () => {
    expect(calibratedAnswerKey(config, { general: 1, face: 1 }, true)).toBe('face');
    expect(calibratedAnswerKey(config, { general: 1, face: 1 }, false)).toBe('general');
  });
});

describe('a single video as its own reference', () => {
  const track = (sec: number) => Array.from({ length: sec * 5 }, (_, i) => record(i / 5));

  it('cuts a 40 s main track into five windows without speech, and says it is calibrated', () => {
    const windows = videoReference(track(40));
    expect(windows.map((w) => w.records.length)).toEqual([40, 40, 40, 40, 40]);
    expect(windows.every((w) => w.speech === null)).toBe(true);
    expect(videoCalibrationNote(windows.length, true)).toEqual({ calibrated: true, sentence: expect.stringContaining('5 stretches of 8 s') });
  });

  it('stretches the windows of a thinned hour-long track so each holds enough records', () => {
    // An hour at 5 fps thinned to one record every 16 appearances (3.2 s apart): 1125 records.
    const thinned = Array.from({ length: 1125 }, (_, i) => record(i * 3.2));
    const windows = videoReference(thinned);
    expect(windows.length).toBeGreaterThanOrEqual(4);
    expect(Math.min(...windows.slice(0, -1).map((w) => w.records.length))).toBeGreaterThanOrEqual(8);
    expect(windows.at(-1)!.records.length).toBeGreaterThanOrEqual(4);
    expect(windows.flatMap((w) => w.records)).toHaveLength(1125);
  });

  it('leaves a short clip uncalibrated, in one plain sentence', () => {
    const note = videoCalibrationNote(videoReference(track(6)).length, true);
    expect(note.calibrated).toBe(false);
    expect(note.sentence).toMatch(/^Analysed uncalibrated: the clip is shorter than about half a minute/);
  });

  it('is uncalibrated whatever its length when no loaded model adapts to the person', () => {
    expect(videoCalibrationNote(videoReference(track(60)).length, false)).toEqual({ calibrated: false, sentence: expect.stringMatching(/^Analysed uncalibrated: none/) });
  });
});
