/**
 * Shared Playwright fixtures: every page records console errors and any request to a host other
 * than the app's own, and each test fails if either happened (no network at run time).
 */
import { test as base, expect, type ConsoleMessage, type Page, type Request } from '@playwright/test';
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

/** Pages kept from test to test (see `keepPage`): openApp reuses them instead of loading the app again. */
const keptPages = new WeakSet<Page>();
/**
 * This worker's kept page and its spec file. Module state rather than a worker fixture, so specs on
 * Playwright's plain `test` (foundation's second-origin test) can still share our workers; the
 * browser closes it with the worker.
 */
const kept = { file: '', page: null as Page | null };

export const test = base.extend<{ watch: Watch; keepPage: boolean }>({
  /**
   * `test.use({ keepPage: true })`: a spec's tests share one page, so the backend, the networks and
   * the clip models load once per spec file instead of once per test (about 10 s each on this
   * machine under load). Only for specs whose tests each set up the state they check (they drop
   * their own inputs); a failing test ends its worker, and with it the page.
   */
  keepPage: [false, { option: true }],
  page: async ({ keepPage, context, browser, baseURL, viewport }, use, testInfo) => {
    if (!keepPage) return use(await context.newPage());
    if (kept.file !== testInfo.file || !kept.page || kept.page.isClosed()) {
      await kept.page?.context().close();
      kept.page = await (await browser.newContext({ baseURL, viewport })).newPage();
      kept.file = testInfo.file;
      keptPages.add(kept.page);
    }
    await use(kept.page);
  },
  watch: [
    async ({ page, baseURL }, use) => {
      const own = new URL(baseURL ?? 'http://127.0.0.1/').host;
      const watch: Watch = { consoleErrors: [], foreignRequests: [] };
      const onConsole = (m: ConsoleMessage) => {
        if (m.type() === 'error') watch.consoleErrors.push(m.text());
      };
      const onPageError = (e: Error) => watch.consoleErrors.push(String(e));
      const onRequest = (r: Request) => {
        const url = new URL(r.url());
        if ((url.protocol === 'http:' || url.protocol === 'https:') && url.host !== own) {
          watch.foreignRequests.push(r.url());
        }
      };
      page.on('console', onConsole);
      page.on('pageerror', onPageError);
      page.on('request', onRequest);
      await use(watch);
      // A kept page outlives the test: the next test watches it afresh.
      page.off('console', onConsole);
      page.off('pageerror', onPageError);
      page.off('request', onRequest);
      expect(watch.foreignRequests, 'requests to other hosts').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * Opens the app (optionally forcing a backend) and waits until a backend is active. A kept page
 * (`keepPage`) already showing the app at this query is used as it is, with what it loaded.
 */
export async function openApp(page: Page, query = ''): Promise<void> {
  const shown = URL.canParse(page.url()) ? new URL(page.url()) : null;
  const same = keptPages.has(page) && shown?.pathname === '/' && shown.search === query;
  if (!same) await page.goto(`./${query}`);
  await expect(page.getByTestId('backend-badge')).toContainText(/webgpu|wasm|webgl/, { timeout: 60_000 });
}
