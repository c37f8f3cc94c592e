import { describe, expect, it } from 'vitest';
import { summarizeStages } from './bench-summary';

describe('summarizeStages', () => {
  it('gives median and p95 per stage and skips empty ones', () => {
    const s = summarizeStages({ detect: [10, 20, 30, 40, 50], empty: [] });
    expect(s).toEqual({ detect: { medianMs: 30, p95Ms: 48, calls: 5 } });
  });
});
