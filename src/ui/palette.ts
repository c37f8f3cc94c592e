/** Okabe–Ito colours (readable with the common colour-vision deficiencies); IDs always go with them in text. */
import type { EmotionLabel } from '../core/labels';

const OKABE_ITO = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#000000'] as const;

/** Colour of a track (cycles through seven colours; black is kept for text). */
export function trackColour(trackId: number): string {
  return OKABE_ITO[(((trackId - 1) % 7) + 7) % 7]!;
}

/** Dark or light text on a track colour. */
export function inkOn(colour: string): string {
  return colour === '#0072B2' || colour === '#D55E00' || colour === '#000000' ? '#ffffff' : '#000000';
}

/** Colour and dash pattern of each emotion's line (colour and dashes, never colour alone). */
export const EMOTION_STYLE: Readonly<Record<EmotionLabel, { colour: string; dash: string }>> = Object.freeze({
  anger: { colour: '#D55E00', dash: '' },
  disgust: { colour: '#009E73', dash: '6 3' },
  fear: { colour: '#CC79A7', dash: '2 2' },
  happiness: { colour: '#E69F00', dash: '' },
  neutrality: { colour: '#000000', dash: '8 3 2 3' },
  sadness: { colour: '#0072B2', dash: '' },
  surprise: { colour: '#56B4E9', dash: '4 4' },
});

/** Percent text. */
export const pct = (p: number) => `${Math.round(p * 100)}%`;
