/**
 * Drives the built app in headless Chromium from Node: the CLIs (analyze, evaluate, bench) run the
 * very bundle users get, on the backend they ask for, by using the UI's own controls.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { cliOptionProblem, numberOption, stringOption, type ParsedArgs } from './cli-args';
import { serveStatic, type StaticServer } from './static-server';

/** The repository root. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = join(repoRoot, 'dist');


function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds dist/ when it is missing or older than src/ (a stale bundle would silently lie). */
export function ensureBuilt(log: (line: string) => void): void {
  const index = join(dist, 'index.html');
  const stale = !existsSync(index) || statSync(index).mtimeMs < newestMtime(join(repoRoot, 'src'));
  if (!stale) return;
  log('building the app (dist/ is missing or older than src/)…');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Options for launching the app. */
export interface LaunchOptions {
  /** Page of the bundle to open (default: the app). */
  page?: 'index.html' | 'bench.html';
  backend?: string;
  /** Sampling rate; undefined → the app's default; 0 → every frame. */
  fps?: number;
  /** More query parameters for the page (e.g. the bench page's perception settings). */
  query?: Readonly<Record<string, string>>;
  /** Script run in the page before any of its own (e.g. a PerformanceObserver). */
  initScript?: string;
  /** Extra Chromium flags (e.g. a fake camera). */
  extraArgs?: string[];
  log?: (line: string) => void;
}

/** The running app: a page on the served bundle, and `close()`. */
export interface RunningApp {
  page: Page;
  /** The backend the badge shows (the app page only; 'unknown' elsewhere). */
  backend: string;
  browserVersion: string;
  consoleErrors: string[];
  close(): Promise<void>;
}

/** Serves dist/, opens it in headless Chromium and waits for a backend. */
export async function launchApp(options: LaunchOptions = {}): Promise<RunningApp> {
  const log = options.log ?? (() => {});
  ensureBuilt(log);
  const server: StaticServer = await serveStatic(dist);
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS, ...(options.extraArgs ?? [])],
      headless: true,
    });
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.addInitScript(EXPORT_CAPTURE);
    if (options.initScript) await page.addInitScript(options.initScript);
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    const query = new URLSearchParams();
    if (options.backend) query.set('backend', options.backend);
    if (options.fps !== undefined) query.set('fps', options.fps === 0 ? 'all' : String(options.fps));
    for (const [name, value] of Object.entries(options.query ?? {})) query.set(name, value);
    await page.goto(`${server.url}${options.page ?? ''}?${query}`);
    let backend = 'unknown';
    if (!options.page || options.page === 'index.html') {
      const badge = page.getByTestId('backend-badge');
      await badge.filter({ hasText: /webgpu|wasm|webgl|none/ }).waitFor({ timeout: 120_000 });
      backend = ((await badge.textContent()) ?? '').replace(/^backend:\s*/, '').trim();
    }
    const b = browser;
    return {
      page,
      backend,
      browserVersion: b.version(),
      consoleErrors,
      close: async () => {
        await b.close();
        await server.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await server.close();
    throw error;
  }
}

/** The outcome of analysing one file through the UI. */
export type FileOutcome = { ok: true; report: unknown } | { ok: false; message: string };

/** Where a run stands, for a live line: converting (the page's notice, with FFmpeg's share done), or frames analysed. */
export type RunProgress = { converting: string } | { frames: number };

/**
 * Drops `path` on the app's file input, waits until analysis ends, and returns the JSON the UI's
 * export button downloads, or the message the error banner shows.
 */
export async function analyzeThroughUi(
  app: RunningApp,
  path: string,
  onProgress?: (progress: RunProgress) => void,
  timeoutMs = 30 * 60_000,
): Promise<FileOutcome> {
  const { page } = app;
  const progress = page.getByTestId('progress');
  const name = path.split('/').pop()!;
  /** The banner's lines about a file of this name: a file the app could not even open never reaches `progress`. */
  const rejections = async () => (await bannerLines(page)).filter((l) => l.startsWith(`${name}: `));
  /** The progress panel's attribute, or null with no panel (getAttribute would wait 30 s for one). */
  const shownAttribute = async (attribute: string) => ((await progress.count()) > 0 ? progress.getAttribute(attribute, { timeout: 1000 }).catch(() => null) : null);
  // A file of the same name may have run (or been turned down) just before: this run is the one
  // numbered after the run shown now (the file is probed before its run begins), and a rejection
  // is a banner line more than before.
  const runBefore = Number((await shownAttribute('data-run')) ?? 0);
  const rejectedBefore = (await rejections()).length;
  await page.getByTestId('file-input').setInputFiles(path);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rejected = await rejections();
    if (rejected.length > rejectedBefore) return { ok: false, message: rejected.at(-1)! };
    const phase = await shownAttribute('data-phase');
    const fileName = await shownAttribute('data-file');
    if (fileName === name && Number(await shownAttribute('data-run')) > runBefore) {
      if (phase === 'done') break;
      if (phase === 'failed') return { ok: false, message: ((await rejections()).at(-1) ?? `${name}: analysis failed`).trim() };
      onProgress?.({ frames: Number((await progress.getAttribute('data-frames')) ?? 0) });
    } else if (onProgress) {
      // Before its run begins a file the browser cannot decode is converted, which the banner says.
      const converting = (await bannerLines(page)).find((l) => l.startsWith(`Converting ${name}`) || l.startsWith(`Converting the sound of ${name}`));
      if (converting) onProgress({ converting });
    }
    if (Date.now() > deadline) return { ok: false, message: `timed out after ${timeoutMs / 1000} s` };
    await page.waitForTimeout(250);
  }
  return { ok: true, report: await exportedJson<unknown>(app) };
}

