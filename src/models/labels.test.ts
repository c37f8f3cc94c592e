import { describe, expect, it } from 'vitest';
import { EMOTION_LABELS } from '../core/labels';
import {
  FACE_API_LABELS,
  FACE_API_TO_PAPER,
  HSEMOTION_LABELS,
  HSEMOTION_TO_PAPER,
  HUMAN_LABELS,
  HUMAN_TO_PAPER,
  OPENCV_FER_LABELS,
  OPENCV_FER_TO_PAPER,
  reorderToPaper,
} from './labels';

/** Canonical name of each network label in the paper's vocabulary. */
const SYNONYM: Record<string, string> = {
  anger: 'anger', happiness: 'happiness', sadness: 'sadness',
  angry: 'anger', disgust: 'disgust', disgusted: 'disgust', fear: 'fear', fearful: 'fear',
  happy: 'happiness', neutral: 'neutrality', sad: 'sadness', surprise: 'surprise', surprised: 'surprise',
};

describe('label mappings', () => {
  it.each([
    ['face-api', FACE_API_LABELS, FACE_API_TO_PAPER],
    ['human', HUMAN_LABELS, HUMAN_TO_PAPER],
    ['hsemotion', HSEMOTION_LABELS, HSEMOTION_TO_PAPER],
    ['opencv-fer', OPENCV_FER_LABELS, OPENCV_FER_TO_PAPER],
  ] as const)('%s maps every class to the same-named paper class', (_, labels, mapping) => {
    expect([...mapping].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    EMOTION_LABELS.forEach((paper, i) => expect(SYNONYM[labels[mapping[i]!]!]).toBe(paper));
  });

  it('reorders a vector and checks its length', () => {
    // face-api order: neutral, happy, sad, angry, fearful, disgusted, surprised
    const out = reorderToPaper([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7], FACE_API_TO_PAPER);
    expect(Array.from(out).map((v) => +v.toFixed(1))).toEqual([0.4, 0.6, 0.5, 0.2, 0.1, 0.3, 0.7]);
    expect(() => reorderToPaper([1, 2], FACE_API_TO_PAPER)).toThrow(TypeError);
  });
});
