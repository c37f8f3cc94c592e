import { test as baseTest } from '@playwright/test';
import { clip, expect, openApp, test } from './fixtures';
import { frameCount } from './media';

// The tests after the load checks share one page at ?backend=wasm (fixtures.ts keepPage); each of
// the first three opens its own query, so each is a fresh load.
test.use({ keepPage: true });

test('the page loads with a backend, no console errors and no foreign requests', async ({ page, watch }) => {
  await openApp(page);
  await expect(page.getByTestId('dropzone')).toBeVisible();
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  expect(watch.consoleErrors).toEqual([]);
});

test('?backend=wasm forces WASM', async ({ page, watch }) => {
  await openApp(page, '?backend=wasm');
  await expect(page.getByTestId('backend-badge')).toHaveText(/wasm/);
  expect(watch.consoleErrors).toEqual([]);
});

test('?backend=webgpu starts WebGPU, or says why it fell back', async ({ page }) => {
  await openApp(page, '?backend=webgpu');
  const badge = await page.getByTestId('backend-badge').textContent();
  if (!badge?.includes('webgpu')) await expect(page.getByTestId('error-banner')).toContainText(/webgpu/i);
});

test('a file that is not a video gets a clear message and the app keeps working', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  await page.getByTestId('file-input').setInputFiles({
    name: 'notes.mp4',
    mimeType: 'video/mp4',
    buffer: Buffer.from('this is plain text, not a video\n'.repeat(50)),
  });
  await expect(page.getByTestId('error-banner')).toContainText('not a video');
  await page.getByTestId('file-input').setInputFiles(clip('01-01-01_01.mp4'));
  await expect(page.getByTestId('progress')).toHaveAttribute('data-phase', 'done');
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
});

// Uses Playwright's plain `test`: this page is served from a second local origin on purpose.
baseTest('the built bundle works from another static server under a sub-path', async ({ page }) => {
  // Serve the repository root with a plain file server, so the app lives at /dist/.
  const { serveStatic } = await import('../scripts/lib/static-server');
  const { repoRoot } = await import('./fixtures');
  const server = await serveStatic(repoRoot);
  try {
    const errors: string[] = [];
    const foreign: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('request', (r) => new URL(r.url()).origin !== new URL(server.url).origin && foreign.push(r.url()));
    await page.goto(`${server.url}dist/?backend=wasm`);
    await expect(page.getByTestId('backend-badge')).toHaveText(/wasm/, { timeout: 60_000 });
    await page.getByTestId('file-input').setInputFiles(clip('01-01-01_01.mp4'));
    await expect(page.getByTestId('progress')).toHaveAttribute('data-phase', 'done', { timeout: 120_000 });
    await expect(page.getByTestId('predictions').locator('[data-model=frameAverage]')).toHaveCount(1);
    expect(errors).toEqual([]);
    expect(foreign.filter((u) => !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
  } finally {
    await server.close();
  }
});

test('the app is served with a Content-Security-Policy that allows only its own origin', async ({ page, request }) => {
  const res = await request.get('./');
  const header = res.headers()['content-security-policy'] ?? '';
  expect(header).toContain("default-src 'self'");
  expect(header).toContain("frame-ancestors 'none'");
  expect(header).not.toMatch(/https?:/);
  // The built page carries it too, for static servers that send no headers.
  expect(await res.text()).toContain('http-equiv="Content-Security-Policy"');
  // Under the policy the app still starts and analyses (tests fail on any console error).
  await openApp(page, '?backend=wasm');
  await page.getByTestId('file-input').setInputFiles(clip('07-03-01_01.mp4'));
  await expect(page.getByTestId('progress')).toHaveAttribute('data-phase', 'done', { timeout: 120_000 });
  // Fetching another origin from the page is refused by the policy.
  const blocked = await page.evaluate(() => fetch('https://example.com/').then(() => false, () => true));
  expect(blocked).toBe(true);
});

// Last: it switches the kept page to every frame, which the tests above do not expect.
test('decoding a shared clip in the browser yields as many frames as ffprobe counts', async ({ page, watch }) => {
  // Every frame is analysed here, so use the shortest clip (1.75 s, 52 frames).
  test.setTimeout(300_000);
  const file = clip('07-03-01_01.mp4');
  const expected = frameCount(file);
  await openApp(page, '?backend=wasm');
  await page.getByTestId('sampling-select').selectOption('all');
  await page.getByTestId('file-input').setInputFiles(file);
  const progress = page.getByTestId('progress');
  await expect(progress).toHaveAttribute('data-phase', 'done', { timeout: 240_000 });
  await expect(progress).toHaveAttribute('data-frames', String(expected));
  await expect(page.getByTestId('video-info')).toContainText(`${expected} frames`);
  await expect(page.getByTestId('video-info')).toContainText('360×270');
  expect(watch.consoleErrors).toEqual([]);
});
