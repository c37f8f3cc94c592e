import { describe, it, expect } from 'vitest';
import { createRng } from './random';

describe('createRng', () => {
  it('is reproducible for a seed and differs between seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const sa = [a.next(), a.next(), a.next()];
    expect([b.next(), b.next(), b.next()]).toEqual(sa);
    expect(c.next()).not.toBe(sa[0]);
  });

  it('stays in range', () => {
    const rng = createRng(1);
    for (let i = 0; i < 1000; i++) {
      const x = rng.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      const k = rng.int(7);
      expect(Number.isInteger(k) && k >= 0 && k < 7).toBe(true);
    }
    expect(() => rng.int(0)).toThrow(TypeError);
  });

  it('shuffles a copy into a permutation', () => {
    const rng = createRng(7);
    const items = [1, 2, 3, 4, 5, 6];
    const out = rng.shuffle(items);
    expect(items).toEqual([1, 2, 3, 4, 5, 6]);
    expect([...out].sort()).toEqual(items);
  });
});
