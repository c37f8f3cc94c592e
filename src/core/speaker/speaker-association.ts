/**
 * Who is speaking (not in the paper): the voice belongs to the track whose mouth moves with it, or
 * to nobody. Only tracks seen long enough whose mouth moves (a spread of opening above landmark
 * jitter) can speak, and only when the sound has voice in it. One such track: it is the speaker.
 * Several: the one whose mouth opening correlates best (Pearson) with the loudness around its
 * frames, when that correlation is high enough; otherwise nobody. The score is that correlation.
 * Why not the correlation alone: at the app's 5 fps it is weak even for the one person speaking in
 * our labelled clips (docs/honest-answers.md), while a silent face's mouth does not move at all.
 */
import { loudnessAt, voicedShare, type LoudnessEnvelope } from '../audio/loudness-envelope';
import { populationStd } from '../vector';

/** Thresholds of the association (docs/honest-answers.md). */
export interface SpeakerConfig {
  /**
   * Frames (with a mouth measure) a track needs: 4 is 0.8 s at 5 fps. At 8, three labelled clips
   * whose face Tiny Face finds in only 4–6 frames lost their speaker (and so the speech model).
   */
  readonly minSamples: number;
  /** Correlation the speaker must reach when several moving mouths compete. */
  readonly minScore: number;
  /** Spread of the mouth opening below which a mouth does not move (landmark jitter is ~0.005). */
  readonly minMouthStd: number;
  /** Share of the sound's windows that must be voiced for there to be a voice at all. */
  readonly minVoicedShare: number;
  /** Loudness is averaged over ± this around each frame time (a frame stands for 0.2 s at 5 fps). */
  readonly halfWindowSec: number;
}

export const DEFAULT_SPEAKER_CONFIG: SpeakerConfig = Object.freeze({
  minSamples: 4,
  minScore: 0.25,
  minMouthStd: 0.01,
  minVoicedShare: 0.1,
  halfWindowSec: 0.1,
});

/** A track's mouth opening over time. */
export interface MouthSeries {
  readonly trackId: number;
  readonly tSec: readonly number[];
  readonly mouth: readonly number[];
}

/** The speaking track (null: nobody, or no voice) and its score; every track's score. */
export interface SpeakerResult {
  trackId: number | null;
  score: number;
  scores: { trackId: number; score: number }[];
}

/** Pearson correlation of two equally long series; 0 when either is constant. */
export function pearson(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  if (n < 2) return 0;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

/** True when the track has enough frames and its mouth moves (it can be the one speaking). */
export function mouthMoves(series: MouthSeries, config: SpeakerConfig = DEFAULT_SPEAKER_CONFIG): boolean {
  return series.mouth.length >= config.minSamples && populationStd([...series.mouth]) >= config.minMouthStd;
}

/** One track's score: the correlation of its mouth with the loudness, 0 for a still mouth or too few frames. */
export function speakerScore(series: MouthSeries, envelope: LoudnessEnvelope, config: SpeakerConfig = DEFAULT_SPEAKER_CONFIG): number {
  if (!mouthMoves(series, config)) return 0;
  const loudness = series.tSec.map((t) => loudnessAt(envelope, t, config.halfWindowSec));
  return pearson(series.mouth, loudness);
}

/** Associates the voice in `envelope` with one of `tracks`, or with nobody. */
export function associateSpeaker(
  tracks: readonly MouthSeries[],
  envelope: LoudnessEnvelope,
  config: SpeakerConfig = DEFAULT_SPEAKER_CONFIG,
): SpeakerResult {
  const voiced = voicedShare(envelope) >= config.minVoicedShare;
  const scores = tracks.map((t) => ({ trackId: t.trackId, score: voiced ? speakerScore(t, envelope, config) : 0 }));
  const movers = voiced ? scores.filter((_, i) => mouthMoves(tracks[i]!, config)) : [];
  const best = movers.reduce<{ trackId: number; score: number } | null>((b, s) => (b === null || s.score > b.score ? s : b), null);
  if (!best) return { trackId: null, score: 0, scores };
  const alone = movers.length === 1;
  return { trackId: alone || best.score >= config.minScore ? best.trackId : null, score: best.score, scores };
}
