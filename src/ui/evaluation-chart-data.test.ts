import { describe, expect, it } from 'vitest';
import { buildEvaluationReport, type ClipOutcome } from '../shared/evaluate-folder';
import { chancePercent, modelBars } from './evaluation-chart-data';

/** Four clips of three classes; audioVisual gets 3 right, tp-face-l3 2, frameAverage 1. */
const outcomes: ClipOutcome[] = [
  { file: 'a.mp4', label: 'anger', predicted: { frameAverage: 'anger', 'tp-face-l3': 'anger', audioVisual: 'anger' } },
  { file: 'b.mp4', label: 'sadness', predicted: { frameAverage: 'anger', 'tp-face-l3': 'sadness', audioVisual: 'sadness' } },
  { file: 'c.mp4', label: 'fear', predicted: { frameAverage: 'anger', 'tp-face-l3': 'anger', audioVisual: 'fear' } },
  { file: 'd.mp4', label: 'anger', predicted: {}, failure: 'broken' },
];
const report = buildEvaluationReport(outcomes, [], { name: 'audioVisual', members: ['tp-face-l3'] });

describe('modelBars', () => {
  it('gives every model its accuracy and weighted F1 in percent, best first, the ensemble flagged', () => {
    const bars = modelBars(report);
    expect(bars.map((b) => b.model)).toEqual(['audioVisual', 'tp-face-l3', 'frameAverage']);
    expect(bars.map((b) => b.accuracy)).toEqual([75, 50, 25]);
    expect(bars.map((b) => b.weightedF1)).toEqual(Object.values(report.models).map(() => expect.any(Number)));
    expect(bars[0]!.weightedF1).toBeCloseTo(report.models.audioVisual!.weightedF1 * 100, 10);
    expect(bars.map((b) => [b.kind, b.headline])).toEqual([
      ['ensemble', true],
      ['temporal model', false],
      ['per-frame baseline', false],
    ]);
  });

  it('puts our answer, then ensembles, above single models with the same scores', () => {
    const same = { frameAverage: 'anger', average: 'anger', 'tp-ctx-l3': 'anger', audioVisual: 'anger', bestSelectionAudioVisual: 'anger' } as const;
    const tie = buildEvaluationReport([{ file: 'a.mp4', label: 'anger', predicted: { ...same } }], [], { name: 'audioVisual', members: [] });
    expect(modelBars(tie).map((b) => b.model)).toEqual(['audioVisual', 'average', 'bestSelectionAudioVisual', 'tp-ctx-l3', 'frameAverage']);
  });

  it('breaks accuracy ties by weighted F1', () => {
    const tie = buildEvaluationReport([
      { file: 'a.mp4', label: 'anger', predicted: { x: 'anger', y: 'anger' } },
      { file: 'b.mp4', label: 'fear', predicted: { x: 'anger', y: 'sadness' } },
    ]);
    // Both are 50 % accurate; y does not pull fear into anger, so anger's F1 (weight 1/2) is higher.
    expect(modelBars(tie).map((b) => b.model)).toEqual(['y', 'x']);
  });
});

describe('chancePercent', () => {
  it('is 100 over the number of classes present as labels', () => {
    expect(chancePercent(report)).toBeCloseTo(100 / 3, 10);
    expect(chancePercent(buildEvaluationReport([]))).toBeNull();
  });
});
