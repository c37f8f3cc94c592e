/**
 * Shot cuts in edited footage (vlogs, interviews, film excerpts like the paper's AFEW): where the
 * picture jumps to another shot, a face's position and size say nothing about which face it was
 * before (§3.3's motion cues assume one continuous shot). Found on the grey frames the mouth
 * measure already gets (15 fps, files only): a cut changes the grey-level histogram far more than
 * motion, a shaking camera or a face that moves does, in one lone jump; a cross-fade changes it over
 * a run of frames that are mixes of the shots on either side (docs/real-files.md, "Edited footage").
 * Pure: grey frames in, booleans out. Our own: the shot detectors we found (PySceneDetect and its
 * Rust port, ffmpeg's scdet) are not npm packages that take luma arrays in a worker.
 */
import { quantile } from '../vector';
import type { GrayFrame } from '../gray-image';

/**
 * Seconds after a cut during which every face is embedded on every analysed frame (not once a
 * second): the embeddings a new shot's track is re-joined by (shot-join.ts). Cuts are rare, so
 * this costs little; one second at 5 fps gives each face five.
 */
export const SHOT_EMBEDDING_SEC = 1;

/** Histogram bins of the grey levels (8 levels a bin). */
const BINS = 32;

/** The detector's settings (docs/real-files.md, "Edited footage", for how they were measured). */
export interface ShotCutConfig {
  /**
   * Least L1 distance between two frames' grey histograms (each sums to 1; range 0…2) for a cut.
   * Measured at 15 fps: cuts between two of our actors at the same framing 0.16–1.04, a 1.3× jump
   * cut 0.30–0.39; no cut ≤ 0.074 in handheld shaken copies, but 0.123 once in our 168 clips (an
   * exposure step on a flat grey wall moves a narrow peak across a bin edge): hence `minChange`.
   */
  minDistance: number;
  /**
   * …and least mean absolute change of the picture's 16×12 block means (0…1): where in the frame
   * things are, which an exposure step barely moves. Cuts 0.027–0.23; no cut up to 0.06 (shaken copies).
   */
  minChange: number;
  /**
   * …and the change is spread over the picture: the three of its 12 block rows that change most
   * hold at most this share of it. A caption bar or a lower-third graphic that appears changes one
   * band (0.90–0.99); cuts between our actors 0.27–0.50.
   */
  maxBandShare: number;
  /**
   * …and the change is not one of light: at least this share of the layout's change is left once one
   * frame's grey levels are mapped onto the other's histogram (a lamp switched on, an exposure step:
   * 0.01–0.07 left at a step, 0.10–0.16 over a half-second ramp; cuts and fades between shots 0.60–1.27).
   */
  minUnrelit: number;
  /** …and at least this many times the median histogram distance of the recent frames (grainy or flickering footage moves more). */
  overMedian: number;
  /** How many recent distances that median reads. */
  recent: number;
  /**
   * …and the picture is calm on both sides of the jump: the distances from the frame before and to
   * the frame after are at most this fraction of it. A cut is a lone spike (real cuts: neighbours
   * ≤ 0.21 of it); fast motion of a face that fills the frame — a laugh in a tight crop — is a run
   * of large distances (neighbours 0.69–1.3 of it).
   */
  lone: number;
  /**
   * Gradual transitions (a cross-fade, a fade through black): frame-to-frame distances above
   * `calmDistance` and `calmOverMedian`× the usual one make a run of change; a run of at least
   * `minRun` steps (and at most `maxRun`) that ends in calm, between frames as far apart as a cut's
   * (`minDistance`, `minChange`), whose frames are mixes of its ends (`maxBlendError`), is a change
   * of shot. The new shot begins with the run's last frame.
   */
  calmDistance: number;
  calmOverMedian: number;
  minRun: number;
  maxRun: number;
  /**
   * A cross-fade's frames are mixes of the shots before and after it, a fade through black's one of
   * them darkened: each inner frame's block layout lies near its best mix of the run's two ends
   * (mean error over the ends' own change). Measured: cross-fades 0.06–0.20, fades through black
   * 0.07–0.14; a face that fills the frame moving (tight crops) 0.17–0.68, all but one ≥ 0.22 — its
   * frames are the face elsewhere, not a ghost of both.
   */
  maxBlendError: number;
  /**
   * A frame whose grey levels spread less than this (standard deviation, 0–255) is blank (black,
   * white, a fade's end): it is no shot of its own, so the frames on either side are compared.
   */
  blankStd: number;
}

