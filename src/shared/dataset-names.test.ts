import { describe, expect, it } from 'vitest';
import { datasetNameEmotion } from './dataset-names';

describe('datasetNameEmotion', () => {
  it("reads RAVDESS's third number, with calm outside the seven", () => {
    // Audio-visual speech, angry, strong, "Dogs…", second take, actor 12.
    expect(datasetNameEmotion('01-01-05-02-02-02-12.mp4')).toEqual({ dataset: 'RAVDESS', label: 'anger' });
    expect(datasetNameEmotion('Actor_03/02-02-08-01-01-01-03.mp4')).toEqual({ dataset: 'RAVDESS', label: 'surprise' });
    expect(datasetNameEmotion('01-01-01-01-01-01-01.mp4')).toEqual({ dataset: 'RAVDESS', label: 'neutrality' });
    expect(datasetNameEmotion('01-01-02-01-01-01-01.mp4')).toEqual({ dataset: 'RAVDESS', outside: 'calm' });
  });

  it("reads CREMA-D's and eNTERFACE'05's emotion parts", () => {
    expect(datasetNameEmotion('1001_DFA_ANG_XX.flv')).toEqual({ dataset: 'CREMA-D', label: 'anger' });
    expect(datasetNameEmotion('C:\\data\\VideoFlash\\1091_WSI_NEU_XX.flv')).toEqual({ dataset: 'CREMA-D', label: 'neutrality' });
    expect(datasetNameEmotion('1042_IEO_SAD_HI.mp4')).toEqual({ dataset: 'CREMA-D', label: 'sadness' });
    expect(datasetNameEmotion('s12_su_3.avi')).toEqual({ dataset: "eNTERFACE'05", label: 'surprise' });
  });

  it('reads nothing from names that only look alike', () => {
    for (const name of ['clip01.mp4', '01-01-03_01.mp4', '01-01-09-01-01-01-01.mp4', '01-01-03-01-01-01.mp4', '1001_DFA_ANX_XX.flv', 'an_interview.mp4', 's1_an.avi', 'happy.mp4']) {
      expect(datasetNameEmotion(name), name).toBeUndefined();
    }
  });
});
