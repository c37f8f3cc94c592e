import { describe, expect, it } from 'vitest';
import { checkRecords, frameInputLength, pyramidInput, pyramidLength, sequenceInput } from './clip-features';
import { syntheticRecords } from './test-helpers';
import { EXPRESSION_GEOMETRY_DIM, expressionGeometry } from '../../core/face-geometry/expression-geometry';
import type { ClipRecord } from '../../shared/face-record';

/** The records with the FER block moved into face-api's place (what a `fer` model must read). */
function ferAsFaceApi(records: ClipRecord[]): ClipRecord[] {
  return records.map((r) => ({ probs: r.ferProbs!, faceFeature: r.ferFeature!, contextFeature: r.contextFeature }));
}

describe('clip features: the face source', () => {
  const records = syntheticRecords(9, 4);

  it('a fer pyramid is the pyramid of the FER probabilities and features, context unchanged', () => {
    for (const context of [false, true]) {
      const fer = pyramidInput(records, { levels: [0, 1, 2], context, face: 'fer' });
      expect([...fer]).toEqual([...pyramidInput(ferAsFaceApi(records), { levels: [0, 1, 2], context })]);
      expect([...fer]).not.toEqual([...pyramidInput(records, { levels: [0, 1, 2], context })]);
      expect(fer).toHaveLength(pyramidInput(records, { levels: [0, 1, 2], context }).length);
    }
  });

  it('a fer sequence reads the FER block of each sampled frame', () => {
    const indices = [0, 4, 4, 8];
    expect([...sequenceInput(records, indices, true, 'fer')]).toEqual([...sequenceInput(ferAsFaceApi(records), indices, true)]);
  });

  it('a both sequence puts face-api then FER probabilities, then both features, then the context', () => {
    const [r] = records;
    const row = sequenceInput(records, [0], true, 'both');
    expect(row).toHaveLength(frameInputLength(true, 'both'));
    expect([...row]).toEqual([...r!.probs, ...r!.ferProbs!, ...r!.faceFeature, ...r!.ferFeature!, ...r!.contextFeature]);
  });

  it('a both pyramid has the length its network is built for', () => {
    for (const context of [false, true]) {
      for (const face of ['both', 'fer', 'none'] as const) {
        const spec = { levels: [0, 3], context, face, geometry: true };
        expect(pyramidInput(records, spec)).toHaveLength(pyramidLength(spec));
      }
    }
  });

  it('records without the FER block are refused for fer models only', () => {
    const faceApiOnly = ferAsFaceApi(records);
    expect(() => checkRecords(faceApiOnly)).not.toThrow();
    expect(() => checkRecords(faceApiOnly, 'fer')).toThrow(/FER/);
    expect(() => checkRecords(faceApiOnly, 'both')).toThrow(/FER/);
    expect(() => pyramidInput(faceApiOnly, { levels: [0], context: false, face: 'fer' })).toThrow(/FER/);
    expect(() => checkRecords([{ ...records[0]!, ferFeature: new Float32Array(3) }], 'fer')).toThrow(/FER/);
  });

  it('a geometry pyramid appends each face\'s expression geometry to its features, and needs landmarks', () => {
    const spec = { levels: [0], context: false, probs: false };
    const withGeometry = pyramidInput(records, { ...spec, geometry: true });
    const plain = pyramidInput(records, spec);
    expect([...withGeometry.subarray(0, plain.length)]).toEqual([...plain]);
    const geometryMean = new Float32Array(EXPRESSION_GEOMETRY_DIM);
    for (const r of records) expressionGeometry(r.landmarks!).forEach((v, k) => (geometryMean[k]! += v / records.length));
    [...withGeometry.subarray(plain.length)].forEach((v, k) => expect(v).toBeCloseTo(geometryMean[k]!, 5));
    expect([...pyramidInput(records, { ...spec, face: 'none', geometry: true })]).toEqual([...withGeometry.subarray(plain.length)]);
    const noLandmarks = records.map(({ landmarks: _, ...r }) => r);
    expect(() => checkRecords(noLandmarks, 'face-api', true)).toThrow(/landmark/);
    expect(() => pyramidInput(noLandmarks, { ...spec, geometry: true })).toThrow(/landmarks/);
  });
});
