/**
 * Videos as people record them (issue 27): phone files stored sideways with a rotation in their
 * metadata, HD and 4K frames, a portrait clip. Each is made with ffmpeg from a shared clip and must
 * give what the 360×270 original gives: the same number of tracks, the same main face (its boxes
 * scaled into the variant's frame) and the same answer, and the page shows it upright.
 */
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import type { AnalysisReport } from '../src/shared/analysis-report';
import { clip, expect, openApp, test } from './fixtures';
import { alternatingShots, durationSec, firstTwoSeconds, h264Avi, hdrCopy, inFrame, motionJpegMov, mpegTs, phoneRotated, portrait, storedTurned, twoPeopleTwoSeconds } from './media';
import { analyseFile } from './ui-helpers';

test.use({ keepPage: true });
test.describe.configure({ timeout: 300_000 });

type Track = AnalysisReport['tracks'][number];
type Placement = { scale: number; dx: number; dy: number };
const AS_IS: Placement = { scale: 1, dx: 0, dy: 0 };

/** Analyses `file` in the page and returns what "Export JSON" downloads. */
async function reportOf(page: Page, file: string): Promise<AnalysisReport> {
  await analyseFile(page, file, 240_000);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  return JSON.parse(readFileSync(await download.path(), 'utf8')) as AnalysisReport;
}

/** A track's boxes averaged, mapped back into the original's pixels. */
function meanBox(track: Track, at: Placement): { x: number; y: number; w: number; h: number } {
  const n = track.boxes.length;
  const mean = (f: (b: Track['boxes'][number]) => number) => track.boxes.reduce((s, b) => s + f(b), 0) / n;
  return { x: (mean((b) => b.x) - at.dx) / at.scale, y: (mean((b) => b.y) - at.dy) / at.scale, w: mean((b) => b.w) / at.scale, h: mean((b) => b.h) / at.scale };
}

function iou(a: ReturnType<typeof meanBox>, b: ReturnType<typeof meanBox>): number {
  const w = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
  const h = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  return (w * h) / (a.w * a.h + b.w * b.h - w * h);
}

/**
 * The one-person original's report, analysed once for the tests that compare with it (they run in
 * order on one kept page at one query, and its analysis does not change between them).
 */
let onePerson: Promise<AnalysisReport> | undefined;
const onePersonOriginal = (page: Page) => (onePerson ??= reportOf(page, firstTwoSeconds()));

const answerOf = (r: AnalysisReport) => (r.answer ? r.predictions[r.answer]?.label : undefined);
const mainOf = (r: AnalysisReport) => r.tracks.find((t) => t.id === r.mainTrackId)!;

/** The variant gives the original's tracks, main face and answer. */
function expectSameAsOriginal(variant: AnalysisReport, original: AnalysisReport, at: Placement, label: string): void {
  expect(variant.tracks.length, `${label}: tracks`).toBe(original.tracks.length);
  expect(variant.mainTrackId, `${label}: a main face`).not.toBeNull();
  // Each track has most of the frames (a face split into two tracks would share them).
  for (const t of variant.tracks) expect(t.frames, `${label}: frames of track #${t.id}`).toBeGreaterThanOrEqual(variant.sampledFrames * 0.7);
  const overlap = iou(meanBox(mainOf(variant), at), meanBox(mainOf(original), AS_IS));
  expect(overlap, `${label}: main face where the original's is`).toBeGreaterThan(0.6);
  expect(answerOf(variant), `${label}: answer`).toBe(answerOf(original));
}

/** The <video> element's picture at the first frame, drawn at `width`×`height`, as grey levels. */
async function shownPicture(page: Page, width: number, height: number): Promise<number[]> {
  return page.getByTestId('stage-video').evaluate(async (video: HTMLVideoElement, [w, h]) => {
    video.pause();
    video.currentTime = 0.05;
    await new Promise((resolve) => video.addEventListener('seeked', resolve, { once: true }));
    const c = new OffscreenCanvas(w, h);
    const ctx = c.getContext('2d')!;
    ctx.drawImage(video, 0, 0, w, h);
    const d = ctx.getImageData(0, 0, w, h).data;
    const grey: number[] = [];
    for (let i = 0; i < d.length; i += 4) grey.push((d[i]! + d[i + 1]! + d[i + 2]!) / 3);
    return grey;
  }, [width, height] as const);
}

/** The stage's overlay holds an analysed frame (not the black of a <video> that cannot play the file). */
async function expectStillShown(page: Page): Promise<void> {
  const overlay = page.getByTestId('track-overlay');
  await expect(overlay).toHaveAttribute('data-still', 'true');
  const mean = await overlay.evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let sum = 0;
    for (let i = 0; i < d.length; i += 4) sum += (d[i]! + d[i + 1]! + d[i + 2]!) / 3;
    return sum / (d.length / 4);
  });
  expect(mean, 'the still picture’s mean grey level').toBeGreaterThan(40);
}

