import { describe, it, expect } from 'vitest';
import {
  EMOTION_LABELS,
  isEmotionLabel,
  labelIndex,
  parseEmotionLabel,
  parseEmotionLabelOrThrow,
  toPaperOrder,
} from './labels';

describe('labels', () => {
  it('keeps the paper order', () => {
    expect(EMOTION_LABELS).toEqual(['anger', 'disgust', 'fear', 'happiness', 'neutrality', 'sadness', 'surprise']);
    expect(labelIndex('anger')).toBe(0);
    expect(labelIndex('surprise')).toBe(6);
  });

  it('parses synonyms, case and spaces', () => {
    expect(parseEmotionLabel('Neutral')).toBe('neutrality');
    expect(parseEmotionLabel(' happy ')).toBe('happiness');
    expect(parseEmotionLabel('sad')).toBe('sadness');
    expect(parseEmotionLabel('SURPRISED')).toBe('surprise');
    expect(parseEmotionLabel('angry')).toBe('anger');
    expect(parseEmotionLabel('fearful')).toBe('fear');
    expect(parseEmotionLabel('disgusted')).toBe('disgust');
    expect(['ANG', 'DIS', 'FEA', 'HAP', 'NEU', 'SAD', 'SUR'].map(parseEmotionLabel)).toEqual(['anger', 'disgust', 'fear', 'happiness', 'neutrality', 'sadness', 'surprise']);
    expect(parseEmotionLabel('contempt')).toBeUndefined();
    expect(parseEmotionLabel('calm')).toBeUndefined();
    expect(() => parseEmotionLabelOrThrow('contempt')).toThrow(TypeError);
    expect(isEmotionLabel('happy')).toBe(false);
    expect(isEmotionLabel('happiness')).toBe(true);
  });

  it('maps another network class order onto the paper order', () => {
    // face-api order: neutral, happy, sad, angry, fearful, disgusted, surprised
    const names = ['neutral', 'happy', 'sad', 'angry', 'fearful', 'disgusted', 'surprised'];
    const probs = [0.1, 0.2, 0.3, 0.1, 0.1, 0.1, 0.1];
    expect(toPaperOrder(names, probs).map((p) => +p.toFixed(6))).toEqual([0.1, 0.1, 0.1, 0.2, 0.1, 0.3, 0.1]);
    // unknown classes are dropped and the rest renormalised
    expect(toPaperOrder(['happy', 'contempt'], [0.5, 0.5])).toEqual([0, 0, 0, 1, 0, 0, 0]);
    expect(() => toPaperOrder(['happy'], [0.5, 0.5])).toThrow(TypeError);
  });
});
