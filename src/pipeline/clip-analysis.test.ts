import { describe, expect, it } from 'vitest';
import { temporalPyramid } from '../core/pyramid/temporal-pyramid';
import { createRng } from '../core/random';
import {
  addFrame,
  averageBaselineProbs,
  averageProbs,
  createClipAnalysis,
  embeddedFaceSide,
  embeddingSpread,
  forgetBefore,
  joinShots,
  meanEmbedding,
  personEmbedding,
  voteOnClip,
  type ClipAnalysis,
  type FaceRecord,
} from './clip-analysis';

const FPS = 5;

/**
 * A synthetic long clip, the same every time: track 1 (a large face) in every frame, track 2 (a
 * small one) in about half of them, with boxes, scores, probabilities and features that vary. The
 * face feature of track 1 rises linearly in time, so pyramid segment means have a known shape.
 */
function longClip(frames: number, cap: number): ClipAnalysis {
  const rng = createRng(7);
  const clip = createClipAnalysis(640, 360, cap);
  for (let f = 0; f < frames; f++) {
    const tSec = f / FPS;
    const face = (size: number, ramp: number): FaceRecord => {
      const probs = Float32Array.from({ length: 7 }, () => rng.next());
      return {
        frameIndex: f,
        tSec,
        box: { x: rng.next() * 100, y: 20, w: size + rng.next() * 10, h: size + rng.next() * 10 },
        score: 0.5 + rng.next() / 2,
        probs,
        faceFeature: Float32Array.from({ length: 4 }, (_, i) => ramp * (f / frames) + i),
        contextFeature: Float32Array.from({ length: 3 }, () => rng.next()),
        personBox: null,
        baselineProbs: { humanEmotion: Float32Array.from(probs, (p) => 1 - p) },
        // The embedding runs on some frames only (once a second here), as in the app.
        ...(f % FPS === 0 ? { embedding: Float32Array.of(ramp, f / frames) } : {}),
        // The grouping embedding (a folder clip's mirror average), here on fewer frames to tell the two apart.
        ...(f % (2 * FPS) === 0 ? { groupingEmbedding: Float32Array.of(-ramp, f / frames) } : {}),
      };
    };
    const faces = [face(120, 1)];
    const ids = [1];
    if (rng.next() < 0.5) {
      faces.push(face(40, 0));
      ids.push(2);
    }
    addFrame(clip, faces, ids, tSec);
  }
  return clip;
}

const UNCAPPED = 1_000_000;

describe('bounded per-frame records', () => {
  it('keeps a long clip within the cap per track, and its vote and averages exact', () => {
    const frames = 5000;
    const full = longClip(frames, UNCAPPED);
    const capped = longClip(frames, 64);
    expect(full.tracks.get(1)).toHaveLength(frames);
    for (const records of capped.tracks.values()) {
      expect(records.length).toBeLessThanOrEqual(64);
      expect(records.length).toBeGreaterThan(32);
    }
    // Bit for bit: the vote reads exact running sums, not the thinned records.
    expect(voteOnClip(capped)).toEqual(voteOnClip(full));
    expect(voteOnClip(capped, { cSize: 20 })).toEqual(voteOnClip(full, { cSize: 20 }));
    for (const id of [1, 2]) {
      expect(averageProbs(capped.tracks.get(id)!)).toEqual(averageProbs(full.tracks.get(id)!));
      expect(averageBaselineProbs(capped.tracks.get(id)!)).toEqual(averageBaselineProbs(full.tracks.get(id)!));
    }
    // Exact also against the plain mean of every record (the uncapped list, copied so no totals ride along).
    const all = [...full.tracks.get(1)!];
    expect(averageProbs(full.tracks.get(1)!)).toEqual(averageProbs(all));
  });

  it('thins uniformly: track 1 keeps every stride-th frame, from the first', () => {
    const records = longClip(1000, 64).tracks.get(1)!;
    // Cap 64: thinned at the 65th kept record, i.e. appearances 64, 128, 256 and 512 → stride 16,
    // and 1000 appearances leave frames 0, 16, …, 992.
    expect(records.totals.stride).toBe(16);
    expect(records.map((r) => r.frameIndex)).toEqual(Array.from({ length: 63 }, (_, i) => i * 16));
  });

  it('changes nothing below the cap: the same records, in order', () => {
    const full = longClip(300, UNCAPPED);
    const capped = longClip(300, 512);
    expect(capped.tracks.get(1)!.map((r) => r.frameIndex)).toEqual(full.tracks.get(1)!.map((r) => r.frameIndex));
    expect(capped.tracks.get(1)!.totals.stride).toBe(1);
  });

  it('keeps what the temporal-pyramid model reads: segment means of a thinned track stay close', () => {
    const frames = 4000;
    const asPyramid = (c: ClipAnalysis) =>
      temporalPyramid(
        c.tracks.get(1)!.map((r) => ({ faceFeatures: r.faceFeature, contextFeatures: r.contextFeature, emotionProbs: r.probs })),
        [0, 1, 2, 3],
      );
    const full = asPyramid(longClip(frames, UNCAPPED));
    const thinned = asPyramid(longClip(frames, 256));
    // Face feature 0 rises from 0 to 1 over the clip: each of the 15 segment means is within 2 % of the full one.
    for (const seg of full.layout.segments) {
      const a = full.vector[seg.faceOffset]!;
      const b = thinned.vector[thinned.layout.segments.find((s) => s.level === seg.level && s.index === seg.index)!.faceOffset]!;
      expect(Math.abs(a - b)).toBeLessThan(0.02);
    }
    // The means of random probabilities and context features agree to sampling noise.
    const close = (a: Float32Array, b: Float32Array) => a.every((x, i) => Math.abs(x - b[i]!) < 0.1);
    expect(close(full.vector.subarray(0, full.layout.blockSize), thinned.vector.subarray(0, thinned.layout.blockSize))).toBe(true);
  });

  it('rejects a cap below 2', () => {
    expect(() => createClipAnalysis(10, 10, 1)).toThrow(TypeError);
  });
});

