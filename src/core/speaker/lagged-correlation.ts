/**
 * The correlation of a mouth series with the loudness on the same clock, at the best of a few small
 * lags (issue 29): the lips open a little before the sound they shape, and the decoders' clocks may
 * be a frame apart, so the voice is compared at each lag from `minLagSec` to `maxLagSec` and the best
 * is kept. The best of several lags is higher than one, even for a silent face: the window is where
 * speaking faces' own voices peak, and the threshold that decides is measured with the same search
 * (docs/speaker.md). A sample whose shifted time falls outside the sound reads the quietest level.
 */
import { loudnessAt, type LoudnessEnvelope } from '../audio/loudness-envelope';
import { quantile } from '../vector';

/** How the loudness is read at each mouth sample. */
export interface LagSearch {
  /**
   * Lags tried: `minLagSec` … `maxLagSec` in steps of `stepSec` (positive: the sound after the mouth).
   * The mouth moves before the sound it shapes, so the window reaches further on the positive side.
   */
  minLagSec: number;
  maxLagSec: number;
  stepSec: number;
  /** Loudness averaged over ± this around each (shifted) sample time: half the mouth clock's step. */
  halfWindowSec: number;
  /** Levels more than this many dB under the loud windows (90th percentile) count as that floor, so pauses in silence do not dominate. */
  rangeDb: number;
  /**
   * Both series lose their moving mean over this window (seconds) before the correlation: what is
   * left is the syllable-rate part. Without it, any moving mouth correlates with any voice of our
   * clips, which all pause, speak, then pause (docs/speaker.md). 0 keeps the series whole.
   */
  highPassSec: number;
  /** 'level': the loudness itself; 'change': how fast it changes (|level − level one mouth step before|), which a moving mouth follows. */
  audio: 'level' | 'change';
}

/** Pearson correlation of two equally long series; 0 when either is constant. */
export function pearson(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  if (n < 2) return 0;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
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

/** `values` (at times `tSec`, increasing) minus their mean over the samples within ± `windowSec` / 2 of each. */
export function highPass(tSec: readonly number[], values: readonly number[], windowSec: number): number[] {
  if (!(windowSec > 0)) return [...values];
  const out: number[] = [];
  let from = 0;
  let to = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    while (to < values.length && tSec[to]! <= tSec[i]! + windowSec / 2) sum += values[to++]!;
    while (tSec[from]! < tSec[i]! - windowSec / 2) sum -= values[from++]!;
    out.push(values[i]! - sum / (to - from));
  }
  return out;
}

/** The envelope's levels with everything more than `rangeDb` under its loud windows raised to that floor. */
export function flooredEnvelope(envelope: LoudnessEnvelope, rangeDb: number): LoudnessEnvelope {
  if (envelope.db.length === 0) return envelope;
  const floor = quantile([...envelope.db], 0.9) - rangeDb;
  return { hopSec: envelope.hopSec, db: envelope.db.map((d) => Math.max(d, floor)) };
}

/**
 * The loudness of `floored` (a `flooredEnvelope`) over ± `halfWindowSec` around `tSec`; outside the
 * sound, its quietest level (loudnessAt's digital silence would be an outlier 40 dB or more under the
 * floor, and a lag that reads past either end would gain or lose correlation from it alone).
 */
function levelAt(floored: LoudnessEnvelope, quietest: number, tSec: number, halfWindowSec: number): number {
  const endSec = (floored.db.length - 1) * floored.hopSec;
  return tSec < -halfWindowSec || tSec > endSec + halfWindowSec ? quietest : loudnessAt(floored, tSec, halfWindowSec);
}

/** The best correlation of `mouth` (at times `tSec`) with the loudness over the lags of `search`, and its lag. */
export function laggedCorrelation(
  tSec: readonly number[],
  mouth: readonly number[],
  envelope: LoudnessEnvelope,
  search: LagSearch,
): { score: number; lagSec: number } {
  if (envelope.db.length === 0) return { score: 0, lagSec: 0 };
  const floored = flooredEnvelope(envelope, search.rangeDb);
  const quietest = floored.db.reduce((m, d) => Math.min(m, d), Infinity);
  const from = Math.round(search.minLagSec / search.stepSec);
  const to = Math.round(search.maxLagSec / search.stepSec);
  const mouthPart = highPass(tSec, mouth, search.highPassSec);
  const level = (t: number) => levelAt(floored, quietest, t, search.halfWindowSec);
  let best = { score: -Infinity, lagSec: 0 };
  for (let s = from; s <= to; s++) {
    const lagSec = s * search.stepSec;
    const loudness = tSec.map((t) => (search.audio === 'level' ? level(t + lagSec) : Math.abs(level(t + lagSec) - level(t + lagSec - 2 * search.halfWindowSec))));
    const score = pearson(mouthPart, highPass(tSec, loudness, search.highPassSec));
    if (score > best.score) best = { score, lagSec };
  }
  return best.score === -Infinity ? { score: 0, lagSec: 0 } : best;
}
