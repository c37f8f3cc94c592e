import { describe, expect, it } from 'vitest';
import { analysisCsv, csvCell, evaluationCsv } from './csv-export';
import { buildEvaluationReport } from '../shared/evaluate-folder';
import type { AnalysisReport } from '../shared/analysis-report';

describe('csv export', () => {
  it('quotes cells that need it', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell(null)).toBe('');
  });

  it('writes one row per track, clip predictions on the main track only', () => {
    const report = {
      file: 'x.mp4',
      tracks: [
        { id: 1, frames: 10, votes: { freq: 1, size: 0.2, prob: 0.9, total: 2.1 }, boxes: [] },
        { id: 2, frames: 3, votes: { freq: 0.3, size: 0.05, prob: 0.6, total: 0.95 }, boxes: [] },
      ],
      mainTrackId: 1,
      predictions: { frameAverage: { label: 'happiness', probs: [] } },
    } as unknown as AnalysisReport;
    const lines = analysisCsv(report, new Map([[1, 'happiness'], [2, 'fear']])).trim().split('\n');
    expect(lines).toEqual([
      'file,track,frames,w_freq,w_size,w_prob,total,main,frameAverage,clip_frameAverage',
      'x.mp4,1,10,1,0.2,0.9,2.1,true,happiness,happiness',
      'x.mp4,2,3,0.3,0.05,0.6,0.95,false,fear,',
    ]);
  });

  it('writes one row per clip with the failure reason', () => {
    const report = buildEvaluationReport([
      { file: 'a.mp4', label: 'anger', predicted: { frameAverage: 'anger' } },
      { file: 'b.mp4', label: 'fear', predicted: {}, failure: 'No face, at all.' },
    ]);
    expect(evaluationCsv(report).trim().split('\n')).toEqual(['file,label,frameAverage,failure', 'a.mp4,anger,anger,', 'b.mp4,fear,,"No face, at all."']);
  });
});