describe('meanEmbedding', () => {
  it('averages the embeddings of every face of a track, exact when its records are thinned', () => {
    const frames = 1000;
    const full = longClip(frames, UNCAPPED).tracks.get(1)!;
    const capped = longClip(frames, 64).tracks.get(1)!;
    // Embeddings on frames 0, 5, …, 995: (1, f / 1000) → mean (1, 0.4975).
    const mean = meanEmbedding(full)!;
    expect(mean[0]).toBeCloseTo(1, 12);
    expect(mean[1]).toBeCloseTo(0.4975, 7); // float32 inputs
    expect(meanEmbedding(capped)).toEqual(mean);
    // Plain records (no totals): the mean of those that carry one.
    expect(meanEmbedding([...full])).toEqual(mean);
  });

  it('is null for a track on which no embedding ran', () => {
    const clip = longClip(3, UNCAPPED);
    const noEmbedding = clip.tracks.get(1)!.filter((r) => !r.embedding);
    expect(noEmbedding.length).toBeGreaterThan(0);
    expect(meanEmbedding(noEmbedding)).toBeNull();
    const fresh = createClipAnalysis(10, 10);
    addFrame(fresh, noEmbedding, noEmbedding.map(() => 9));
    expect(meanEmbedding(fresh.tracks.get(9)!)).toBeNull();
  });
});

describe('personEmbedding', () => {
  it('is the mean grouping embedding where the records carry one, exact when thinned; else the plain mean', () => {
    const frames = 1000;
    const full = longClip(frames, UNCAPPED).tracks.get(1)!;
    // Grouping embeddings on frames 0, 10, …, 990: (−1, f / 1000) → mean (−1, 0.495).
    const person = personEmbedding(full)!;
    expect(person[0]).toBeCloseTo(-1, 12);
    expect(person[1]).toBeCloseTo(0.495, 7);
    expect(personEmbedding(longClip(frames, 64).tracks.get(1)!)).toEqual(person);
    expect(meanEmbedding(full, 'groupingEmbedding')).toEqual(person);
    // Without grouping embeddings (a single file's records): the plain mean.
    const plain = full.map(({ groupingEmbedding: _, ...r }) => r);
    expect(personEmbedding(plain)).toEqual(meanEmbedding(full));
    const clip = createClipAnalysis(10, 10);
    addFrame(clip, plain, plain.map(() => 3));
    expect(personEmbedding(clip.tracks.get(3)!)).toEqual(meanEmbedding(full));
  });
});

describe('embeddingSpread', () => {
  it('is the RMS distance of the embeddings from their mean, the same on a track as on its plain records', () => {
    const base = longClip(4, UNCAPPED).tracks.get(1)![0]!;
    // (0, 0), (2, 0), (1, 3), (1, −3): mean (1, 0); squared distances 1, 1, 9, 9 → RMS √5.
    const faces = [[0, 0], [2, 0], [1, 3], [1, -3]].map((e, i) => ({ ...base, frameIndex: i, tSec: i / FPS, embedding: Float32Array.from(e) }));
    const clip = createClipAnalysis(10, 10);
    faces.forEach((f) => addFrame(clip, [f], [1]));
    expect(embeddingSpread(clip.tracks.get(1)!)).toBeCloseTo(Math.sqrt(5), 9);
    expect(embeddingSpread(faces)).toBeCloseTo(Math.sqrt(5), 9);
    expect(embeddingSpread([{ ...base, embedding: undefined }])).toBeNull();
  });
});

