/**
 * Issue 29 in the built app: the mouth measure between analysed frames (decode worker's grey frames
 * at 15 fps, the analysis worker's mouth tracer) is the one Node computes from ffmpeg's frames, so
 * the thresholds measured in Node (docs/speaker.md) hold in the app.
 */
import { pearson } from '../src/core/speaker/lagged-correlation';
import { initNodeBackend, packageWeightSource } from '../src/node';
import { lightSpeaker } from '../src/node/speaker-composites';
import { loadPerceptionModels } from '../src/pipeline/perception-models';
import { expect, test } from './fixtures';
import { speakerComposite } from './media';

test.describe.configure({ timeout: 300_000 });

test('the app measures the speaker\'s mouth at 15 fps as Node does', async ({ page, watch }) => {
  const file = speakerComposite('large');
  await page.goto('./bench.html?backend=wasm');
  await page.locator('#files').setInputFiles([file]);
  const [app] = await page.evaluate(() => window.emolensFeatures!(5));
  await initNodeBackend();
  const models = await loadPerceptionModels(packageWeightSource());
  try {
    const node = await lightSpeaker(models, file);
    const speaking = node.series.find((s) => s.trackId === node.tracks.find((t) => t.side === 'left')!.trackId)!;
    const browser = app!.mouthTrace;
    console.log(`mouth samples: app ${browser.tSec.length}, node ${speaking.tSec.length}; first times app ${browser.tSec.slice(0, 4).map((t) => t.toFixed(3))} node ${speaking.tSec.slice(0, 4).map((t) => t.toFixed(3))}`);
    expect(browser.tSec.map((t) => t.toFixed(3))).toEqual(speaking.tSec.map((t) => t.toFixed(3)));
    const r = pearson(browser.value, [...speaking.mouth]);
    console.log(`app vs node mouth trace: correlation ${r.toFixed(4)}`);
    expect(r).toBeGreaterThan(0.95);
  } finally {
    models.dispose();
  }
  expect(watch.consoleErrors).toEqual([]);
});
