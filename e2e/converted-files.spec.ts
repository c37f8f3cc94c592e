/**
 * Videos this browser cannot decode (HEVC from an iPhone, Xvid AVIs as AFEW ships, an HDV camcorder's
 * MPEG-2, Windows Media) are converted on the device with FFmpeg's WebAssembly build, then analysed
 * like any other: the same face, answer and speaker as the file they were made from, and the report
 * says so. Made with ffmpeg from our clips when the tests run.
 */
import type { AnalysisReport } from '../src/shared/analysis-report';
import { analyze } from './analyze-runner';
import { expect, openApp, test } from './fixtures';
import { analysedReport } from './ui-helpers';
import { animatedGif, avchdAc3, cameraAdpcmAvi, dtsSound, firstTwoSeconds, hevcVideo, hourLongSparseVideo, mpeg2Ts, mpeg4Part2Video, phoneHevc, windowsMedia, xvidAvi } from './media';

test.use({ keepPage: true });
test.describe.configure({ timeout: 360_000 });

const CONVERTED = /so emolens converted the video to H\.264 on this device before analysing it \(\d+\.\d s; nothing left the device\)/;

const mainLabel = (r: AnalysisReport, model: string) => r.predictions[model]?.label;

test('the CLI converts what the browser cannot decode and answers as for the original (an hour-long one smaller, to fit in memory); a camcorder’s AC-3 sound is heard, a film’s DTS and an old camera’s ADPCM sound converted', async () => {
  const files = [avchdAc3(), dtsSound(), cameraAdpcmAvi(), hourLongSparseVideo(), firstTwoSeconds(), hevcVideo(), mpeg4Part2Video(), xvidAvi(), mpeg2Ts(), windowsMedia(), animatedGif()];
  const r = await analyze(files[0]!, [...files.slice(1), '--fps', '5']);
  expect(r.code, r.stderr).toBe(0);
  const [camcorder, film, camera, hour, original, ...converted] = r.report as unknown as AnalysisReport[];
  // Dolby Digital is decoded by mediabunny's extension (no conversion): the speech model and the speaker as for the MP4 (0.72).
  expect(camcorder!.warnings.join(' ')).not.toMatch(/cannot be decoded|converted/);
  expect(camcorder!.predictions.speech).toBeDefined();
  expect(camcorder!.speaker.trackId).toBe(camcorder!.mainTrackId);
  // DTS: the sound alone converted to AAC (the picture copied), and heard.
  expect(film!.warnings.join(' ')).toMatch(/This browser cannot read its DTS sound, so emolens converted its sound to AAC on this device/);
  expect(film!.predictions.speech).toBeDefined();
  expect(film!.speaker.trackId).toBe(film!.mainTrackId);
  // An old camera's AVI: Motion JPEG read as it is, its IMA ADPCM sound converted alone.
  expect(camera!.warnings.join(' ')).toMatch(/This browser cannot read its IMA ADPCM sound, so emolens converted its sound to AAC/);
  expect(camera!.speaker.trackId).toBe(camera!.mainTrackId);
  expect(film!.conversion).toMatchObject({ cause: 'its DTS sound', kind: 'sound' });
  expect(camcorder!.conversion).toBeNull();
  // An hour (FFmpeg's ffprobe reads its length first): a lower bit rate and a smaller picture, which the warning says, so that its MP4 fits in memory.
  expect(hour!.conversion).toMatchObject({ kind: 'video', maxSide: 1280 });
  expect(hour!.conversion!.videoBitsPerSec).toBeLessThan(2_500_000);
  expect(hour!.video).toMatchObject({ width: 1280, height: 960 });
  expect(hour!.warnings.join(' ')).toMatch(/at most 1280 px on its long side to keep a video this long within memory/);
  expect(original!.warnings.join(' ')).not.toMatch(CONVERTED);
  expect(original!.conversion).toBeNull();
  const causes = ['HEVC \\(H\\.265\\) video', 'MPEG-4 Part 2 \\(Xvid, DivX; older phones and cameras\\) video', 'MPEG-4 Part 2', 'MPEG-2 \\(TV recordings, HDV camcorders\\) video', 'the Windows Media \\(WMV, ASF\\) container', 'an animated GIF'];
  converted.forEach((report, i) => {
    expect(report.warnings.join(' '), report.file).toMatch(new RegExp(`This browser cannot read ${causes[i]}`));
    expect(report.warnings.join(' '), report.file).toMatch(CONVERTED);
    // The GIF is 240 px wide, as reaction GIFs are small; the rest keep the clip's size.
    expect(report.video, report.file).toMatchObject(report.file.endsWith('.gif') ? { width: 240, height: 180 } : { width: 360, height: 270 });
    expect(report.timingsMs.convert, report.file).toBeGreaterThan(0);
    // A short clip: HD kept, the bit rate capped at the usual 5 Mbit/s (its length read by FFmpeg's ffprobe).
    expect(report.conversion, report.file).toMatchObject({ kind: 'video', maxSide: 1920, videoBitsPerSec: 5_000_000 });
    expect(report.tracks, report.file).toHaveLength(1);
    // Within a frame: an AVI's MP3 sound runs a few ms past its picture, which makes one more 5-fps slot.
    expect(Math.abs(report.sampledFrames - original!.sampledFrames), report.file).toBeLessThanOrEqual(1);
    expect(mainLabel(report, 'general'), report.file).toBe(mainLabel(original!, 'general'));
    expect(mainLabel(report, 'frameAverage'), report.file).toBe(mainLabel(original!, 'frameAverage'));
  });
});

