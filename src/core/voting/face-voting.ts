/** FaceVoting (§3.4, eqs. 11–13): picks the most significant tracked face of a clip. */
import type { Box } from '../geometry';
import { hasEnoughEvidence, type TrackEvidenceConfig } from './track-evidence';

/** Constants c_freq, c_size, c_prob of eq. 12. */
export interface FaceVotingConfig {
  readonly cFreq: number;
  readonly cSize: number;
  readonly cProb: number;
}

/** Ours: the paper gives no values, so every term counts equally by default. */
export const DEFAULT_FACE_VOTING_CONFIG: FaceVotingConfig = Object.freeze({ cFreq: 1, cSize: 1, cProb: 1 });

/** One face of a track as voting needs it: its box and detection probability in one frame. */
export interface VotingObservation {
  readonly box: Box;
  readonly score: number;
}

/**
 * The sums eq. 11 reads from a track: M_i, Σ w·h and Σ p over the frames it appears in. A caller
 * that thins a long track's per-frame records keeps these exact and votes on them instead.
 */
export interface VotingTotals {
  readonly appearances: number;
  readonly sumArea: number;
  readonly sumScore: number;
}

/** A tracked face as voting needs it: every observation, or the exact sums over them. */
export type VotingTrack =
  | { readonly id: number; readonly observations: readonly VotingObservation[] }
  | { readonly id: number; readonly totals: VotingTotals };

/** Sums a track's observations in order (the same additions a running sum makes, so results match bit for bit). */
export function votingTotals(observations: readonly VotingObservation[]): VotingTotals {
  const sumArea = observations.reduce((s, o) => s + o.box.w * o.box.h, 0);
  const sumScore = observations.reduce((s, o) => s + o.score, 0);
  return { appearances: observations.length, sumArea, sumScore };
}

const totalsOf = (track: VotingTrack): VotingTotals => ('totals' in track ? track.totals : votingTotals(track.observations));

/** The clip: T frames of W × H pixels. */
export interface VotingClip {
  readonly frameCount: number;
  readonly width: number;
  readonly height: number;
}

/** One track's weights (eq. 11) and vote (eq. 12). */
export interface FaceVote {
  readonly id: number;
  /** M_i: frames in which the track appears. */
  readonly appearances: number;
  /** M_i / T. */
  readonly wFreq: number;
  /** Σ w·h / (M_i·W·H): mean face area relative to the frame. */
  readonly wSize: number;
  /** Mean detection probability. */
  readonly wProb: number;
  /** c_freq·w_freq + c_size·w_size + c_prob·w_prob. */
  readonly total: number;
  /** False when the track is too thin to be the main track (see track-evidence.ts); true without a rule. */
  readonly enoughEvidence: boolean;
}

/** Result of {@link faceVoting}: the winner (or null) and every track's vote, in input order. */
export interface FaceVotingOutput {
  readonly winnerId: number | null;
  readonly votes: FaceVote[];
  readonly config: FaceVotingConfig;
}

/** Computes eq. 11's three weights and eq. 12's vote for one track. */
export function voteForTrack(track: VotingTrack, clip: VotingClip, config: FaceVotingConfig): FaceVote {
  const { appearances: m, sumArea, sumScore } = totalsOf(track);
  const wFreq = m / clip.frameCount;
  const wSize = m > 0 ? sumArea / (m * clip.width * clip.height) : 0;
  const wProb = m > 0 ? sumScore / m : 0;
  const total = config.cFreq * wFreq + config.cSize * wSize + config.cProb * wProb;
  return { id: track.id, appearances: m, wFreq, wSize, wProb, total, enoughEvidence: true };
}

/**
 * Votes on every track with at least one observation (eq. 13); the winner has the largest total,
 * ties going to the earlier track. With `evidence`, only tracks that meet it can win. No track
 * (or none with enough evidence) → winnerId null (not an error).
 */
export function faceVoting(
  tracks: readonly VotingTrack[],
  clip: VotingClip,
  config: Partial<FaceVotingConfig> = {},
  evidence?: TrackEvidenceConfig,
): FaceVotingOutput {
  for (const key of ['frameCount', 'width', 'height'] as const) {
    if (!(clip[key] > 0)) throw new TypeError(`faceVoting: clip.${key} must be positive, got ${clip[key]}`);
  }
  const cfg: FaceVotingConfig = { ...DEFAULT_FACE_VOTING_CONFIG, ...config };
  const votes = tracks
    .map((t) => voteForTrack(t, clip, cfg))
    .filter((v) => v.appearances > 0)
    .map((v) => (evidence ? { ...v, enoughEvidence: hasEnoughEvidence(v, clip.frameCount, evidence) } : v));
  let winner: FaceVote | undefined;
  for (const v of votes) if (v.enoughEvidence && (winner === undefined || v.total > winner.total)) winner = v;
  return { winnerId: winner?.id ?? null, votes, config: cfg };
}