export const DEFAULT_SHOT_CUT_CONFIG: ShotCutConfig = Object.freeze({ minDistance: 0.12, minChange: 0.02, maxBandShare: 0.7, minUnrelit: 0.3, overMedian: 4, recent: 15, lone: 0.5, calmDistance: 0.05, calmOverMedian: 1.5, minRun: 5, maxRun: 45, maxBlendError: 0.2, blankStd: 6 });

/** Frame-to-frame distances known before a cut can be found (the first 0.2 s at 15 fps). */
const MIN_HISTORY = 3;

/** Blocks across and down of the layout signature. */
const GRID_X = 16;
const GRID_Y = 12;

/** What a frame is compared by: its grey-level histogram (sums to 1), its block means (0…1) and its spread. */
interface FrameSignature {
  hist: Float64Array;
  blocks: Float64Array;
  std: number;
  /** Each block's grey-level counts (BINS per block, block by block; a block samples under 65 536 pixels up to 8K): the histogram of the picture inside black bars. */
  blockHist: Uint16Array;
}

/**
 * A block this dark (its mean, 0…1) in both frames, across a whole row or column of blocks at the
 * picture's edge, is a letterbox or pillarbox bar: black that both sides of a cut share. Left in,
 * the bars dilute a cut's change by their share of the frame (a 2.4:1 film in a 4:3 frame: 44 %),
 * and cuts between look-alike shots fell under the floors (docs/real-files.md, "Letterboxed films").
 */
const BAR_BLACK = 0.04;

/**
 * Every other pixel of every other row is enough for both (a cut changes the whole picture), at a
 * quarter of the cost: the detector reads each grey frame of a file, 15 a second.
 */
const STEP = 2;

function signatureOf(frame: GrayFrame): FrameSignature {
  const { data, width, height } = frame;
  const hist = new Float64Array(BINS);
  const blocks = new Float64Array(GRID_X * GRID_Y);
  const blockHist = new Uint16Array(GRID_X * GRID_Y * BINS);
  const counts = new Float64Array(GRID_X * GRID_Y);
  const column = new Int32Array(width);
  for (let x = 0; x < width; x += STEP) column[x] = Math.min(GRID_X - 1, Math.floor((x * GRID_X) / width));
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let y = 0; y < height; y += STEP) {
    const row = Math.min(GRID_Y - 1, Math.floor((y * GRID_Y) / height)) * GRID_X;
    const offset = y * width;
    for (let x = 0; x < width; x += STEP) {
      const v = data[offset + x]!;
      const k = row + column[x]!;
      blocks[k]! += v;
      counts[k]!++;
      hist[v >> 3]!++;
      blockHist[k * BINS + (v >> 3)]!++;
      sum += v;
      sumSq += v * v;
      n++;
    }
  }
  n = Math.max(1, n);
  for (let b = 0; b < BINS; b++) hist[b]! /= n;
  for (let k = 0; k < blocks.length; k++) blocks[k] = counts[k]! > 0 ? blocks[k]! / counts[k]! / 255 : 0;
  const mean = sum / n;
  return { hist, blocks, std: Math.sqrt(Math.max(0, sumSq / n - mean * mean)), blockHist };
}

