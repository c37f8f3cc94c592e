import { describe, expect, it } from 'vitest';
import { createArrayPool } from './array-pool';

describe('createArrayPool', () => {
  it('hands a given-back array out again for the same length, and makes a new one otherwise', () => {
    let made = 0;
    const pool = createArrayPool((n) => (made++, new Int32Array(n)));
    const a = pool.take(12);
    pool.give(a);
    expect(pool.take(12)).toBe(a);
    expect(pool.take(12)).not.toBe(a);
    pool.give(a);
    expect(pool.take(8)).not.toBe(a);
    expect(made).toBe(3);
  });

  it('keeps at most two arrays, the newest, and an array given twice once', () => {
    const pool = createArrayPool((n) => new Uint8ClampedArray(n));
    const [a, b, c] = [pool.take(4), pool.take(4), pool.take(4)];
    pool.give(a);
    pool.give(a);
    pool.give(b);
    pool.give(c);
    const again = [pool.take(4), pool.take(4), pool.take(4)];
    expect(again).toContain(b);
    expect(again).toContain(c);
    expect(again).not.toContain(a);
  });
});
