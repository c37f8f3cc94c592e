/**
 * The emotion a public dataset writes into its clips' file names, for a folder dropped as it was
 * downloaded (no labels file, no emotion folders): RAVDESS (`01-01-03-01-01-01-12.mp4`, the third
 * number), CREMA-D (`1001_DFA_ANG_XX.flv`, the third part) and eNTERFACE'05 (`s1_an_1.avi`, the
 * second part). Each pattern is the dataset's whole name, so a name that merely contains a code
 * (`an_interview.mp4`) is not read as one. Pure: the page, the CLI and Node tests share it.
 */
import type { EmotionLabel } from '../core/labels';

/** What a file name says: a dataset's emotion, or a class of that dataset outside the seven. */
export type DatasetName =
  | { dataset: string; label: EmotionLabel }
  | { dataset: string; outside: string };

interface Scheme {
  dataset: string;
  /** The whole name without its extension; group 1 is the emotion's code. */
  pattern: RegExp;
  /** Codes to labels; a code naming a class outside the seven maps to that class's name. */
  codes: Readonly<Record<string, EmotionLabel | { outside: string }>>;
}

const SCHEMES: readonly Scheme[] = [
  {
    // Modality-channel-EMOTION-intensity-statement-repetition-actor (RAVDESS's README).
    dataset: 'RAVDESS',
    pattern: /^0[1-3]-0[12]-(0[1-8])-0[12]-0[12]-0[12]-\d\d$/,
    codes: {
      '01': 'neutrality',
      '02': { outside: 'calm' },
      '03': 'happiness',
      '04': 'sadness',
      '05': 'anger',
      '06': 'fear',
      '07': 'disgust',
      '08': 'surprise',
    },
  },
  {
    // Actor_sentence_EMOTION_level (CREMA-D's README; the level X where unspecified).
    dataset: 'CREMA-D',
    pattern: /^\d{4}_[A-Z]{3}_(ANG|DIS|FEA|HAP|NEU|SAD)_(?:LO|MD|HI|XX|X)$/,
    codes: { ANG: 'anger', DIS: 'disgust', FEA: 'fear', HAP: 'happiness', NEU: 'neutrality', SAD: 'sadness' },
  },
  {
    // sSubject_EMOTION_sentence (eNTERFACE'05).
    dataset: "eNTERFACE'05",
    pattern: /^s\d+_(an|di|fe|ha|sa|su)_\d+$/i,
    codes: { an: 'anger', di: 'disgust', fe: 'fear', ha: 'happiness', sa: 'sadness', su: 'surprise' },
  },
];

/** The emotion `fileName`'s dataset naming gives (extension and folders ignored), or undefined. */
export function datasetNameEmotion(fileName: string): DatasetName | undefined {
  const stem = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  for (const { dataset, pattern, codes } of SCHEMES) {
    const code = pattern.exec(stem)?.[1];
    if (code === undefined) continue;
    const found = codes[code] ?? codes[code.toLowerCase()];
    if (found === undefined) return undefined;
    return typeof found === 'string' ? { dataset, label: found } : { dataset, outside: found.outside };
  }
  return undefined;
}