/** The error banner's lines, each without its close button. */
async function bannerLines(page: Page): Promise<string[]> {
  return (await page.getByTestId('error-banner').allInnerTexts()).flatMap((t) => t.split('\n')).map((l) => l.replace(/\s*×\s*$/, '').trim());
}

/** How long one click on "Export JSON" may take to hand over its file. */
const EXPORT_WAIT_MS = 30_000;

/**
 * Keeps what each download link the page clicks holds (`window.__emolensExports`), read from its
 * blob: URL the moment it is clicked. The CLIs read the exported JSON from here rather than from
 * Chromium's download: under a loaded CI machine a click sometimes started no download twice in a
 * row with nothing said why, while the bytes the page made for it were there all along.
 */
const EXPORT_CAPTURE = `(() => {
  const kept = (window.__emolensExports = []);
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    if (this.download && this.href.startsWith('blob:')) {
      const entry = { name: this.download, text: null, error: null };
      kept.push(entry);
      fetch(this.href).then((r) => r.text()).then((t) => { entry.text = t; }, (e) => { entry.error = String(e); });
    }
    return click.call(this);
  };
})();`;

/** One file the page handed to a download link. */
interface KeptExport {
  name: string;
  text: string | null;
  error: string | null;
}

/**
 * What the page's "Export JSON" button exports, parsed: the bytes of the download link it clicks
 * (see EXPORT_CAPTURE). A click that hands over nothing within 30 s is tried once more as a click
 * event sent to the button itself: Playwright's click waits for two animation frames in which the
 * button stands still, and a CI run saw a finished page give none for 30 s (a stalled compositor
 * under load, or a button that kept moving). The file is then awaited by polling on a timer, not on
 * animation frames. When the second try gives nothing either, the error says what each try hit,
 * whether the page still draws, and what the page showed.
 */
export async function exportedJson<T>(app: RunningApp): Promise<T> {
  const { page } = app;
  const misses: string[] = [];
  for (let attempt = 1; ; attempt++) {
    try {
      const before = await page.evaluate(() => (window as unknown as { __emolensExports: KeptExport[] }).__emolensExports.length);
      const button = page.getByTestId('export-json');
      if (attempt === 1) await button.click({ timeout: EXPORT_WAIT_MS });
      else await button.dispatchEvent('click', undefined, { timeout: EXPORT_WAIT_MS });
      const handle = await page.waitForFunction(
        (n) => {
          const kept = (window as unknown as { __emolensExports: KeptExport[] }).__emolensExports;
          const entry = kept.slice(n).find((e) => e.name.endsWith('.json'));
          return entry && (entry.text !== null || entry.error !== null) ? entry : null;
        },
        before,
        { timeout: EXPORT_WAIT_MS, polling: 200 },
      );
      const entry = (await handle.jsonValue()) as KeptExport;
      if (entry.text === null) throw new Error(`the exported file could not be read (${entry.error})`);
      return JSON.parse(entry.text) as T;
    } catch (error) {
      misses.push(error instanceof Error ? error.message.split('\n')[0]! : String(error));
      if (attempt === 1) continue;
      const banner = await bannerLines(page).catch(() => []);
      const phase = await page.getByTestId('progress').getAttribute('data-phase', { timeout: 1000 }).catch(() => 'no progress panel');
      const draws = await page
        .evaluate(() => new Promise<boolean>((resolve) => (requestAnimationFrame(() => resolve(true)), setTimeout(() => resolve(false), 2000))))
        .catch(() => false);
      const buttons = await page.getByTestId('export-json').count();
      const seen = [...banner, ...app.consoleErrors.map((l) => l.trim())].filter(Boolean);
      const state = `the run's phase: ${phase}; export buttons: ${buttons}; ${draws ? 'the page draws' : 'no animation frame in 2 s'}`;
      throw new Error(`"Export JSON" gave no file twice (${misses.join('; ')}; ${state})${seen.length ? `; the page showed: ${seen.join(' | ')}` : ''}`, { cause: error });
    }
  }
}

/**
 * The analyze/evaluate start-up: checks the options and launches the app. A bad option prints one
 * line and the usage, and gives null (the caller exits 2).
 */
export async function launchForCli(args: ParsedArgs, usage: string): Promise<RunningApp | null> {
  const problem = cliOptionProblem(args);
  if (problem) {
    console.error(`emolens: ${problem}\n${usage}`);
    return null;
  }
  return launchApp({ backend: stringOption(args, 'backend'), fps: numberOption(args, 'fps'), log: (l) => console.error(l) });
}
