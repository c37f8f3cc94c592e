/**
 * Shared Playwright fixtures: every page records console errors and any request to a host other
 * than the app's own, and each test fails if either happened (no network at run time).
 */
import { test as base, expect, type Page } from '@playwright/test';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repo root and the shared data folder (never copied into the repo). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const sharedData = resolve(repoRoot, '../shared/data/javanese');
/** Path of a shared clip by file name. */
export const clip = (name: string) => join(sharedData, 'clips', name);
/** The shared clips' true labels (file name → label), read from labels.csv. */
export function sharedLabels(): Map<string, string> {
  const rows = readFileSync(join(sharedData, 'labels.csv'), 'utf8').trim().split('\n').slice(1);
  return new Map(rows.map((l) => l.split(',')).map((c) => [c[0]!, c.at(-1)!]));
}
/** Scratch folder for inputs the tests generate with ffmpeg (gitignored; outside test-results, which Playwright wipes). */
export const scratch = join(repoRoot, '.cache', 'test-inputs');

/**
 * `path`, made once: `make` writes a temporary file beside it that is then renamed into place, so a
 * test in another worker never reads a half-written input (the suite runs two workers).
 */
export function makeOnce(path: string, make: (tmp: string) => void): string {
  if (existsSync(path)) return path;
  mkdirSync(dirname(path), { recursive: true });
  const tmp = path.replace(/(\.[^./]+)?$/, `.${process.pid}.tmp$1`);
  make(tmp);
  renameSync(tmp, path);
  return path;
}

if (!existsSync(sharedData)) throw new Error(`Shared data not found at ${sharedData}`);

interface Watch {
  consoleErrors: string[];
  foreignRequests: string[];
}

export const test = base.extend<{ watch: Watch }>({
  watch: [
    async ({ page, baseURL }, use) => {
      const own = new URL(baseURL ?? 'http://127.0.0.1/').host;
      const watch: Watch = { consoleErrors: [], foreignRequests: [] };
      page.on('console', (m) => {
        if (m.type() === 'error') watch.consoleErrors.push(m.text());
      });
      page.on('pageerror', (e) => watch.consoleErrors.push(String(e)));
      page.on('request', (r) => {
        const url = new URL(r.url());
        if ((url.protocol === 'http:' || url.protocol === 'https:') && url.host !== own) {
          watch.foreignRequests.push(r.url());
        }
      });
      await use(watch);
      expect(watch.foreignRequests, 'requests to other hosts').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Opens the app (optionally forcing a backend) and waits until a backend is active. */
export async function openApp(page: Page, query = ''): Promise<void> {
  await page.goto(`./${query}`);
  await expect(page.getByTestId('backend-badge')).toContainText(/webgpu|wasm|webgl/, { timeout: 60_000 });
}