/** The blocks of `a` and `b` inside the black bars both share at their edges (whole rows or columns of blocks); null when there are none. */
function insideBars(a: FrameSignature, b: FrameSignature): number[] | null {
  const black = (k: number) => a.blocks[k]! <= BAR_BLACK && b.blocks[k]! <= BAR_BLACK;
  const blackRow = (r: number) => Array.from({ length: GRID_X }, (_, x) => r * GRID_X + x).every(black);
  const blackColumn = (x: number) => Array.from({ length: GRID_Y }, (_, r) => r * GRID_X + x).every(black);
  const [top, bottom] = [edgeRun(GRID_Y, blackRow), edgeRun(GRID_Y, (r) => blackRow(GRID_Y - 1 - r))];
  const [left, right] = [edgeRun(GRID_X, blackColumn), edgeRun(GRID_X, (x) => blackColumn(GRID_X - 1 - x))];
  // Nothing shared, or nothing but bars (two black frames): the whole picture, as without bars.
  if (top + bottom + left + right === 0 || top + bottom >= GRID_Y || left + right >= GRID_X) return null;
  const inside: number[] = [];
  for (let r = top; r < GRID_Y - bottom; r++) for (let x = left; x < GRID_X - right; x++) inside.push(r * GRID_X + x);
  return inside;
}

/** How many of the first `count` rows (or columns) from an edge pass `test`, counted from that edge. */
function edgeRun(count: number, test: (i: number) => boolean): number {
  let n = 0;
  while (n < count && test(n)) n++;
  return n;
}

/** The grey-level histogram (sums to 1) of `blocks` of a frame. */
function histogramOf(signature: FrameSignature, blocks: readonly number[]): Float64Array {
  const hist = new Float64Array(BINS);
  for (const k of blocks) for (let b = 0; b < BINS; b++) hist[b]! += signature.blockHist[k * BINS + b]!;
  const total = hist.reduce((sum, v) => sum + v, 0);
  return total > 0 ? hist.map((v) => v / total) : hist;
}

/** Every block of the layout, for a frame without bars. */
const ALL_BLOCKS: readonly number[] = Array.from({ length: GRID_X * GRID_Y }, (_, k) => k);

/** The histogram distance and the layout change of two frames, measured inside the black bars they share (the whole frame without bars), and the blocks measured. */
function changeInside(a: FrameSignature, b: FrameSignature): { distance: number; layout: number; blocks: readonly number[] } {
  const inside = insideBars(a, b);
  if (!inside) return { distance: l1(a.hist, b.hist), layout: layoutChange(a, b), blocks: ALL_BLOCKS };
  const layout = inside.reduce((sum, k) => sum + Math.abs(a.blocks[k]! - b.blocks[k]!), 0) / inside.length;
  return { distance: l1(histogramOf(a, inside), histogramOf(b, inside)), layout, blocks: inside };
}

/** The share of the layout's change |a − b| that falls in the BAND_ROWS block rows changing most (1/GRID_Y … 1). */
function bandShare(a: Float64Array, b: Float64Array): number {
  const rows = Array.from({ length: GRID_Y }, (_, r) => {
    let sum = 0;
    for (let x = 0; x < GRID_X; x++) sum += Math.abs(a[r * GRID_X + x]! - b[r * GRID_X + x]!);
    return sum;
  });
  const total = rows.reduce((sum, v) => sum + v, 0);
  const band = rows.sort((p, q) => q - p).slice(0, BAND_ROWS).reduce((sum, v) => sum + v, 0);
  return total > 0 ? band / total : 0;
}

/** Rows of blocks a caption bar or a lower third spans (a quarter of the picture). */
const BAND_ROWS = 3;

/** Σ|a − b| over the entries. */
function l1(a: Float64Array, b: Float64Array): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d += Math.abs(a[i]! - b[i]!);
  return d;
}

/**
 * The share of the block layout's change from `a` to `b` (over `blocks`) left once `a`'s grey levels
 * are mapped onto `b`'s histogram by the monotone map that matches their quantiles. A change of
 * light — a lamp switched on, a camera's exposure or gain stepping — moves every grey level the same
 * way, and the map undoes it (our clips brightened, darkened or re-curved: 0.01–0.16); another shot
 * is not undone by any tone map (cuts and fades of our edited videos: 0.60–1.27). Both layouts are
 * taken at the bins' centres, so that identical frames leave 0.
 */
