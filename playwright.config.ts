import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/lib/chromium';

/**
 * E2E tests run against the built app (`vite preview`) in Debian's Chromium: Playwright cannot
 * download its own browsers here (no downloads at set-up). CHROMIUM_PATH overrides the binary.
 */
/**
 * The live camera's specs (a fake camera analysed in real time, whose pace a second test on the
 * same 2 cores would halve) run alone, after every other spec; those run two at a time. A denied
 * or missing camera analyses nothing live, so those specs run with the others.
 */
const LIVE = /(ui-webcam|ui-webcam-hd-only|ui-calibration-camera|ui-calibration-camera-two-people)\.spec\.ts$/;

/** E2E_PORT lets two checkouts run their suites side by side without reusing each other's server. */
const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  workers: 2,
  fullyParallel: false,
  projects: [
    { name: 'pipeline', testIgnore: LIVE },
    { name: 'live', testMatch: LIVE, workers: 1, dependencies: ['pipeline'] },
  ],
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    headless: true,
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS],
    },
  },
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
