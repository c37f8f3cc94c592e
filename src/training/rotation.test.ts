import { describe, expect, it } from 'vitest';
import type { Predictions } from './evaluation';
import { actorRows, rotationEnsembles, rotations, type RotationPredictions } from './rotation';

const ACTORS = ['01', '02', '03'];
/** Two clips per actor, labels 0 and 1. */
const FILES = ACTORS.flatMap((a) => [`${a}-x.mp4`, `${a}-y.mp4`]);
const LABELS = FILES.map((_, i) => i % 2);
const actorOf = (file: string) => file.slice(0, 2);

/** Predictions that are right on the actors in `right` and wrong elsewhere. */
function rightOn(right: readonly string[]): Predictions {
  return {
    files: FILES,
    labels: LABELS,
    probs: FILES.map((f, i) => {
      const p = new Array<number>(7).fill(0);
      p[right.includes(actorOf(f)) ? LABELS[i]! : 1 - LABELS[i]!] = 1;
      return p;
    }),
  };
}

describe('rotation protocol', () => {
  it('tests each actor once, validating on the next one', () => {
    expect(rotations(ACTORS)).toEqual([
      { test: '01', val: '02' },
      { test: '02', val: '03' },
      { test: '03', val: '01' },
    ]);
    expect(() => rotations(['01', '02'])).toThrow(RangeError);
  });

  it('Best Selection is chosen on the validation actor and scored on the test actor only', async () => {
    // "val" is right wherever it is validated and wrong wherever it is tested; "test" the reverse.
    const models = new Map<string, RotationPredictions>([
      ['val', { test: rightOn([]), val: rightOn(ACTORS) }],
      ['test', { test: rightOn(ACTORS), val: rightOn([]) }],
    ]);
    const { bestSelection, average } = await rotationEnsembles(models, actorOf);
    expect(bestSelection.members.map((r) => r.members)).toEqual([['val'], ['val'], ['val']]);
    expect(bestSelection.members.map((r) => r.test)).toEqual(ACTORS);
    // Chosen on validation, the ensemble inherits "val"'s test predictions: all wrong.
    expect(bestSelection.test.files).toEqual(FILES);
    bestSelection.test.probs.forEach((p, i) => expect(p.indexOf(1)).toBe(1 - LABELS[i]!));
    expect(average.members[0]!.members).toEqual(['val', 'test']);
  });

  it('actorRows keeps one actor in order', () => {
    expect(actorRows(rightOn(ACTORS), '02', actorOf).files).toEqual(['02-x.mp4', '02-y.mp4']);
  });
});