describe('embeddedFaceSide', () => {
  const face = (side: number, embedded: boolean): FaceRecord =>
    ({ box: { x: 0, y: 0, w: side, h: side + 10 }, ...(embedded ? { embedding: Float32Array.of(1) } : {}) }) as unknown as FaceRecord;

  it('is the median shorter side of the embedded faces, of all faces when none is, null without faces', () => {
    expect(embeddedFaceSide([face(50, true), face(500, false), face(70, true), face(60, true)])).toBe(60);
    expect(embeddedFaceSide([face(50, true), face(70, true)])).toBe(60);
    expect(embeddedFaceSide([face(40, false), face(80, false), face(90, false)])).toBe(80);
    expect(embeddedFaceSide([])).toBeNull();
  });
});

describe('forgetBefore with totals', () => {
  it('sums the window again: the vote over the window equals a fresh analysis of it', () => {
    const frames = 200;
    const clip = longClip(frames, UNCAPPED);
    forgetBefore(clip, 30);
    // A fresh clip holding only the frames from 30 s on, built from the same records.
    const fresh = createClipAnalysis(640, 360, UNCAPPED);
    for (const t of clip.frameTimes) {
      const ids = [...clip.tracks.keys()].filter((id) => clip.tracks.get(id)!.some((r) => r.tSec === t));
      addFrame(fresh, ids.map((id) => clip.tracks.get(id)!.find((r) => r.tSec === t)!), ids, t);
    }
    expect(voteOnClip(clip)).toEqual(voteOnClip(fresh));
    expect(averageProbs(clip.tracks.get(1)!)).toEqual(averageProbs(fresh.tracks.get(1)!));
  });

  it('counts each kept record stride times once a thinned track is cut', () => {
    const clip = longClip(1000, 64);
    forgetBefore(clip, 100); // keeps frames 500…999: track 1 holds frames 512, 528, …, 992 (stride 16)
    const records = clip.tracks.get(1)!;
    expect(records.map((r) => r.frameIndex)).toEqual(Array.from({ length: 31 }, (_, i) => 512 + i * 16));
    expect(records.totals.appearances).toBe(31 * 16);
    expect(clip.sampledFrames).toBe(500);
  });
});

describe('joinShots', () => {
  /** Alternating 1-s shots of persons 0 and 1 (A B A B); each shot's face gets a fresh track ID, as the tracker gives at a cut, or the person's own ID. */
  function alternating(freshIds: boolean, cap = UNCAPPED): ClipAnalysis {
    const rng = createRng(3);
    const clip = createClipAnalysis(640, 360, cap);
    for (let f = 0; f < 4 * FPS; f++) {
      const shot = Math.floor(f / FPS);
      const person = shot % 2;
      const embedding = Float32Array.of(person === 0 ? 1 : 0, person === 1 ? 1 : 0, rng.next() * 0.1);
      const face: FaceRecord = {
        frameIndex: f,
        tSec: f / FPS,
        box: { x: 100, y: 50, w: 80 + rng.next() * 10, h: 90 },
        score: 0.9,
        probs: Float32Array.from({ length: 7 }, () => rng.next()),
        faceFeature: Float32Array.of(f),
        contextFeature: Float32Array.of(1),
        personBox: null,
        embedding,
      };
      addFrame(clip, [face], [freshIds ? shot + 1 : person + 1], face.tSec, freshIds && f > 0 && f % FPS === 0);
    }
    return clip;
  }

  it('one person’s shots on either side of cuts become one track, as if tracked so from the start', () => {
    const joined = alternating(true);
    expect(joined.shotStarts).toEqual([1, 2, 3]);
    expect([...joinShots(joined)]).toEqual([
      [3, 1],
      [4, 2],
    ]);
    const truth = alternating(false);
    expect([...joined.tracks.keys()].sort()).toEqual([1, 2]);
    for (const id of [1, 2]) {
      const [a, b] = [joined.tracks.get(id)!, truth.tracks.get(id)!];
      expect(a.map((r) => r.frameIndex)).toEqual(b.map((r) => r.frameIndex));
      expect(a.totals.appearances).toBe(b.totals.appearances);
      expect(averageProbs(a)).toEqual(averageProbs(b));
      expect(meanEmbedding(a)!.map((x) => Math.round(x * 1e9))).toEqual(meanEmbedding(b)!.map((x) => Math.round(x * 1e9)));
    }
    expect(voteOnClip(joined).winnerId).toBe(voteOnClip(truth).winnerId);
  });

  it('keeps a joined track within the cap, and leaves a clip without cuts alone', () => {
    const joined = alternating(true, 6);
    joinShots(joined);
    for (const records of joined.tracks.values()) expect(records.length).toBeLessThanOrEqual(6);
    expect(joined.tracks.get(1)!.totals.appearances).toBe(2 * FPS);
    const uncut = alternating(false);
    expect(joinShots(uncut).size).toBe(0);
    expect(uncut.tracks.size).toBe(2);
  });
});
