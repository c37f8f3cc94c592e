/**
 * `npm run analyze` on inputs people will try: each bad one exits 1 with one clear line on stderr
 * naming the problem.
 */
import { analyze } from './analyze-runner';
import { mkdirSync } from 'node:fs';
import { expect, scratch, test } from './fixtures';
import { audioOnly, damagedXvidAvi, stillPicture, truncatedMp4, zeroByteFile } from './media';

// The CLI runs its own browser: the page every test gets (for the foreign-request check) can be one.
test.use({ keepPage: true });

test.describe.configure({ timeout: 300_000 });

/** [what, the file, what its one line must say]. */
const cases: [string, () => string, RegExp][] = [
  ['a truncated MP4 whose index was cut off', () => truncatedMp4(false), /truncated/i],
  ['a truncated MP4 whose frames run out', () => truncatedMp4(true), /truncated: only \d+ of its \d+ frames/i],
  // HEVC, Xvid, MPEG-2, Windows Media and the like are converted on the device (converted-files.spec.ts);
  // one FFmpeg cannot read either keeps the browser's sentence, not FFmpeg's.
  ['an Xvid AVI whose frames are damaged: neither the browser nor FFmpeg reads it', damagedXvidAvi, /cannot decode MPEG-4 Part 2 \(Xvid, DivX; older phones and cameras\) video.*H\.264/i],
  ['an audio-only file', audioOnly, /no video track/i],
  ['a zero-byte file', zeroByteFile, /empty \(0 bytes\)/i],
  ['a photo (JPEG)', () => stillPicture('jpg'), /This is a picture \(JPEG\), not a video\..*ffmpeg -loop 1/],
  ['a still GIF (converted to see whether it moves: it does not)', () => stillPicture('gif'), /This is a picture \(GIF\), not a video\./],
  ['a photo in an ISO file, as phones save HEIC (AVIF here): it read as a truncated video', () => stillPicture('avif'), /This is a picture \(HEIC\/HEIF or AVIF\), not a video/],
];

// One CLI run for all of them (one browser, as for several good videos: analyze-cli.spec.ts); each
// file is read on its own, so each still gets its own line. (Until 2026-12-06 a run each: ~80 s more.)
test('bad inputs, one run: exit 1, and for each file one line naming its problem', async () => {
  const [first, ...rest] = cases.map(([, make]) => make());
  const r = await analyze(first!, rest);
  expect(r.code).toBe(1);
  const lines = r.stderr.trim().split('\n').filter((l) => l.startsWith('emolens:'));
  expect(lines, r.stderr).toHaveLength(cases.length);
  cases.forEach(([name, , message], i) => expect(lines[i], name).toMatch(message));
});

// Told before any browser starts (it was Playwright's "File input does not support directories").
test('a folder instead of a video: exit 1 and one line', async () => {
  mkdirSync(scratch, { recursive: true });
  const r = await analyze(scratch);
  expect(r.code).toBe(1);
  const lines = r.stderr.trim().split('\n').filter((l) => l.startsWith('emolens:'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/a folder, not a video.*npm run evaluate/);
});
