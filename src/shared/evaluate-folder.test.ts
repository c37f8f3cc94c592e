import { describe, expect, it } from 'vitest';
import { buildEvaluationReport, clipsInCell, neverAnsweredNote, runFolderEvaluation, type ClipOutcome } from './evaluate-folder';

const outcomes: ClipOutcome[] = [
  { file: 'a.mp4', label: 'happiness', predicted: { frameAverage: 'happiness', ensemble: 'happiness' } },
  { file: 'b.mp4', label: 'anger', predicted: { frameAverage: 'neutrality', ensemble: 'anger' } },
  { file: 'c.mp4', label: 'anger', predicted: {}, failure: 'No face was found in this video.' },
];

describe('buildEvaluationReport', () => {
  it('counts every clip once per model, failures as wrong', () => {
    const r = buildEvaluationReport(outcomes, [{ line: 9, message: 'x' }], { name: 'ensemble', members: ['a', 'b'] });
    expect(r.clips).toBe(3);
    expect(Object.keys(r.models)).toEqual(['frameAverage', 'ensemble']);
    for (const m of Object.values(r.models)) {
      // Two clips answered, in the matrix; the failed one (anger) counted wrong, in no column.
      expect(m.confusion.flat().reduce((a, b) => a + b, 0)).toBe(2);
      expect(m.unanswered).toEqual([1, 0, 0, 0, 0, 0, 0]);
    }
    expect(r.models.frameAverage!.accuracy).toBeCloseTo(1 / 3);
    expect(r.models.ensemble!.accuracy).toBeCloseTo(2 / 3);
    expect(r.ensemble).toEqual({ name: 'ensemble', members: ['a', 'b'] });
    expect(buildEvaluationReport(outcomes).ensemble).toBeNull();
    expect(r.failures).toEqual([{ file: 'c.mp4', reason: 'No face was found in this video.' }]);
    expect(r.perClip[1]).toEqual({ file: 'b.mp4', label: 'anger', predicted: { frameAverage: 'neutrality', ensemble: 'anger' } });
    expect(r.labelErrors).toEqual([{ line: 9, message: 'x' }]);
  });

  it('has a frameAverage model even when every clip failed, and none for no clips', () => {
    expect(Object.keys(buildEvaluationReport([outcomes[2]!]).models)).toEqual(['frameAverage']);
    expect(buildEvaluationReport([]).models).toEqual({});
  });

  it('lists the clips of a confusion cell (anger row: b predicted neutrality; c failed, in no cell)', () => {
    expect(clipsInCell(outcomes, 'frameAverage', 0, 4)).toEqual(['b.mp4']);
    expect([0, 1, 2, 3, 4, 5, 6].flatMap((p) => clipsInCell(outcomes, 'frameAverage', 0, p))).toEqual(['b.mp4']);
    const row = buildEvaluationReport(outcomes).models.frameAverage!.confusion[0]!;
    expect(row[0]).toBe(0);
    expect(row.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('takes no precision from another class for a clip without an answer', () => {
    // One neutral clip right, one happy clip failed: neutrality was predicted once, rightly (F1 1).
    const r = buildEvaluationReport([
      { file: 'x.mp4', label: 'neutrality', predicted: { frameAverage: 'neutrality' } },
      { file: 'y.mp4', label: 'happiness', predicted: {}, failure: 'This file is not a video emolens can read.' },
    ]).models.frameAverage!;
    expect(r.accuracy).toBe(0.5);
    expect(r.weightedF1).toBeCloseTo(0.5, 10); // (1 · 1 + 0 · 1) / 2; 1/3 when the failure was scored as neutrality
    expect(r.meanAcc).toBe(0.5);
    expect(r.unanswered).toEqual([0, 0, 0, 1, 0, 0, 0]);
  });
});

describe('runFolderEvaluation', () => {
  it('goes on after a failing or missing clip and reports each outcome', async () => {
    const seen: number[] = [];
    const files = new Map([['a.mp4', 'A'], ['b.mp4', 'B']]);
    const clips = [
      { file: 'a.mp4', label: 'happiness' as const, line: 2 },
      { file: 'b.mp4', label: 'anger' as const, line: 3 },
      { file: 'z.mp4', label: 'fear' as const, line: 4 },
    ];
    const out = await runFolderEvaluation(clips, files, {
      analyze: async (f) => {
        if (f === 'B') throw new Error('broken');
        return { predicted: { frameAverage: 'happiness' }, familiarity: { score: 1.2, familiar: false, unlike: ['person'] }, converted: 'HEVC (H.265) video' };
      },
      describe: (e) => (e as Error).message,
      onClip: (o) => seen.push(o.length),
    });
    expect(seen).toEqual([1, 2, 3]);
    expect(out.map((o) => o.failure)).toEqual([undefined, 'broken', 'The file is missing.']);
    // The report keeps each analysed clip's familiarity: why `general` answered it.
    expect(buildEvaluationReport(out).perClip.map((c) => c.familiarity?.unlike)).toEqual([['person'], undefined, undefined]);
    // And what had to be converted on the device first.
    expect(buildEvaluationReport(out).perClip.map((c) => c.converted)).toEqual(['HEVC (H.265) video', undefined, undefined]);
  });

  it('stops between clips when aborted', async () => {
    const ac = new AbortController();
    const clips = [
      { file: 'a.mp4', label: 'happiness' as const, line: 2 },
      { file: 'b.mp4', label: 'anger' as const, line: 3 },
    ];
    const run = runFolderEvaluation(clips, new Map([['a.mp4', 1], ['b.mp4', 2]]), {
      analyze: async () => {
        ac.abort();
        return { predicted: { frameAverage: 'anger' } };
      },
      describe: String,
      signal: ac.signal,
    });
    await expect(run).rejects.toThrow();
  });
});

describe('labels emolens never answers', () => {
  it('tells a folder how many of its clips carry them, and nothing when none do', () => {
    expect(neverAnsweredNote(['anger', 'happiness'])).toBeNull();
    expect(neverAnsweredNote(['disgust', 'anger'])).toMatch(/^1 clip is labelled disgust, which emolens's answer never gives: .* count as wrong\.$/);
    expect(neverAnsweredNote(['disgust', 'disgust'])).toMatch(/^2 clips are labelled disgust/);
  });
});
