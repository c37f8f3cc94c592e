import { describe, expect, it } from 'vitest';
import { CLIP_RECORD_FIELDS, clipRecordOf, completeClipRecords, type ClipRecord } from './face-record';

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
});
