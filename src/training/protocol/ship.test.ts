import { describe, expect, it } from 'vitest';
import { familiarityOf } from '../../core/familiarity/familiarity';
import type { CachedClip } from '../feature-cache';
import { cachedFamiliarity } from './ship';

/** A cached clip of `actor` with one record whose context feature is `scene`, and a mean face embedding (or none). */
const clip = (actor: string, scene: number[], embedding?: number[] | null) =>
  ({ meta: { actor, ...(embedding !== undefined && { embedding }) }, records: [{ contextFeature: Float32Array.from(scene) }], augmentedRecords: [] }) as unknown as CachedClip;

describe('cachedFamiliarity', () => {
  // Three actors, two clips each; each actor's face a little apart from the others'.
  const faces: Record<string, number[]> = { a: [0, 0, 1], b: [0, 1, 0], c: [1, 0, 0] };
  const cache = Object.entries(faces).flatMap(([actor, f], i) => [0, 1].map((k) => clip(actor, [i, k], f.map((x) => x + 0.1 * k))));

  it('fits the person (the main face’s mean embedding) beside the scene, every actor held out familiar', () => {
    const models = cachedFamiliarity(cache)!;
    expect(models.face!.mean).toHaveLength(3);
    for (const c of cache) expect(familiarityOf(models.face!, c.meta.embedding!).familiar).toBe(true);
    // A face unlike all three (far along every axis) is not.
    expect(familiarityOf(models.face!, [3, 3, -2]).familiar).toBe(false);
  });

  it('ships no face model from a cache made before embeddings were kept, and skips clips with no face', () => {
    expect(cachedFamiliarity(cache.map((c) => clip(c.meta.actor, [0, 1])))!.face).toBeUndefined();
    const someWithout = [...cache, clip('a', [0, 2], null)];
    expect(cachedFamiliarity(someWithout)!.face).toEqual(cachedFamiliarity(cache)!.face);
  });
});
