import { describe, expect, it } from 'vitest';
import { folderAnswersCsv } from './csv-export';
import type { ClipAnswer } from '../shared/evaluate-folder';
import { answerNote, buildFolderAnswers } from '../shared/folder-answers';
import { EMOLENS_ANSWER, FRAME_AVERAGE } from '../shared/prediction-keys';

describe("an unlabelled folder's answers", () => {
  const answers: ClipAnswer[] = [
    { file: 'a.mp4', predicted: { [EMOLENS_ANSWER]: 'sadness', [FRAME_AVERAGE]: 'neutrality' }, familiarity: { score: 0.4, familiar: true } },
    { file: 'b, take 2.mp4', predicted: { [EMOLENS_ANSWER]: 'anger' }, familiarity: { score: 1.7, familiar: false }, converted: 'the AVI container' },
    { file: 'c.mp4', predicted: {}, failure: 'c.mp4 is not a video emolens can read.' },
  ];
  const calibrated: ClipAnswer[] = [{ ...answers[0]!, predicted: { ...answers[0]!.predicted, [EMOLENS_ANSWER]: 'happiness' } }, answers[1]!, answers[2]!];
  const groups = [{ id: 1, clips: ['a.mp4', 'b, take 2.mp4'], reference: false }];

  it('gives each clip its answer alone and calibrated, its person and why it failed; calibrated answers only once known', () => {
    const report = buildFolderAnswers(answers, calibrated, groups);
    expect(report.clips.map((c) => [c.file, c.answer, c.calibrated, c.person, c.familiar, c.failure])).toEqual([
      ['a.mp4', 'sadness', 'happiness', 1, true, null],
      ['b, take 2.mp4', 'anger', 'anger', 1, false, null],
      ['c.mp4', null, null, null, null, 'c.mp4 is not a video emolens can read.'],
    ]);
    expect(report.groups).toEqual(groups);
    expect(report.clips.map((c) => c.converted)).toEqual([null, 'the AVI container', null]);
    expect(report.clips.map(answerNote)).toEqual(['', 'unlike the training footage: the general networks answer', 'c.mp4 is not a video emolens can read.']);
    expect(buildFolderAnswers(answers, [], []).clips.map((c) => [c.calibrated, c.person])).toEqual([[null, null], [null, null], [null, null]]);
  });

  it('writes one CSV row per clip, every model a column, cells quoted where needed', () => {
    const lines = folderAnswersCsv(buildFolderAnswers(answers, calibrated, groups)).trim().split('\n');
    expect(lines[0]).toBe(`file,person,answer,calibrated_answer,familiar,failure,${EMOLENS_ANSWER},${FRAME_AVERAGE}`);
    expect(lines.slice(1)).toEqual([
      'a.mp4,1,sadness,happiness,true,,sadness,neutrality',
      '"b, take 2.mp4",1,anger,anger,false,,anger,',
      'c.mp4,,,,,c.mp4 is not a video emolens can read.,,',
    ]);
  });
});