function changeLeftByRelighting(a: FrameSignature, b: FrameSignature, blocks: readonly number[]): number {
  const [ha, hb] = [histogramOf(a, blocks), histogramOf(b, blocks)];
  // Each bin of `a` goes to the level (in bins) at its mid-quantile in `b`, linear within b's bins.
  const toneMap = new Float64Array(BINS);
  let [below, bin, belowBin] = [0, 0, 0];
  for (let i = 0; i < BINS; i++) {
    const q = below + ha[i]! / 2;
    below += ha[i]!;
    while (bin < BINS - 1 && belowBin + hb[bin]! < q) belowBin += hb[bin++]!;
    toneMap[i] = bin + (hb[bin]! > 0 ? Math.min(1, Math.max(0, (q - belowBin) / hb[bin]!)) : 0.5);
  }
  let [left, raw] = [0, 0];
  for (const k of blocks) {
    const target = binnedMean(b, k, BIN_CENTRES);
    left += Math.abs(binnedMean(a, k, toneMap) - target);
    raw += Math.abs(binnedMean(a, k, BIN_CENTRES) - target);
  }
  return raw > 0 ? left / raw : 0;
}

/** Each bin read as its centre (in bins): the levels with no tone map. */
const BIN_CENTRES = Float64Array.from({ length: BINS }, (_, i) => i + 0.5);

/** Block `k`'s mean grey level (in bins) with each bin read as `levels[bin]`. */
function binnedMean(signature: FrameSignature, k: number, levels: Float64Array): number {
  let [count, sum] = [0, 0];
  for (let i = 0; i < BINS; i++) {
    const c = signature.blockHist[k * BINS + i]!;
    count += c;
    sum += c * levels[i]!;
  }
  return count > 0 ? sum / count : 0;
}

/** Mean absolute change of the block layout between two frames (0…1). */
function layoutChange(a: FrameSignature, b: FrameSignature): number {
  return l1(a.blocks, b.blocks) / b.blocks.length;
}

/**
 * Mean absolute difference of `mid` from its least-squares mix p·a + q·b (p, q ≥ 0) of `a` and `b`:
 * a cross-fade's frames are mixes with p + q = 1, a fade through black's are one end darkened.
 */
function mixError(a: Float64Array, b: Float64Array, mid: Float64Array): number {
  let aa = 0;
  let ab = 0;
  let bb = 0;
  let am = 0;
  let bm = 0;
  for (let i = 0; i < a.length; i++) {
    aa += a[i]! * a[i]!;
    ab += a[i]! * b[i]!;
    bb += b[i]! * b[i]!;
    am += a[i]! * mid[i]!;
    bm += b[i]! * mid[i]!;
  }
  // The two-term solution when both weights come out ≥ 0, else the better of either end alone.
  const mixes: [number, number][] = [
    [aa > 0 ? Math.max(0, am / aa) : 0, 0],
    [0, bb > 0 ? Math.max(0, bm / bb) : 0],
  ];
  const det = aa * bb - ab * ab;
  if (det > 1e-12) {
    const p = (am * bb - bm * ab) / det;
    const q = (bm * aa - am * ab) / det;
    if (p >= 0 && q >= 0) mixes.push([p, q]);
  }
  let best = Infinity;
  for (const [p, q] of mixes) {
    let error = 0;
    for (let i = 0; i < a.length; i++) error += Math.abs(mid[i]! - p * a[i]! - q * b[i]!);
    best = Math.min(best, error);
  }
  return best / a.length;
}

/**
 * What happened at a frame: `cut`, it begins a new shot (a cut, or the end of a fade); `light`, the
 * same shot in other light, at once (a lamp switched on, an exposure step) — faces stay where they
 * were, but every pixel's grey level jumped.
 */
export type ShotChange = 'cut' | 'light';

/** Feeds frames in time order; says which ones begin a new shot, and where the light changes at once. */
export interface ShotCutDetector {
  /**
   * `cut` when `frame` is the first of a new shot (never for the first frame seen, nor for a blank
   * one), `light` when the picture jumped there as at a cut but by its light alone, else null.
   * `after` is the frame that follows it, when already known: the calm after a cut is what
   * tells it from fast motion (`lone`). Without it (the video's last frame) only the calm before
   * counts. The next call is normally given `after` as its `frame` (its look is kept, not redone).
   */
  push(frame: GrayFrame, after?: GrayFrame): ShotChange | null;
}

