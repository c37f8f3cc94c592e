import { describe, expect, it } from 'vitest';
import { answerOf, checkEnsembleConfig, type EnsembleConfig } from './ensemble-config';

const base: EnsembleConfig = {
  models: ['a', 'b', 'c'],
  average: { members: ['a', 'b', 'c'] },
  bestSelection: { members: ['b'], validationAccuracy: 0.5 },
  jointFusion: { members: ['a', 'c'], kernel: [[1]], bias: [0] },
  selectedOn: 'test',
};

describe('ensemble.json', () => {
  it("the answer is the named ensemble with its members, Best Selection when none is named", () => {
    expect(answerOf(base)).toMatchObject({ name: 'bestSelection', members: ['b'] });
    expect(answerOf(base).why).toMatch(/Best Selection.*chosen on test/);
    const fused = answerOf({ ...base, answer: { name: 'jointFusion', chosenOn: 'rotation runs', accuracy: 0.4 } });
    expect(fused).toMatchObject({ name: 'jointFusion', members: ['a', 'c'] });
    expect(fused.why).toMatch(/unseen in training.*rotation runs/);
    expect(answerOf({ ...base, answer: { name: 'average', chosenOn: 'rotation', accuracy: 0.4 } }).members).toEqual(['a', 'b', 'c']);
  });

  it('refuses an answer that is not one of the ensembles', () => {
    expect(checkEnsembleConfig(structuredClone(base))).toEqual(base);
    expect(() => checkEnsembleConfig({ ...structuredClone(base), answer: { name: 'tp-face-l3', chosenOn: '', accuracy: 0 } })).toThrow(/answer/);
  });

  it('accepts an optional confidence with a positive temperature and a threshold in [0, 1]', () => {
    const withConfidence = { ...structuredClone(base), confidence: { temperature: 1.7, threshold: 0.45 } };
    expect(checkEnsembleConfig(withConfidence).confidence).toEqual({ temperature: 1.7, threshold: 0.45 });
    expect(() => checkEnsembleConfig({ ...structuredClone(base), confidence: { temperature: 0, threshold: 0.5 } })).toThrow(/confidence/);
    expect(() => checkEnsembleConfig({ ...structuredClone(base), confidence: { temperature: 1, threshold: 2 } })).toThrow(/confidence/);
  });

  it('the shipped ensemble.json is valid and names its answer', async () => {
    const { readFile } = await import('node:fs/promises');
    const shipped = checkEnsembleConfig(JSON.parse(await readFile('public/trained/ensemble.json', 'utf8')));
    expect(shipped.answer?.chosenOn).toMatch(/rotation/);
    expect(shipped.models).toHaveLength(new Set(shipped.models).size);
  });
});
