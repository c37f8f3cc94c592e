/**
 * `npm run analyze` on real clips and ffmpeg composites with known answers. Each run launches the
 * built app in headless Chromium on WASM, exactly as a user of the CLI would.
 */
import type { AnalysisReport } from '../src/shared/analysis-report';
import { expectedSampledFrames } from '../src/video/frame-selector';
import { analyze } from './analyze-runner';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clip, expect, scratch, test } from './fixtures';
import { cutWithoutReencoding, frameCount, lateSecondFace, noFaceVideo, notAVideo, shortExcerpt, sideBySideOneLarger } from './media';

// The CLI runs its own browser: the page every test gets (for the foreign-request check) can be one.
test.use({ keepPage: true });

/** Horizontal centre of a track's boxes, averaged. */
function meanCenterX(track: AnalysisReport['tracks'][number]): number {
  return track.boxes.reduce((s, b) => s + b.x + b.w / 2, 0) / track.boxes.length;
}

test.describe.configure({ timeout: 360_000 });

test('a single-face clip gives one long track and the frame average', async () => {
  const file = clip('01-01-03_01.mp4');
  const r = await analyze(file, ['--fps', '5']);
  expect(r.code, r.stderr).toBe(0);
  const report = r.report!;
  expect(report.tracks).toHaveLength(1);
  expect(report.mainTrackId).toBe(report.tracks[0]!.id);
  expect(report.tracks[0]!.frames).toBeGreaterThanOrEqual(report.sampledFrames * 0.7);
  expect(report.labels[3]).toBe('happiness');
  expect(report.predictions.frameAverage!.probs).toHaveLength(7);
  expect(report.predictions.frameAverage!.label).toBe('happiness');
  // The analysed frame count matches the requested sampling.
  expect(report.sampledFrames).toBe(expectedSampledFrames(frameCount(file), report.video.fps, 5));
  expect(r.stdout).toContain('main track: #');
});

test('two people side by side: the larger face wins the vote', async () => {
  const r = await analyze(sideBySideOneLarger(), ['--fps', '5']);
  expect(r.code, r.stderr).toBe(0);
  const report = r.report!;
  expect(report.video.width).toBe(720);
  expect(report.tracks).toHaveLength(2);
  const main = report.tracks.find((t) => t.id === report.mainTrackId)!;
  const other = report.tracks.find((t) => t.id !== report.mainTrackId)!;
  expect(meanCenterX(main)).toBeLessThan(360);
  expect(meanCenterX(other)).toBeGreaterThan(360);
  expect(main.votes.size).toBeGreaterThan(other.votes.size);
});

test('a second face in the last quarter only: two tracks, the first face wins on frequency', async () => {
  const r = await analyze(lateSecondFace(), ['--fps', '5']);
  expect(r.code, r.stderr).toBe(0);
  const report = r.report!;
  expect(report.tracks).toHaveLength(2);
  const main = report.tracks.find((t) => t.id === report.mainTrackId)!;
  const late = report.tracks.find((t) => t.id !== report.mainTrackId)!;
  expect(meanCenterX(main)).toBeLessThan(360);
  expect(meanCenterX(late)).toBeGreaterThan(360);
  expect(late.votes.freq).toBeLessThan(0.3);
  expect(main.votes.freq).toBeGreaterThan(0.6);
  expect(late.boxes[0]!.t).toBeGreaterThan(report.video.durationSec * 0.7);
});

test('a video without faces is a valid answer: exit 0, no main track, a warning', async () => {
  const r = await analyze(noFaceVideo(), ['--fps', '5']);
  expect(r.code, r.stderr).toBe(0);
  expect(r.report!.mainTrackId).toBeNull();
  expect(r.report!.tracks).toEqual([]);
  expect(r.report!.warnings.join(' ')).toMatch(/no face/i);
  expect(r.report!.sampledFrames).toBe(15);
});

test('a clip cut without re-encoding is analysed from its first shown frame, the voice still on the face', async () => {
  // Before 2026-12-04 23:30 UTC the frames the edit list hides (from the keyframe 1.2 s before the
  // cut) were analysed too: 17 frames in 2.07 s, boxes from t = -1.2, the mouth read against sound
  // that was cut away, and the voice went to nobody (0.17 where the re-encoded cut gives 0.65).
  const r = await analyze(cutWithoutReencoding('03-01-03_01.mp4', 1.2), ['--fps', '5']);
  expect(r.code, r.stderr).toBe(0);
  const report = r.report!;
  expect(report.sampledFrames).toBeLessThanOrEqual(Math.ceil(report.video.durationSec * 5));
  expect(Math.min(...report.tracks.flatMap((t) => t.boxes.map((b) => b.t)))).toBeGreaterThanOrEqual(0);
  expect(report.speaker.trackId).toBe(report.mainTrackId);
});

test('0.6 s of a sentence: an answer marked uncertain, and the voice left out because nobody was seen long enough to tell whose it is', async () => {
  const r = await analyze(shortExcerpt(), ['--fps', '5']);
  expect(r.code, r.stderr).toBe(0);
  const report = r.report!;
  expect(report.mainTrackId).not.toBeNull();
  expect(report.uncertain).toBe(true);
  expect(report.speaker).toMatchObject({ trackId: null, nobody: 'too-short' });
  expect(report.warnings.join('\n')).toMatch(/too short to tell whose voice it is/);
  expect(report.warnings.join('\n')).not.toMatch(/score 0\.00/);
});

test('a file that is not a video exits non-zero with one clear line', async () => {
  const r = await analyze(notAVideo());
  expect(r.code).toBe(1);
  const lines = r.stderr.trim().split('\n').filter((l) => l.startsWith('emolens:'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/not a video/i);
});

test('several videos in one run: each summarised, a bad one named and the rest still analysed, exit 1, the JSON a list', async () => {
  // analyze() names the JSON after its first video; the other two follow the options.
  const r = await analyze(clip('07-01-01_01.mp4'), [notAVideo(), clip('07-02-04_01.mp4')]);
  const json = join(scratch, '07-01-01_01.mp4.report.json');
  expect(r.code).toBe(1);
  expect(r.stderr.split('\n').filter((l) => l.startsWith('emolens:'))).toEqual([expect.stringMatching(/^emolens: not-a-video\.mp4: .*not a video/i)]);
  expect(r.stdout.match(/^\S+\.mp4: \d+×\d+/gm)).toEqual(['07-01-01_01.mp4: 360×270', '07-02-04_01.mp4: 360×270']);
  const reports = JSON.parse(readFileSync(json, 'utf8')) as { file: string; error?: string; mainTrackId?: number | null }[];
  expect(reports.map((x) => [x.file, 'error' in x])).toEqual([['07-01-01_01.mp4', false], ['not-a-video.mp4', true], ['07-02-04_01.mp4', false]]);
  expect(reports.filter((x) => !x.error).every((x) => x.mainTrackId !== null)).toBe(true);
});
