/**
 * Who is speaking (not in the paper): the voice belongs to the track whose mouth moves with it, or
 * to nobody (issue 29). Each track's dense mouth measure (src/pipeline/mouth-trace.ts, ≥ 12 fps)
 * is correlated with the loudness on the same clock at the best lag within ± 200 ms, both series
 * high-passed to the syllable rate (src/core/speaker/lagged-correlation.ts). Only tracks seen long
 * enough whose mouth moves can speak, and only when the sound has voice in it. The best of them is
 * the speaker when its score clears the noise of faces that do not speak (`minScore`, measured:
 * docs/speaker.md) and, when other mouths move too, leads the next one by `minMargin`; otherwise
 * nobody. A lone moving mouth is held to the same bar: it is never credited on evidence against.
 */
import { voicedSeconds, type LoudnessEnvelope } from '../audio/loudness-envelope';
import type { VoiceSpan } from '../audio/speech-features';
import { populationStd } from '../vector';
import { laggedCorrelation, pearson, type LagSearch } from './lagged-correlation';
import { SPEAKER_DEFAULTS } from './speaker-constants';

export { pearson };

/** Thresholds of the association (values and their sources: speaker-constants.ts). */
export interface SpeakerConfig {
  /** Mouth samples a track needs. */
  readonly minSamples: number;
  /** Score the speaker must reach: above the noise of faces that do not speak. */
  readonly minScore: number;
  /** When several mouths move, how far the best score must lead the next. */
  readonly minMargin: number;
  /** Spread of the mouth measure below which a mouth does not move (a still face: compression noise). */
  readonly minMouthStd: number;
  /** Seconds of the sound that must be voiced (loud) for there to be a voice at all. */
  readonly minVoicedSec: number;
  /** Seconds of the sound that must be pitched as a voice is (voice-presence.ts): music alone is loud but holds none. */
  readonly minSpokenSec: number;
  /** How the loudness is compared with the mouth. */
  readonly search: LagSearch;
}

export const DEFAULT_SPEAKER_CONFIG: SpeakerConfig = SPEAKER_DEFAULTS;

/** A track's mouth measure over time. */
export interface MouthSeries {
  readonly trackId: number;
  readonly tSec: readonly number[];
  readonly mouth: readonly number[];
}

/**
 * `series` with only the samples inside `span` (seconds; SpeechInput.voiceSpanSec): a jingle before
 * the voice is no one's voice, and a still mouth while it plays says nothing of who speaks after.
 * `series` itself without a span.
 */
export function seriesWithin(series: readonly MouthSeries[], span: VoiceSpan | undefined): readonly MouthSeries[] {
  if (!span) return series;
  return series.map((s) => {
    const keep = s.tSec.flatMap((t, i) => (t >= span.from && t <= span.to ? [i] : []));
    return { trackId: s.trackId, tSec: keep.map((i) => s.tSec[i]!), mouth: keep.map((i) => s.mouth[i]!) };
  });
}

/**
 * Why the voice went to nobody: the sound holds (almost) no voice (quiet, or nothing pitched as a voice is: music alone); no track was seen long enough
 * (`minSamples`); no seen mouth moved; the best moving mouth stayed under `minScore`; several moved
 * with it alike (`alike`).
 */
export type NobodyReason = 'no-voice' | 'too-short' | 'still' | 'weak' | 'alike';

/** The speaking track (null: nobody, or no voice) and its score; every track's score. */
export interface SpeakerResult {
  trackId: number | null;
  score: number;
  /** Why nobody, when `trackId` is null. */
  nobody?: NobodyReason;
  /** Nobody because the best moving mouth stayed under `minScore` (`weak`): its track (`score` is its). */
  closest?: number;
  scores: { trackId: number; score: number }[];
  /**
   * When the best moving mouth reached `minScore` but others scored within `minMargin` of it: those
   * mouths, best first (the voice moved with each alike, so it is nobody's). Empty otherwise.
   */
  alike: { trackId: number; score: number }[];
}

/** True when the track has enough samples and its mouth moves (it can be the one speaking). */
export function mouthMoves(series: MouthSeries, config: SpeakerConfig = DEFAULT_SPEAKER_CONFIG): boolean {
  return series.mouth.length >= config.minSamples && populationStd([...series.mouth]) >= config.minMouthStd;
}

/** One track's score: its mouth's best lagged correlation with the loudness; 0 for a still mouth or too few samples. */
export function speakerScore(series: MouthSeries, envelope: LoudnessEnvelope, config: SpeakerConfig = DEFAULT_SPEAKER_CONFIG): number {
  if (!mouthMoves(series, config)) return 0;
  return laggedCorrelation(series.tSec, series.mouth, envelope, config.search).score;
}

/** What the soundtrack's speech features heard of a voice (SpeechInput's fields of the same names). */
export interface HeardVoice {
  /** How much of the sound is pitched as a voice is; left out, the loudness alone says whether there is a voice. */
  spokenSec?: number;
  /** Where a voice can be, when a jingle or an outro was cut off: the mouths are weighed only there (`seriesWithin`). */
  voiceSpanSec?: VoiceSpan;
}

/** Associates the voice in `envelope` with one of `all` tracks, or with nobody, given what was `heard` of it. */
export function associateSpeaker(
  all: readonly MouthSeries[],
  envelope: LoudnessEnvelope,
  config: SpeakerConfig = DEFAULT_SPEAKER_CONFIG,
  { spokenSec = Infinity, voiceSpanSec }: HeardVoice = {},
): SpeakerResult {
  const tracks = seriesWithin(all, voiceSpanSec);
  const voiced = voicedSeconds(envelope) >= config.minVoicedSec && spokenSec >= config.minSpokenSec;
  const scores = tracks.map((t) => ({ trackId: t.trackId, score: voiced ? speakerScore(t, envelope, config) : 0 }));
  const movers = voiced ? scores.filter((_, i) => mouthMoves(tracks[i]!, config)).sort((a, b) => b.score - a.score) : [];
  const [best, next] = movers;
  if (!best) {
    const nobody = !voiced ? 'no-voice' : tracks.every((t) => t.mouth.length < config.minSamples) ? 'too-short' : 'still';
    return { trackId: null, score: 0, nobody, scores, alike: [] };
  }
  const reaches = best.score >= config.minScore;
  const alike = reaches && next && best.score - next.score < config.minMargin ? movers.filter((m) => best.score - m.score < config.minMargin) : [];
  if (reaches && alike.length === 0) return { trackId: best.trackId, score: best.score, scores, alike };
  return reaches ? { trackId: null, score: best.score, nobody: 'alike', scores, alike } : { trackId: null, score: best.score, nobody: 'weak', closest: best.trackId, scores, alike };
}
