import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Unit tests run in Node: everything under src/ that is not DOM-bound is tested here.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // Vitest leaves a core for its main process (cores − 1: one worker on our 2-core machines), but
    // that process idles while tfjs runs in the workers: all cores took the unit tests from 162 to
    // 103 s here (2026-12-05, the same 444 tests).
    maxWorkers: availableParallelism(),
  },
});
