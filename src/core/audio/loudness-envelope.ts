/**
 * The loudness of a soundtrack over time: RMS level in dBFS of 100 ms windows every 50 ms, on the
 * channels mixed to mono. The speaker association (src/core/speaker) compares it with each face's
 * mouth opening. Pure, deterministic; any sample rate.
 */
import { quantile } from '../vector';
import { mixToMono } from './resample';

/** Window and hop of the envelope (seconds). */
export const LOUDNESS_WINDOW_SEC = 0.1;
export const LOUDNESS_HOP_SEC = 0.05;
/** Level of digital silence (dBFS), the envelope's floor. */
const FLOOR_DB = -100;
/** A window is voiced within this many dB of the loud (90th percentile) windows and above −60 dBFS. */
const VOICED_RANGE_DB = 25;
const SILENCE_DB = -60;

/** `db[i]` is the level of the window centred at `i × hopSec`. */
export interface LoudnessEnvelope {
  hopSec: number;
  db: Float32Array;
}

/** The envelope of `channels` (planar PCM, any count) at `sampleRate`. */
export function loudnessEnvelope(channels: readonly Float32Array[], sampleRate: number): LoudnessEnvelope {
  if (!(sampleRate > 0)) throw new TypeError(`loudnessEnvelope: sampleRate must be positive, got ${sampleRate}`);
  const mono = mixToMono(channels);
  const hop = Math.max(1, Math.round(LOUDNESS_HOP_SEC * sampleRate));
  const half = Math.max(1, Math.round((LOUDNESS_WINDOW_SEC * sampleRate) / 2));
  const count = mono.length === 0 ? 0 : Math.floor((mono.length - 1) / hop) + 1;
  const db = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const from = Math.max(0, i * hop - half);
    const to = Math.min(mono.length, i * hop + half);
    let sum = 0;
    for (let k = from; k < to; k++) sum += mono[k]! * mono[k]!;
    const rms = Math.sqrt(sum / Math.max(1, to - from));
    db[i] = rms > 0 ? Math.max(FLOOR_DB, 20 * Math.log10(rms)) : FLOOR_DB;
  }
  return { hopSec: hop / sampleRate, db };
}

/** Mean level (dB) of the windows centred within `halfWidthSec` of `tSec`; the floor outside the sound. */
export function loudnessAt(envelope: LoudnessEnvelope, tSec: number, halfWidthSec: number): number {
  const from = Math.max(0, Math.ceil((tSec - halfWidthSec) / envelope.hopSec));
  const to = Math.min(envelope.db.length - 1, Math.floor((tSec + halfWidthSec) / envelope.hopSec));
  if (to < from) {
    const nearest = Math.round(tSec / envelope.hopSec);
    return nearest >= 0 && nearest < envelope.db.length ? envelope.db[nearest]! : FLOOR_DB;
  }
  let sum = 0;
  for (let i = from; i <= to; i++) sum += envelope.db[i]!;
  return sum / (to - from + 1);
}

/**
 * Seconds of the sound that are voiced (loud relative to the clip's loud parts, and not silence).
 * Seconds, not a share of the clip: one sentence followed by half a minute of silence is a voice
 * (as a share, 6.5 %, it read as "nobody is heard speaking").
 */
export function voicedSeconds(envelope: LoudnessEnvelope): number {
  if (envelope.db.length === 0) return 0;
  const loud = quantile([...envelope.db], 0.9);
  const threshold = Math.max(SILENCE_DB, loud - VOICED_RANGE_DB);
  return envelope.db.reduce((n, d) => n + (d >= threshold && d > SILENCE_DB ? 1 : 0), 0) * envelope.hopSec;
}
