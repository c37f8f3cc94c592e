/**
 * Where the camera read's time goes: while the built app analyses Chromium's fake camera (so the
 * page renders the video and the overlay, and the analysis worker runs), a probe worker times
 * `copyTo` (RGBA, sRGB) on pictures taken the app's way (`new VideoFrame(video)`) and taken from
 * the camera track (`MediaStreamTrackProcessor` on a clone of it), interleaved, and checks each
 * read against the canvas path (a bitmap of the frame drawn and read back: fromPixels' values).
 * A measurement tool, never a test: `npx tsx scripts/camera-read-probe.ts [--pictures 40] [--scene two]`.
 */
import { chromium } from '@playwright/test';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './lib/browser-app';
import { cameraScenes } from './lib/bench-webcam';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './lib/chromium';
import { numberOption, parseArgs, stringOption } from './lib/cli-args';
import { serveStatic } from './lib/static-server';

/**
 * The probe worker: reads one frame with copyTo, then (when asked) the canvas path, and reports. As
 * the app does, it reads into one reused buffer, filled with a stale value first, so a check also
 * shows that nothing of a previous picture survives a read.
 */
const PROBE_WORKER = `
let rgba = null;
self.onmessage = async ({ data: { frame, check } }) => {
  const info = { format: frame.format, width: frame.displayWidth, height: frame.displayHeight, timestamp: frame.timestamp };
  const options = { format: 'RGBA', colorSpace: 'srgb' };
  const size = frame.allocationSize(options);
  if (rgba?.length !== size) rgba = new Uint8ClampedArray(size);
  if (check) rgba.fill(7);
  const start = performance.now();
  await frame.copyTo(rgba, options);
  const copyMs = performance.now() - start;
  let differing = null;
  if (check) {
    const bitmap = await createImageBitmap(frame);
    const context = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d');
    context.drawImage(bitmap, 0, 0);
    bitmap.close();
    const canvas = context.getImageData(0, 0, info.width, info.height).data;
    differing = 0;
    for (let i = 0; i < canvas.length; i++) if (i % 4 !== 3 && canvas[i] !== rgba[i]) differing++;
  }
  frame.close();
  let hash = 0;
  for (let i = 0; i < rgba.length; i += 97) hash = (hash * 31 + rgba[i]) | 0;
  self.postMessage({ ...info, copyMs, differing, hash });
};`;

/** Runs in the page: takes pictures both ways, in turn, and has the probe worker read them. */
async function probeInPage({ worker, pictures }: { worker: string; pictures: number }) {
  const video = [...document.querySelectorAll('video')].find((v) => v.srcObject instanceof MediaStream)!;
  const track = (video.srcObject as MediaStream).getVideoTracks()[0]!.clone();
  const Processor = (globalThis as unknown as { MediaStreamTrackProcessor: new (o: { track: MediaStreamTrack }) => { readable: ReadableStream<VideoFrame> } }).MediaStreamTrackProcessor;
  const reader = new Processor({ track }).readable.getReader();
  let newest: VideoFrame | null = null;
  const reading = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      newest?.close();
      newest = value;
    }
  })();
  const probe = new Worker(URL.createObjectURL(new Blob([worker], { type: 'text/javascript' })));
  const read = (frame: VideoFrame, check: boolean) =>
    new Promise<Record<string, unknown>>((resolve) => {
      probe.onmessage = (e) => resolve(e.data);
      probe.postMessage({ frame, check }, [frame]);
    });
  const results: Record<string, unknown>[] = [];
  for (let i = 0; i < pictures; i++) {
    await new Promise((r) => setTimeout(r, 60));
    const way = i % 2 === 0 ? 'video' : 'track';
    let frame: VideoFrame | null;
    if (way === 'video') frame = new VideoFrame(video);
    else {
      frame = newest;
      newest = null;
    }
    if (!frame) continue;
    const grabbedAt = performance.now();
    results.push({ way, ...(await read(frame, i % 4 < 2)), roundTripMs: performance.now() - grabbedAt });
  }
  // Same moment, both ways: are the pixels the same picture?
  const pairs: { video: unknown; track: unknown }[] = [];
  for (let i = 0; i < 6; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const fromTrack = newest;
    newest = null;
    if (!fromTrack) continue;
    const pair = { video: await read(new VideoFrame(video), false), track: await read(fromTrack, false) };
    pairs.push(pair);
  }
  track.stop();
  await reader.cancel();
  await reading;
  probe.terminate();
  return { results, pairs };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.floor(s.length / 2)]! * 10) / 10 : NaN;
}

async function main() {
  const args = parseArgs(process.argv.slice(2), []);
  const pictures = numberOption(args, 'pictures') ?? 40;
  const scenes = cameraScenes();
  const scene = stringOption(args, 'scene') === 'two' ? scenes.twoFaces : scenes.oneFace;
  const server = await serveStatic(join(repoRoot, 'dist'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${scene}`],
  });
  try {
    const page = await (await browser.newContext({ bypassCSP: true })).newPage();
    // tsx names functions with a helper the page does not have (probeInPage is sent as source).
    await page.addInitScript('globalThis.__name = (f) => f');
    page.on('console', (m) => m.type() === 'error' && console.error(m.text()));
    page.on('pageerror', (e) => console.error(String(e)));
    await page.goto(`${server.url}?backend=wasm`);
    await page.getByTestId('webcam-toggle').click();
    await page.getByTestId('track-overlay').and(page.locator('[data-tracks*="1"], [data-tracks*="2"]')).first().waitFor({ timeout: 120_000 });
    const load0 = loadavg()[0]!;
    const { results, pairs } = await page.evaluate(probeInPage, { worker: PROBE_WORKER, pictures });
    const summary = Object.fromEntries(
      ['video', 'track'].map((way) => {
        const rs = results.filter((r) => r.way === way);
        return [way, {
          pictures: rs.length,
          formats: [...new Set(rs.map((r) => String(r.format)))],
          copyMsP50: median(rs.map((r) => r.copyMs as number)),
          copyMsMax: Math.round(Math.max(...rs.map((r) => r.copyMs as number))),
          roundTripMsP50: median(rs.map((r) => r.roundTripMs as number)),
          checkedAgainstCanvas: rs.filter((r) => r.differing !== null).length,
          differingBytesMax: Math.max(0, ...rs.map((r) => (r.differing as number | null) ?? 0)),
        }];
      }),
    );
    const samePicture = pairs.filter((p) => (p.video as { hash: number }).hash === (p.track as { hash: number }).hash).length;
    process.stdout.write(JSON.stringify({ ...summary, pairs: { taken: pairs.length, samePixels: samePicture, pairs }, loadAverage: { start: load0, end: loadavg()[0] } }, null, 1) + '\n');
  } finally {
    await browser.close();
    await server.close();
  }
}

void main();
