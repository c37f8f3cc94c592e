/**
 * Emotion labels in the paper's order (Do et al. 2021, Tables 3–6) and helpers that map other
 * networks' class names and CSV labels onto them.
 */

/** The seven emotion labels, in the paper's order; every probability vector in emolens uses it. */
export const EMOTION_LABELS = [
  'anger',
  'disgust',
  'fear',
  'happiness',
  'neutrality',
  'sadness',
  'surprise',
] as const;

/** One of the paper's seven emotion labels. */
export type EmotionLabel = (typeof EMOTION_LABELS)[number];

/** Number of emotion classes (7). */
export const NUM_EMOTIONS = EMOTION_LABELS.length;

const SYNONYMS: Readonly<Record<string, EmotionLabel>> = Object.freeze({
  anger: 'anger',
  angry: 'anger',
  mad: 'anger',
  disgust: 'disgust',
  disgusted: 'disgust',
  fear: 'fear',
  fearful: 'fear',
  afraid: 'fear',
  scared: 'fear',
  happiness: 'happiness',
  happy: 'happiness',
  joy: 'happiness',
  neutrality: 'neutrality',
  neutral: 'neutrality',
  sadness: 'sadness',
  sad: 'sadness',
  surprise: 'surprise',
  surprised: 'surprise',
  // The three-letter codes datasets name their clips and folders by (CREMA-D's ANG, DIS, FEA, HAP, NEU, SAD; SUR).
  ang: 'anger',
  dis: 'disgust',
  fea: 'fear',
  hap: 'happiness',
  neu: 'neutrality',
  sur: 'surprise',
});

/** True when `value` is exactly one of the paper's label names. */
export function isEmotionLabel(value: string): value is EmotionLabel {
  return (EMOTION_LABELS as readonly string[]).includes(value);
}

/** Index of a label in {@link EMOTION_LABELS} (anger = 0 … surprise = 6). */
export function labelIndex(label: EmotionLabel): number {
  const index = (EMOTION_LABELS as readonly string[]).indexOf(label);
  if (index < 0) throw new TypeError(`labelIndex: unknown emotion label "${String(label)}"`);
  return index;
}

/** Maps a name or common synonym ('Happy', ' surprised ', 'Neutral') to a paper label, or undefined. */
export function parseEmotionLabel(text: string): EmotionLabel | undefined {
  return SYNONYMS[text.trim().toLowerCase()];
}

/** Like {@link parseEmotionLabel} but throws a TypeError naming the text when it is not recognised. */
export function parseEmotionLabelOrThrow(text: string): EmotionLabel {
  const label = parseEmotionLabel(text);
  if (label === undefined) throw new TypeError(`emotion label: cannot parse "${text}"`);
  return label;
}

/**
 * Reorders a probability vector given in another network's class order into the paper's order;
 * classes the network lacks get 0, classes it has that are not paper emotions (e.g. 'contempt')
 * are dropped, and the result is renormalised to sum to 1 when anything is left.
 */
export function toPaperOrder(classNames: readonly string[], probs: ArrayLike<number>): number[] {
  if (classNames.length !== probs.length) {
    throw new TypeError(`toPaperOrder: ${classNames.length} class names but ${probs.length} probabilities`);
  }
  const out = new Array<number>(NUM_EMOTIONS).fill(0);
  classNames.forEach((name, i) => {
    const label = parseEmotionLabel(name);
    if (label !== undefined) out[labelIndex(label)]! += probs[i]!;
  });
  const total = out.reduce((s, p) => s + p, 0);
  return total > 0 ? out.map((p) => p / total) : out;
}
