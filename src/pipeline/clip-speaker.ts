/**
 * Who speaks in a clip: each track's dense mouth measure (the traces recorded per face: src/pipeline/mouth-trace.ts)
 * against the soundtrack's loudness envelope (src/core/speaker). Plain data, no tfjs: the page and the
 * Node tools share it.
 */
import type { LoudnessEnvelope } from '../core/audio/loudness-envelope';
import { associateSpeaker, DEFAULT_SPEAKER_CONFIG, type HeardVoice, type MouthSeries, type NobodyReason, type SpeakerConfig } from '../core/speaker/speaker-association';
import { MOUTH_TRACE } from '../core/speaker/speaker-constants';
import { formatUnder } from '../core/wording';
import type { ReportSpeaker } from '../shared/analysis-report';
import type { ClipAnalysis } from './clip-analysis';

/** A clip's speaker, as the report carries it (one definition: src/shared/analysis-report.ts). */
export type ClipSpeaker = ReportSpeaker;

/** Nobody speaks (no envelope: no sound, or the sound was not decoded). */
export const NO_SPEAKER: ClipSpeaker = Object.freeze({ trackId: null, score: 0 });

/** Each track's dense mouth measure over time, from its records' traces (none: the track cannot speak). */
export function mouthSeries(clip: ClipAnalysis): MouthSeries[] {
  return [...clip.tracks].map(([trackId, records]) => ({
    trackId,
    tSec: records.flatMap((r) => r.mouthTrace?.tSec ?? []),
    mouth: records.flatMap((r) => r.mouthTrace?.value ?? []),
  }));
}

/**
 * The speaking track of `clip` given its loudness envelope (null envelope: nobody), the seconds of
 * it pitched as a voice is (SpeechInput.spokenSec) and where the voice can be (SpeechInput.voiceSpanSec).
 */
export function speakerOfClip(clip: ClipAnalysis, envelope: LoudnessEnvelope | null, heard: HeardVoice = {}, config: SpeakerConfig = DEFAULT_SPEAKER_CONFIG): ClipSpeaker {
  if (!envelope) return NO_SPEAKER;
  const { trackId, score, alike, nobody, closest } = associateSpeaker(mouthSeries(clip), envelope, config, heard);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    trackId,
    score: round(score),
    ...(nobody && { nobody }),
    ...(closest !== undefined && { closest }),
    ...(alike.length > 0 && { alike: alike.map((a) => ({ trackId: a.trackId, score: round(a.score) })) }),
  };
}

/** Why nobody was credited, in words, where no mouth's score could be weighed at all (no score to quote). */
const NO_MOUTH_MATCHED: Partial<Record<NobodyReason, string>> = Object.freeze({
  // Quiet throughout, or loud with nothing pitched as a voice is: music alone, or a whisper, which has no pitch (voice-presence.ts).
  'no-voice': 'nobody is heard speaking aloud in the soundtrack (music alone, a whisper, or silence)',
  // A mouth is followed between analysed frames up to half a second apart: at 1 or 2 fps (the CLIs' --fps) only on the frames themselves.
  'too-short': `no face's mouth was followed for ${(DEFAULT_SPEAKER_CONFIG.minSamples / MOUTH_TRACE.fps).toFixed(1)} s or more (a clip this short, or frames analysed over half a second apart), too short to tell whose voice it is`,
  still: 'no mouth in view moved while the voice was heard: the one speaking is not on screen, or their mouth is hidden (a mask, a hand)',
});

/**
 * Why the speech model must not answer for main track `mainId` (null: it may): the voice in the
 * soundtrack is another track's, or nobody's that can be seen. With `clip`, a voice credited to a
 * track never on screen with the main face in a video that cuts says so: two people filmed in turn
 * (an interview), or one person in shots too unalike to be joined (src/core/tracking/shot-join.ts;
 * a jump cut closer or wider is mostly followed by its zoom since zoom-cut.ts) — which of the two cannot be told.
 */
export function speechNoteFor(speaker: ClipSpeaker, mainId: number, hasSpeech: boolean, clip?: ClipAnalysis): string | null {
  if (!hasSpeech || speaker.trackId === mainId) return null;
  const apart = clip && speaker.trackId !== null && inOtherShots(clip, speaker.trackId, mainId);
  const why = apart ? `${whoseVoice(speaker, mainId)} — the two are never on screen together in this edited video: two people filmed in turn, or one person in shots too unalike to be joined` : whoseVoice(speaker, mainId);
  return `No speech model for this clip: ${why}, so the audio-visual ensemble answers from the face models alone.`;
}

/** True when `clip` cuts between shots and tracks `a` and `b` never share an analysed frame. */
function inOtherShots(clip: ClipAnalysis, a: number, b: number): boolean {
  const times = new Set(clip.tracks.get(a)?.map((r) => r.tSec) ?? []);
  return clip.shotStarts.length > 0 && times.size > 0 && !(clip.tracks.get(b) ?? []).some((r) => times.has(r.tSec));
}

/** Why nobody was credited with the voice, in words (the CLI's speaker line). */
export function nobodyInWords(speaker: ClipSpeaker): string {
  const alike = speaker.alike ?? [];
  if (alike.length > 1) return `${alike.length} mouths moved with the voice alike (${alike.map((a) => `#${a.trackId}`).join(', ')})`;
  const unweighed = speaker.nobody && NO_MOUTH_MATCHED[speaker.nobody];
  if (unweighed) return unweighed;
  // No envelope at all: no sound track, or one this browser cannot decode (the warnings say which).
  if (!speaker.nobody) return 'no sound was heard';
  return `no mouth moved with the voice enough${speaker.closest !== undefined ? ` (the closest: #${speaker.closest})` : ''}`;
}

/** The association's score as written: a weak one (under minScore) never reads as the threshold. */
export function speakerScoreInWords(speaker: Pick<ClipSpeaker, 'score' | 'nobody'>): string {
  return speaker.nobody === 'weak' ? formatUnder(speaker.score, DEFAULT_SPEAKER_CONFIG.minScore, 2) : speaker.score.toFixed(2);
}

/** Whose the voice is, in words, when it is not the main face's. */
function whoseVoice(speaker: ClipSpeaker, mainId: number): string {
  if (speaker.trackId !== null) return `the voice heard is track #${speaker.trackId}'s (its mouth moves with it, score ${speaker.score.toFixed(2)}), not the main face #${mainId}'s`;
  const unweighed = speaker.nobody && NO_MOUTH_MATCHED[speaker.nobody];
  if (unweighed) return unweighed;
  const alike = speaker.alike ?? [];
  if (alike.length > 1) return `the voice moved with ${alike.length} mouths alike (${alike.map((a) => `#${a.trackId} ${a.score.toFixed(2)}`).join(', ')}): whose it is cannot be told`;
  if (speaker.closest !== undefined && speaker.closest !== mainId) {
    return `no mouth moved with the voice enough to be its speaker: the closest, track #${speaker.closest}'s, scored ${speakerScoreInWords(speaker)} (under ${DEFAULT_SPEAKER_CONFIG.minScore}), the main face's less`;
  }
  return `the voice in the soundtrack did not move with the main face's mouth (score ${speakerScoreInWords(speaker)})`;
}
