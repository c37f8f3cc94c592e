import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntheticRecords } from '../models/clip/test-helpers';
import { LANDMARK_VALUES } from '../core/face-geometry/landmarks';
import { SPEECH_FEATURE_LENGTH, SPEECH_FEATURES_VERSION } from '../core/audio/speech-features';
import { DEFAULT_PERCEPTION_CONFIG } from '../shared/perception-config';
import { cachedSpeech, patchCachedMeta, perceptionIsStale, readCachedClip, readCachedMeta, speechIsStale, writeCachedClip, type CachedClip } from './feature-cache';

/** A clip in today's layout (`fer`: FER block and landmarks) or the oldest one (neither). */
function clip(file: string, frames: number, augmented: number, fer: boolean): CachedClip {
  const strip = (r: CachedClip['records'][number]) => (fer ? r : { probs: r.probs, faceFeature: r.faceFeature, contextFeature: r.contextFeature });
  const records = syntheticRecords(frames, 1).map(strip);
  // Augmented copies share the context of the original (it is not augmented), and have no landmarks.
  const augmentedRecords = Array.from({ length: augmented }, (_, a) =>
    syntheticRecords(frames, 10 + a).map(({ landmarks: _, ...r }, t) => strip({ ...r, contextFeature: records[t]!.contextFeature })),
  );
  return {
    meta: {
      file, actor: '01', sentence: '01', label: 3, fps: 5, frames, tSec: records.map((_, t) => t / 5),
      probDim: 7, faceDim: 256, contextDim: 480, ...(fer ? { ferDim: 256, landmarkDim: LANDMARK_VALUES } : {}), augmented,
      augmentations: Array.from({ length: augmented }, () => ({ flip: false, angleDeg: 0, scale: 1 })), seconds: 1,
    },
    records,
    augmentedRecords,
  };
}

describe('feature cache', () => {
  it('reads back exactly what it wrote, with and without the FER block and landmarks', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emolens-cache-'));
    for (const [file, fer] of [['a.mp4', true], ['b.mp4', false]] as const) {
      const written = clip(file, 6, 2, fer);
      await writeCachedClip(dir, written);
      const read = await readCachedClip(dir, file);
      expect(read.meta).toEqual(written.meta);
      expect(read.records).toEqual(written.records);
      expect(read.augmentedRecords).toEqual(written.augmentedRecords);
      expect(read.records[0]!.ferFeature === undefined).toBe(!fer);
      expect(read.records[0]!.landmarks?.length).toBe(fer ? LANDMARK_VALUES : undefined);
    }
  });

  it("gives every record the clip's mean `general` (all the cache keeps of it), so a clip predictor fuses it as the app does", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emolens-cache-'));
    const written = clip('g.mp4', 4, 0, true);
    const probs = [0.1, 0, 0.2, 0.3, 0.2, 0.1, 0.1];
    await writeCachedClip(dir, { ...written, meta: { ...written.meta, general: { frames: 2, probs } } });
    const read = await readCachedClip(dir, 'g.mp4');
    for (const r of read.records) expect([...r.baselineProbs!.general!]).toEqual(probs.map(Math.fround));
    expect((await readCachedClip(dir, 'g.mp4')).records.map(({ baselineProbs: _, ...r }) => r)).toEqual(written.records);
  });

  it('knows speech features from an older version as stale, and a refresh patches only the metadata', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emolens-cache-'));
    const written = clip('c.mp4', 3, 0, true);
    await writeCachedClip(dir, { ...written, meta: { ...written.meta, speech: new Array<number>(49).fill(1) } }); // version 1: no speechVersion
    const old = await readCachedMeta(dir, 'c.mp4');
    expect(speechIsStale(old)).toBe(true);
    expect(() => cachedSpeech(old)).toThrow(/npm run features/);
    expect(speechIsStale(written.meta)).toBe(true); // no speech features at all
    const current = new Array<number>(SPEECH_FEATURE_LENGTH).fill(0.5);
    await patchCachedMeta(dir, 'c.mp4', { speech: current, speechVersion: SPEECH_FEATURES_VERSION });
    const read = await readCachedClip(dir, 'c.mp4');
    expect(speechIsStale(read.meta)).toBe(false);
    expect([...cachedSpeech(read.meta)!]).toEqual(current);
    expect(read.records).toEqual(written.records);
    expect(cachedSpeech({ ...read.meta, speech: null })).toBeNull(); // a clip without speech is not stale
  });

  it('knows a clip extracted with other perception settings (or before they were recorded) as stale', () => {
    const { meta } = clip('c.mp4', 3, 0, true);
    expect(perceptionIsStale({ ...meta, perception: undefined })).toBe(true);
    expect(perceptionIsStale({ ...meta, perception: { ...DEFAULT_PERCEPTION_CONFIG } })).toBe(false);
    expect(perceptionIsStale({ ...meta, perception: { ...DEFAULT_PERCEPTION_CONFIG, personIntervalSec: DEFAULT_PERCEPTION_CONFIG.personIntervalSec + 1 } })).toBe(true);
  });
});
