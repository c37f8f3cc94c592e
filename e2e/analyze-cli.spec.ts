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
import { cutShortAvi, cutWithoutReencoding, frameCount, lateSecondFace, midStreamTs, motionJpegMp4, nightCopy, noFaceVideo, notAVideo, shortExcerpt, sideBySideOneLarger, tightFaceCrop, unfamiliarCopy } from './media';

// The CLI runs its own browser: the page every test gets (for the foreign-request check) can be one.
test.use({ keepPage: true });

/** Horizontal centre of a track's boxes, averaged. */
function meanCenterX(track: AnalysisReport['tracks'][number]): number {
  return track.boxes.reduce((s, b) => s + b.x + b.w / 2, 0) / track.boxes.length;
}

test.describe.configure({ timeout: 360_000 });

/** Runs the CLI once on `videos` (one browser, 5 fps) and returns each video's report, in order. */
async function analyzeEach(videos: string[]): Promise<AnalysisReport[]> {
  const [first, ...rest] = videos;
  const r = await analyze(first!, [...rest, '--fps', '5']);
  expect(r.code, r.stderr).toBe(0);
  return r.report as unknown as AnalysisReport[];
}

// Composites with known answers in one run (a browser launch each cost ~60 s of suite time until 2026-12-06).
test('composites in one run: the larger face wins; a late second face loses on frequency; a cut clip starts at its shown frame; 0.6 s is uncertain; a face filling the frame, and one in a dark grainy picture, are found; a stream picked up mid-GOP is read from its first key frame; Motion JPEG in an MP4 is read; an AVI cut short is read as far as it goes', async () => {
  const [sideBySide, late, cut, short, tight, night, midStream, jpegMp4, cutAvi] = await analyzeEach([
    sideBySideOneLarger(), lateSecondFace(), cutWithoutReencoding('03-01-03_01.mp4', 1.2), shortExcerpt(), tightFaceCrop(112), nightCopy(), midStreamTs(), motionJpegMp4(), cutShortAvi(),
  ]);

  await test.step('two people side by side: the larger face wins the vote', () => {
    const report = sideBySide!;
    expect(report.video.width).toBe(720);
    expect(report.tracks).toHaveLength(2);
    const main = report.tracks.find((t) => t.id === report.mainTrackId)!;
    const other = report.tracks.find((t) => t.id !== report.mainTrackId)!;
    expect(meanCenterX(main)).toBeLessThan(360);
    expect(meanCenterX(other)).toBeGreaterThan(360);
    expect(main.votes.size).toBeGreaterThan(other.votes.size);
  });

  await test.step('a second face in the last quarter only: two tracks, the first face wins on frequency', () => {
    const report = late!;
    expect(report.tracks).toHaveLength(2);
    const main = report.tracks.find((t) => t.id === report.mainTrackId)!;
    const second = report.tracks.find((t) => t.id !== report.mainTrackId)!;
    expect(meanCenterX(main)).toBeLessThan(360);
    expect(meanCenterX(second)).toBeGreaterThan(360);
    expect(second.votes.freq).toBeLessThan(0.3);
    expect(main.votes.freq).toBeGreaterThan(0.6);
    expect(second.boxes[0]!.t).toBeGreaterThan(report.video.durationSec * 0.7);
  });

  await test.step('a clip cut without re-encoding is analysed from its first shown frame, the voice still on the face', () => {
    // Before 2026-12-04 23:30 UTC the frames the edit list hides (from the keyframe 1.2 s before the
    // cut) were analysed too: 17 frames in 2.07 s, boxes from t = -1.2, the mouth read against sound
    // that was cut away, and the voice went to nobody (0.17 where the re-encoded cut gives 0.65).
    const report = cut!;
    expect(report.sampledFrames).toBeLessThanOrEqual(Math.ceil(report.video.durationSec * 5));
    expect(Math.min(...report.tracks.flatMap((t) => t.boxes.map((b) => b.t)))).toBeGreaterThanOrEqual(0);
    expect(report.speaker.trackId).toBe(report.mainTrackId);
  });

  await test.step('0.6 s of a sentence: an answer marked uncertain, and the voice left out because nobody was seen long enough', () => {
    const report = short!;
    expect(report.mainTrackId).not.toBeNull();
    expect(report.uncertain).toBe(true);
    expect(report.speaker).toMatchObject({ trackId: null, nobody: 'too-short' });
    expect(report.warnings.join('\n')).toMatch(/too short to tell whose voice it is/);
    expect(report.warnings.join('\n')).not.toMatch(/score 0\.00/);
  });

  await test.step('a tight 112-px face crop (the face fills the frame): one track on every analysed frame, answered', () => {
    const report = tight!;
    expect(report.video).toMatchObject({ width: 112, height: 112 });
    expect(report.tracks).toHaveLength(1);
    expect(report.tracks[0]!.frames).toBe(report.sampledFrames);
    expect(report.answer).not.toBeNull();
  });

  await test.step('the same clip filmed at night (dark, grainy): one track on nearly every frame, answered', () => {
    const report = night!;
    expect(report.tracks).toHaveLength(1);
    expect(report.tracks[0]!.frames).toBeGreaterThanOrEqual(report.sampledFrames - 1);
    expect(report.answer).not.toBeNull();
  });

  await test.step('an MPEG-TS stream picked up mid-GOP: its frames before the first key frame are skipped, the rest answered', () => {
    // Before 2026-12-06: "Something went wrong: … A key frame is required after configure()", exit 1.
    const report = midStream!;
    expect(report.tracks).toHaveLength(1);
    const first = Math.min(...report.tracks[0]!.boxes.map((b) => b.t));
    expect(first, 'the first analysed frame: the first key frame, not the file start').toBeGreaterThan(0.2);
    expect(report.sampledFrames).toBeGreaterThanOrEqual(Math.floor((report.video.durationSec - first) * 5));
    expect(report.speaker.trackId).toBe(report.mainTrackId);
    expect(report.answer).not.toBeNull();
    expect(report.warnings.join('\n')).toContain(`picture starts at ${first.toFixed(1)} s`);
  });

  await test.step('Motion JPEG in an MP4 (MPEG-4 Part 2’s sample entry): decoded as JPEG pictures, every frame answered', () => {
    // Before 2026-12-06: "This browser cannot decode MPEG-4 Part 2 … video", exit 1.
    const report = jpegMp4!;
    expect(report.tracks).toHaveLength(1);
    expect(report.tracks[0]!.frames).toBe(report.sampledFrames);
    expect(report.sampledFrames).toBe(10);
    expect(report.speaker.trackId).toBe(report.mainTrackId);
  });

  await test.step('an older camera’s AVI cut short (no index): the frames there are answered, and the report says it ends early', () => {
    const report = cutAvi!;
    expect(report.tracks).toHaveLength(1);
    expect(report.answer).not.toBeNull();
    expect(report.sampledFrames).toBeGreaterThanOrEqual(8);
    expect(report.sampledFrames).toBeLessThan(19);
    expect(report.warnings.join('\n')).toMatch(/ends early: \d+ of the 113 frames its header announces/);
  });
});

