import { describe, it, expect } from 'vitest';
import * as core from './index';

describe('core entry', () => {
  it('re-exports every piece without name clashes', () => {
    for (const name of ['createTracker', 'hungarian', 'faceVoting', 'sampleIndices', 'temporalPyramid', 'bestSelection', 'classificationReport', 'linkFacesToPersons', 'computeHsvHistogram', 'createRng', 'parseEmotionLabel']) {
      expect(typeof (core as Record<string, unknown>)[name]).toBe('function');
    }
  });
});