/** Creates a detector; missing settings take DEFAULT_SHOT_CUT_CONFIG. */
export function createShotCutDetector(config: Partial<ShotCutConfig> = {}): ShotCutDetector {
  const cfg = { ...DEFAULT_SHOT_CUT_CONFIG, ...config };
  let last: FrameSignature | null = null;
  const distances: number[] = [];
  /** The histogram distance from the frame before `last` to it (undefined for the first). */
  let lastDistance: number | undefined;
  /** The look-ahead frame of the previous call, whose signature the next call reuses. */
  let peeked: { frame: GrayFrame; signature: FrameSignature } | undefined;
  const look = (frame: GrayFrame): FrameSignature => (peeked?.frame === frame ? peeked.signature : signatureOf(frame));
  /** The run of change under way: the calm frame it began from, the frames since, and the usual distance when it began. */
  let run: { from: FrameSignature; frames: FrameSignature[]; usual: number } | null = null;
  const isCalm = (distance: number, usual: number) => distance <= Math.max(cfg.calmDistance, cfg.calmOverMedian * usual);
  /**
   * Two frames as unalike as the two sides of a cut — the histogram and the layout both moved far
   * (inside any black bars), not in one band only — are `cut` apart, or `light` when a change of
   * light alone explains it; null when less unalike.
   */
  const unalike = (a: FrameSignature, b: FrameSignature): ShotChange | null => {
    const { distance, layout, blocks } = changeInside(a, b);
    if (distance < cfg.minDistance || layout < cfg.minChange || bandShare(a.blocks, b.blocks) > cfg.maxBandShare) return null;
    return changeLeftByRelighting(a, b, blocks) >= cfg.minUnrelit ? 'cut' : 'light';
  };
  /** A run from `from` through `frames` that ends here is a change of shot: long enough, its ends as unalike as a cut's, its frames mixes of them. */
  const isTransition = (from: FrameSignature, frames: readonly FrameSignature[]) => {
    const to = frames.at(-1)!;
    if (frames.length < cfg.minRun || unalike(from, to) !== 'cut') return false;
    const inner = frames.slice(0, -1);
    const error = inner.reduce((sum, f) => sum + mixError(from.blocks, to.blocks, f.blocks), 0) / inner.length;
    return error <= cfg.maxBlendError * layoutChange(from, to);
  };
  return {
    push(frame, after) {
      const signature = look(frame);
      peeked = after ? { frame: after, signature: signatureOf(after) } : undefined;
      if (signature.std < cfg.blankStd) return null;
      const before = last;
      const distanceBefore = lastDistance;
      last = signature;
      if (!before) return null;
      const distance = l1(before.hist, signature.hist);
      lastDistance = distance;
      // The first frames of a video have no usual motion to be held to: no cut until a few are known.
      if (distances.length < MIN_HISTORY) {
        distances.push(distance);
        return null;
      }
      const usual = quantile(distances, 0.5);
      const next = peeked && peeked.signature.std >= cfg.blankStd ? l1(signature.hist, peeked.signature.hist) : undefined;
      const lone = Math.max(distanceBefore ?? 0, next ?? 0) <= cfg.lone * distance;
      const jump = distance >= cfg.overMedian * usual && lone ? unalike(before, signature) : null;
      // A cut's jump (or the light's) is not motion: it stays out of the median the next frames are held to.
      if (!jump) {
        distances.push(distance);
        if (distances.length > cfg.recent) distances.shift();
      }
      // A run of change: begun from the frame before this one, held to the usual distance of then.
      if (jump || isCalm(distance, run?.usual ?? usual)) run = null;
      else if (run) run.frames.push(signature);
      else run = { from: before, frames: [signature], usual };
      if (run && run.frames.length > cfg.maxRun) run = null; // change that goes on is motion (a pan, a shaking camera), not a transition
      if (jump) return jump;
      return run !== null && next !== undefined && isCalm(next, run.usual) && isTransition(run.from, run.frames) ? 'cut' : null;
    },
  };
}
