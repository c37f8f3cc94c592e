import { describe, expect, it } from 'vitest';
import { CLIP_RECORD_FIELDS, clipRecordOf, compactClipRecords, completeClipRecords, type ClipRecord } from './face-record';

const full = (v: number): ClipRecord => Object.fromEntries(CLIP_RECORD_FIELDS.map((f) => [f, Float32Array.of(v)])) as unknown as ClipRecord;

describe('clip records', () => {
  it('keeps only the records that carry every clip-model field (a camera face before it was the main one lacks some)', () => {
    const short = { probs: Float32Array.of(2), faceFeature: Float32Array.of(2), contextFeature: Float32Array.of(2) } as ClipRecord;
    const records = [full(1), short, full(3)];
    expect(completeClipRecords(records)).toEqual([records[0], records[2]]);
    expect(completeClipRecords([short])).toEqual([]);
  });

  it('copies only the clip-model fields of a record', () => {
    const record = { ...full(1), tSec: 4, box: { x: 0, y: 0, w: 1, h: 1 } };
    expect(Object.keys(clipRecordOf(record)).sort()).toEqual([...CLIP_RECORD_FIELDS].sort());
  });

  it("keeps the general networks' probabilities (an ensemble may read `general`) and no other baseline", () => {
    const general = Float32Array.of(0.5, 0, 0.5, 0, 0, 0, 0);
    const record = { ...full(1), baselineProbs: { general, humanEmotion: Float32Array.of(1) } };
    expect(clipRecordOf(record).baselineProbs).toEqual({ general });
    expect(clipRecordOf({ ...full(1), baselineProbs: { humanEmotion: Float32Array.of(1) } })).not.toHaveProperty('baselineProbs');
  });

  it('copies a track\'s clip-model fields into one buffer of their own size, not the frames\' downloads they were views of', () => {
    // Two frames' downloads, each far larger than the fields a record reads (as ReadBatch's are).
    const downloads = [new Float32Array(1000).fill(1), new Float32Array(1000).fill(2)];
    const record = (d: Float32Array, k: number) => ({
      ...(Object.fromEntries(CLIP_RECORD_FIELDS.map((f, i) => [f, d.subarray(i * 10, i * 10 + 3 + i)])) as unknown as ClipRecord),
      baselineProbs: { general: d.subarray(900, 907), humanEmotion: d.subarray(950, 957) },
      tSec: k,
    });
    const records = [record(downloads[0]!, 0), record(downloads[1]!, 1)];
    const compact = compactClipRecords(records);
    const fieldsLength = CLIP_RECORD_FIELDS.reduce((n, _, i) => n + 3 + i, 0) + 7;
    expect(compact[0]!.probs.buffer).toBe(compact[1]!.landmarks!.buffer);
    expect(compact[0]!.probs.buffer.byteLength).toBe(2 * fieldsLength * 4);
    compact.forEach((c, k) => {
      expect(c).toEqual(clipRecordOf(records[k]!));
      expect(c.baselineProbs).toEqual({ general: records[k]!.baselineProbs.general });
    });
    // A copy: the downloads can be freed or reused.
    downloads[0]!.fill(9);
    expect(compact[0]!.faceFeature[0]).toBe(1);
  });

  it('keeps a record without some fields (a camera face before it was the main one) as it was', () => {
    const short = { probs: Float32Array.of(2, 3), faceFeature: Float32Array.of(4) } as ClipRecord;
    expect(compactClipRecords([short, full(1)])).toEqual([short, full(1)]);
  });
});
