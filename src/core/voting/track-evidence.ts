/**
 * Not in the paper: how much evidence a track needs before FaceVoting may make it the main track.
 * Eq. 13 picks the best vote even when the only track is one frame of a test pattern; with these
 * rules a clip whose tracks are all thin has no main face ("No face was found") instead.
 */

/** Thresholds a track must all meet to be the main track. */
export interface TrackEvidenceConfig {
  /**
   * Frames the track must appear in (M_i). Clips with fewer sampled frames need every frame. 3 at the
   * app's 5 fps is 0.6 s of face; our labelled clips' main faces appear in 9–40 frames.
   */
  readonly minAppearances: number;
  /** Share of the sampled frames the track must appear in (w_freq): a face seen in a tenth of the clip. */
  readonly minShare: number;
  /**
   * Mean detection score the track must reach (w_prob). 0.4, Tiny Face's own threshold: the
   * verifier, not the score, tells faces from patterns (false faces scored up to 0.97), and the
   * faintest main face of our labelled clips (04-03-01: 4 of 14 frames) averages 0.47, so 0.5 lost it.
   */
  readonly minMeanScore: number;
}

/** Defaults for every run (docs/honest-answers.md has the measurements behind them). */
export const DEFAULT_TRACK_EVIDENCE: TrackEvidenceConfig = Object.freeze({ minAppearances: 3, minShare: 0.1, minMeanScore: 0.4 });

/** A track's weights as eq. 11 gives them (a FaceVote has them). */
export interface TrackWeights {
  readonly appearances: number;
  readonly wFreq: number;
  readonly wProb: number;
}

/** True when the track has enough evidence to be the main track of a clip of `frameCount` sampled frames. */
export function hasEnoughEvidence(track: TrackWeights, frameCount: number, config: TrackEvidenceConfig = DEFAULT_TRACK_EVIDENCE): boolean {
  return (
    track.appearances >= Math.min(config.minAppearances, frameCount) && track.wFreq >= config.minShare && track.wProb >= config.minMeanScore
  );
}
