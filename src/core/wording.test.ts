import { describe, expect, it } from 'vitest';
import { formatUnder } from './wording';

describe('formatUnder', () => {
  it('writes a number under a limit so that it never reads as the limit', () => {
    expect(formatUnder(0.2996, 0.3, 2)).toBe('0.299');
    expect(formatUnder(0.29, 0.3, 2)).toBe('0.29');
    expect(formatUnder(39.6, 40, 0)).toBe('39.6');
    expect(formatUnder(39.4, 40, 0)).toBe('39');
    expect(formatUnder(1.46, 1.5, 1)).toBe('1.46');
    expect(formatUnder(1.4999, 1.5, 1)).toBe('1.49');
    expect(formatUnder(-0.12, 0.3, 2)).toBe('-0.12');
  });
});
