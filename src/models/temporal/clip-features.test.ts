import { describe, expect, it } from 'vitest';
import { checkRecords, pyramidInput, sequenceInput, type ClipRecord } from './clip-features';
import { syntheticRecords } from './test-helpers';

/** The records with the FER block moved into face-api's place (what a `fer` model must read). */
function ferAsFaceApi(records: ClipRecord[]): ClipRecord[] {
  return records.map((r) => ({ probs: r.ferProbs!, faceFeature: r.ferFeature!, contextFeature: r.contextFeature }));
}

describe('clip features: the face source', () => {
  const records = syntheticRecords(9, 4);

  it('a fer pyramid is the pyramid of the FER probabilities and features, context unchanged', () => {
    for (const context of [false, true]) {
      const fer = pyramidInput(records, [0, 1, 2], context, 'fer');
      expect([...fer]).toEqual([...pyramidInput(ferAsFaceApi(records), [0, 1, 2], context)]);
      expect([...fer]).not.toEqual([...pyramidInput(records, [0, 1, 2], context)]);
      expect(fer).toHaveLength(pyramidInput(records, [0, 1, 2], context).length);
    }
  });

  it('a fer sequence reads the FER block of each sampled frame', () => {
    const indices = [0, 4, 4, 8];
    expect([...sequenceInput(records, indices, true, 'fer')]).toEqual([...sequenceInput(ferAsFaceApi(records), indices, true)]);
  });

  it('records without the FER block are refused for fer models only', () => {
    const faceApiOnly = ferAsFaceApi(records);
    expect(() => checkRecords(faceApiOnly)).not.toThrow();
    expect(() => checkRecords(faceApiOnly, 'fer')).toThrow(/FER/);
    expect(() => pyramidInput(faceApiOnly, [0], false, 'fer')).toThrow(/FER/);
    expect(() => checkRecords([{ ...records[0]!, ferFeature: new Float32Array(3) }], 'fer')).toThrow(/FER/);
  });
});
