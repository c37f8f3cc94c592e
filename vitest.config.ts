import { defineConfig } from 'vitest/config';

// Unit tests run in Node: everything under src/ that is not DOM-bound is tested here.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