test('several videos in one run — one face, another take of the same name, not a video, nobody: each answered or named, exit 1, the JSON a list', async () => {
  // analyze() names the JSON after its first video; the others follow the options. The second has
  // the first's file name in another folder (a face crop of the same clip): its own run, its own report.
  const file = clip('01-01-03_01.mp4');
  const sameName = unfamiliarCopy('face-crop', '01-01-03_01.mp4');
  const r = await analyze(file, [sameName, notAVideo(), noFaceVideo(), '--fps', '5']);
  const json = join(scratch, '01-01-03_01.mp4.report.json');
  expect(r.code).toBe(1);
  // The file that is not a video: one clear line naming it, and the others still analysed.
  expect(r.stderr.split('\n').filter((l) => l.startsWith('emolens:'))).toEqual([expect.stringMatching(/^emolens: not-a-video\.mp4: .*not a video/i)]);
  // Two of one name are summarised by their paths.
  expect(r.stdout.match(/^\S+\.mp4: \d+×\d+/gm)).toEqual([`${file}: 360×270`, `${sameName}: 256×256`, 'no-face.mp4: 320×240']);
  expect(r.stdout).toContain('main track: #');
  // No face: no voice was weighed (it read "no sound was heard", also of faceless clips with sound).
  expect(r.stdout).toContain('speaker: nobody — no face was found');
  const [one, crop, bad, nobody] = JSON.parse(readFileSync(json, 'utf8')) as (AnalysisReport & { error?: string })[];
  expect([one!.file, crop!.file, bad!.file, nobody!.file]).toEqual(['01-01-03_01.mp4', '01-01-03_01.mp4', 'not-a-video.mp4', 'no-face.mp4']);
  expect([one!.video.width, crop!.video.width]).toEqual([360, 256]);
  expect(crop!.tracks).toHaveLength(1);
  expect(bad!.error).toMatch(/not a video/i);
  // One face: one long track, the frame average, at the requested sampling.
  expect(one!.tracks).toHaveLength(1);
  expect(one!.mainTrackId).toBe(one!.tracks[0]!.id);
  expect(one!.tracks[0]!.frames).toBeGreaterThanOrEqual(one!.sampledFrames * 0.7);
  expect(one!.labels[3]).toBe('happiness');
  expect(one!.predictions.frameAverage!.probs).toHaveLength(7);
  expect(one!.predictions.frameAverage!.label).toBe('happiness');
  expect(one!.sampledFrames).toBe(expectedSampledFrames(frameCount(file), one!.video.fps, 5));
  // Nobody: a valid answer, no main track, a warning.
  expect(nobody!.mainTrackId).toBeNull();
  expect(nobody!.tracks).toEqual([]);
  expect(nobody!.warnings.join(' ')).toMatch(/no face/i);
  expect(nobody!.sampledFrames).toBe(15);
});