const meanAbsDiff = (a: number[], b: number[]) => a.reduce((s, v, i) => s + Math.abs(v - b[i]!), 0) / a.length;

test('a phone file stored sideways (90°, 180°, 270°) is analysed and shown upright, as the original; stored turned without the tag too (sideways, upside down)', async ({ page, watch }) => {
  await openApp(page, '?backend=wasm&fps=5');
  const original = await onePersonOriginal(page);
  expect(original.tracks).toHaveLength(1);
  const upright = await shownPicture(page, 90, 68);
  for (const rotation of [90, 180, 270] as const) {
    const report = await reportOf(page, phoneRotated(rotation));
    expect(report.video.width, `${rotation}°: the display size`).toBe(360);
    expect(report.video.height).toBe(270);
    expectSameAsOriginal(report, original, AS_IS, `${rotation}°`);
    // The page shows the upright picture: the stored, sideways one would differ everywhere.
    expect(meanAbsDiff(await shownPicture(page, 90, 68), upright), `${rotation}°: the picture shown`).toBeLessThan(6);
    expect(await page.getByTestId('stage-video').getAttribute('data-turn')).toBe('0');
  }
  // The same pictures stored turned without the tag: no face upright (sideways), or faces Tiny Face
  // finds upside down that BlazeFace's check doubts (180°), so emolens looks turned, analyses them
  // turned, says so, and turns the playing video to match the overlay. find-turn.test.ts finds each turn in Node.
  for (const rotation of [90, 180] as const) {
    const report = await reportOf(page, storedTurned(rotation));
    expect(report.video, `untagged ${rotation}°: the turned size`).toMatchObject({ width: 360, height: 270 });
    expectSameAsOriginal(report, original, AS_IS, `untagged ${rotation}°`);
    expect(report.warnings[0]).toContain(`turned it ${rotation}° clockwise`);
    await expect(page.getByTestId('stage-video')).toHaveAttribute('data-turn', String(rotation));
    await expect(page.getByTestId('video-info')).toContainText(`turned ${rotation}°`);
    await expect(page.getByTestId('result-warning').first()).toContainText('stored turned without a rotation tag');
    const canvas = page.getByTestId('track-overlay');
    expect(await canvas.evaluate((c: HTMLCanvasElement) => [c.width, c.height])).toEqual([360, 270]);
  }
  expect(watch.consoleErrors).toEqual([]);
});

test('720p and 4K copies of a one-person clip, and a portrait clip, give one track and the original answer', async ({ page }) => {
  await openApp(page, '?backend=wasm&fps=5');
  const reference = firstTwoSeconds();
  const original = await onePersonOriginal(page);
  // 720p and 4K bracket the sizes phones record (1080p is the HD bench's, docs/performance.md);
  // 4K is analysed downscaled, and its boxes come back in 4K pixels (the placement maps them).
  for (const [w, h] of [[1280, 720], [3840, 2160]] as const) {
    const { file, ...at } = inFrame(reference, w, h, 'one-person');
    const report = await reportOf(page, file);
    expect(report.video.width).toBe(w);
    await expect(page.getByTestId('video-info')).toContainText(`${w}×${h}`);
    expectSameAsOriginal(report, original, at, `${w}×${h}`);
  }
  const { file, ...at } = portrait();
  const report = await reportOf(page, file);
  expect(report.video.height).toBeGreaterThan(report.video.width);
  expectSameAsOriginal(report, original, at, 'portrait');
});

test("HDR copies (10-bit HLG in BT.2020, as phones and cameras record) give the original's track and answer", async ({ page }) => {
  await openApp(page, '?backend=wasm&fps=5');
  const reference = firstTwoSeconds();
  const original = await onePersonOriginal(page);
  // Chromium turns HLG into the page's sRGB itself, the same for the <video>, a canvas and the
  // frames read for analysis (here ~37 grey levels brighter than the SDR original): emolens reads
  // what the page shows, and the faces must survive it.
  for (const codec of ['h264', 'vp9'] as const) expectSameAsOriginal(await reportOf(page, hdrCopy(reference, codec)), original, AS_IS, `HLG ${codec}`);
});