test('in the page: an iPhone’s HEVC stored sideways is converted with its progress shown, plays, is analysed upright with its speaker, and the notice goes', async ({ page, watch }) => {
  await openApp(page, '?backend=wasm');
  // Every text the banner shows while it runs: the notice, and FFmpeg's progress in it.
  await page.evaluate(() => {
    const seen: string[] = ((window as unknown as { seenNotices: string[] }).seenNotices = []);
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[data-testid=error-banner]')) seen.push(el.textContent ?? '');
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const report = await analysedReport(page, phoneHevc(), 240_000);
  const seen = await page.evaluate(() => (window as unknown as { seenNotices: string[] }).seenNotices);
  expect(seen.join('\n')).toMatch(/Converting phone-hevc-04-01-03_01\.mov to H\.264 on this device first: this browser cannot read HEVC \(H\.265\) video/);
  expect(seen.join('\n')).toMatch(/\d+ % done\./);
  await expect(page.getByTestId('result-warning').filter({ hasText: CONVERTED })).toHaveCount(1);
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  expect(report.warnings.join(' ')).toMatch(/This browser cannot read HEVC \(H\.265\) video/);
  expect(report.video).toMatchObject({ width: 1280, height: 960 });
  expect(report.tracks).toHaveLength(1);
  expect(report.speaker.trackId).toBe(report.mainTrackId);
  // The converted file plays on the stage (the HEVC original would not in this browser).
  const playable = await page.locator('video').first().evaluate((v: HTMLVideoElement) => v.error === null && v.videoWidth > 0);
  expect(playable).toBe(true);
  expect(watch.consoleErrors).toEqual([]);
});

test('a file dropped while another converts stops that conversion, and is converted and analysed itself', async ({ page, watch }) => {
  await openApp(page, '?backend=wasm');
  await page.getByTestId('file-input').setInputFiles(phoneHevc());
  await expect(page.getByTestId('error-banner')).toContainText('Converting phone-hevc-04-01-03_01.mov');
  const report = await analysedReport(page, xvidAvi());
  expect(report.file).toBe('xvid.avi');
  expect(report.warnings.join(' ')).toMatch(/This browser cannot read MPEG-4 Part 2/);
  expect(report.tracks).toHaveLength(1);
  // Neither conversion is still said, and no error: the stopped one ended quietly.
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  expect(watch.consoleErrors).toEqual([]);
});
