/**
 * npm run soak -- [--clips 20] [--webcam-minutes 10] [--backend wasm] [--json out.json]
 *
 * Long-run memory benchmark (not part of the test suite): analyses N shared clips one after
 * another through the UI, then runs the webcam (Chromium's fake device fed from a shared clip)
 * for M minutes, sampling tf.memory() (tensors, bytes) and the JS heap after each clip and every
 * 30 s of webcam. Prints JSON; flat numbers mean no leak.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { analyzeThroughUi, launchApp, repoRoot } from './lib/browser-app';
import { numberOption, parseArgs, runCli, stringOption, writeJsonOption } from './lib/cli-args';

const CLIPS_DIR = join(repoRoot, '../shared/data/javanese/clips');

interface Sample {
  at: string;
  numTensors: number;
  tensorBytes: number;
  jsHeapMiB: number;
}

/** tf.memory() through the app's read-only diagnostics hook, and the JS heap after a GC. */
async function sample(page: Page, at: string): Promise<Sample> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  const mem = await page.evaluate(() => window.emolensDiagnostics!.memory());
  return { at, numTensors: mem.numTensors, tensorBytes: mem.numBytes, jsHeapMiB: Math.round((heap.usedSize / 2 ** 20) * 10) / 10 };
}

/** Max minus min of a series, so the JSON says at a glance whether it stayed flat. */
function drift(samples: Sample[], key: keyof Omit<Sample, 'at'>): number {
  const v = samples.map((s) => s[key]);
  return v.length ? Math.max(...v) - Math.min(...v) : 0;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const backend = stringOption(args, 'backend') ?? 'wasm';
  const clipCount = numberOption(args, 'clips') ?? 20;
  const webcamMinutes = numberOption(args, 'webcam-minutes') ?? 10;
  const clips = readdirSync(CLIPS_DIR).filter((f) => f.endsWith('.mp4')).sort().filter((_, i) => i % 7 === 0).slice(0, clipCount);

  const y4mDir = join(repoRoot, '.cache');
  mkdirSync(y4mDir, { recursive: true });
  const camera = join(y4mDir, 'soak-camera.y4m');
  if (!existsSync(camera)) {
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', join(CLIPS_DIR, '02-04-05_01.mp4'), '-pix_fmt', 'yuv420p', camera]);
  }
  const app = await launchApp({
    backend,
    fps: 5,
    extraArgs: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${camera}`],
    log: (l) => console.error(l),
  });
  try {
    const clipSamples: Sample[] = [];
    for (const [i, name] of clips.entries()) {
      const outcome = await analyzeThroughUi(app, join(CLIPS_DIR, name));
      if (!outcome.ok) throw new Error(`${name}: ${outcome.message}`);
      clipSamples.push(await sample(app.page, name));
      console.error(`soak: clip ${i + 1}/${clips.length} ${JSON.stringify(clipSamples.at(-1))}`);
    }
    const webcamSamples: Sample[] = [];
    if (webcamMinutes > 0) {
      await app.page.getByTestId('webcam-toggle').click();
      const end = Date.now() + webcamMinutes * 60_000;
      while (Date.now() < end) {
        await app.page.waitForTimeout(30_000);
        webcamSamples.push(await sample(app.page, `${Math.round((webcamMinutes * 60_000 - (end - Date.now())) / 1000)} s`));
        console.error(`soak: webcam ${JSON.stringify(webcamSamples.at(-1))}`);
      }
      await app.page.getByTestId('webcam-toggle').click();
    }
    const report = {
      backend,
      clips: { count: clips.length, samples: clipSamples, tensorDrift: drift(clipSamples, 'numTensors'), heapDriftMiB: drift(clipSamples, 'jsHeapMiB') },
      webcam: { minutes: webcamMinutes, samples: webcamSamples, tensorDrift: drift(webcamSamples, 'numTensors'), heapDriftMiB: drift(webcamSamples, 'jsHeapMiB') },
      consoleErrors: app.consoleErrors,
      date: new Date().toISOString(),
    };
    process.stdout.write(writeJsonOption(args, report));
    return 0;
  } finally {
    await app.close();
  }
}

runCli('soak', main);