test('a 1080p copy of a two-person composite keeps two tracks and the same main face', async ({ page }) => {
  await openApp(page, '?backend=wasm&fps=5');
  const reference = twoPeopleTwoSeconds();
  const original = await reportOf(page, reference);
  expect(original.tracks).toHaveLength(2);
  // One size: every frame over 640 px is analysed at 640 (maxAnalysisSide), so a 4K copy gives the
  // 1080p one's pixels again; decoding 4K is the one-person test's and decode-worker.spec's.
  const { file, ...at } = inFrame(reference, 1920, 1080, 'two-people');
  expectSameAsOriginal(await reportOf(page, file), original, at, 'two people 1920×1080');
});

test('a camcorder’s MPEG-TS stream (its timeline starting at 1.4 s), an older camera’s Motion-JPEG MOV and a capture tool’s AVI give the MP4’s times, answer and speaker; the stage says it cannot play them', async ({ page, watch }) => {
  await openApp(page, '?backend=wasm&fps=5');
  const ts = await reportOf(page, mpegTs('01-01-03_01.mp4'));
  // Chromium's <video> does not play MPEG-TS: the analysis is complete, the stage says so and shows
  // the last analysed frame with its boxes instead of a black picture.
  await expect(page.getByTestId('stage-unplayable')).toBeVisible();
  await expectStillShown(page);
  const original = await reportOf(page, clip('01-01-03_01.mp4'));
  await expect(page.getByTestId('stage-unplayable')).toHaveCount(0);
  // Times count from the file's start, as players show them: not 1.4 s later.
  expect(ts.video.durationSec).toBeCloseTo(durationSec(clip('01-01-03_01.mp4')), 1);
  expect(mainOf(ts).boxes[0]!.t).toBeCloseTo(mainOf(original).boxes[0]!.t, 1);
  expectSameAsOriginal(ts, original, AS_IS, 'MPEG-TS');
  // The voice is heard on the same clock as the mouth: the main face speaks (it went to nobody, 0.18).
  expect(original.speaker.trackId).toBe(original.mainTrackId);
  expect(ts.speaker.trackId).toBe(ts.mainTrackId);
  // Every frame a JPEG (no VideoDecoder takes it): decoded picture by picture, the sound is PCM.
  const mjpeg = await reportOf(page, motionJpegMov('01-01-03_01.mp4'));
  await expect(page.getByTestId('stage-unplayable')).toBeVisible();
  await expectStillShown(page);
  expect(mjpeg.sampledFrames).toBe(original.sampledFrames);
  expectSameAsOriginal(mjpeg, original, AS_IS, 'Motion JPEG');
  expect(mjpeg.speaker.trackId).toBe(mjpeg.mainTrackId);
  // AVI, which no browser reads: H.264 stored in decode order (B-frames) must come out at the
  // MP4's times, and its PCM sound must be heard (the main face speaks).
  const avi = await reportOf(page, h264Avi('01-01-03_01.mp4'));
  await expect(page.getByTestId('stage-unplayable')).toBeVisible();
  await expectStillShown(page);
  expect(mainOf(avi).boxes.map((b) => b.t)).toEqual(mainOf(original).boxes.map((b) => b.t));
  expectSameAsOriginal(avi, original, AS_IS, 'AVI');
  expect(avi.speaker.trackId).toBe(avi.mainTrackId);
  expect(watch.consoleErrors).toEqual([]);
});

test('edited footage — two actors in turn at one framing: the page says where it cuts, lists one track per person, and the overlay shows the joined track after a cut', async ({ page, watch }) => {
  await openApp(page, '?backend=wasm&fps=5');
  // Before 2026-12-06 10:00 UTC this pair was one track holding both people (docs/real-files.md).
  const report = await reportOf(page, alternatingShots());
  expect(report.cuts).toEqual([1, 2, 3]);
  // Two tracks, each one person's: seconds 0–1 and 2–3, or 1–2 and 3–4.
  expect(report.tracks.map((t) => [...new Set(t.boxes.map((b) => Math.floor(b.t + 1e-6) % 2))]).sort()).toEqual([[0], [1]]);
  await expect(page.getByTestId('cuts')).toHaveAttribute('data-cuts', '1 2 3');
  await expect(page.getByTestId('cuts')).toContainText('changes shot 3 times');
  await expect(page.getByTestId('vote-inspector').locator('tr[data-track-id]')).toHaveCount(2);
  // The first actor's track holds shots 0 and 2: in shot 2 the overlay draws that track's ID, not the one the face got at the cut.
  const first = report.tracks.find((t) => t.boxes[0]!.t < 1)!;
  const overlay = page.getByTestId('track-overlay');
  await page.getByTestId('stage-video').evaluate(async (video: HTMLVideoElement) => {
    video.pause();
    video.currentTime = 2.5;
    await new Promise((resolve) => video.addEventListener('seeked', resolve, { once: true }));
  });
  await expect(overlay).toHaveAttribute('data-tracks', String(first.id));
  expect(watch.consoleErrors).toEqual([]);
});

