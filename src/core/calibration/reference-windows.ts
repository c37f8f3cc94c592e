/**
 * The person reference of one long recording: its main track cut into windows that stand for
 * clips (running statistics over the video or the camera session). Pure: records only need a time.
 * The clip models centre a person's input vectors on the mean of their reference clips; a mean
 * over a few clips mostly holds those clips' own expressions, so a reference needs several.
 */

/** Seconds of track per reference window: about one of our training clips (1.75–8 s, mostly 3–5). */
export const REFERENCE_WINDOW_SEC = 8;

/**
 * Fewest reference clips (folder clips or windows) a person needs before their answers are
 * calibrated: 4 windows of 8 s ≈ 30 s of face. Fewer: analysed uncalibrated, and the UI says so.
 */
export const MIN_REFERENCE_CLIPS = 4;

/** Whether `clips` reference clips are enough to calibrate on. */
export function isEnoughReference(clips: number): boolean {
  return clips >= MIN_REFERENCE_CLIPS;
}

/**
 * Cuts a time-ordered track into consecutive windows of `windowSec`, counted from its first
 * record. Windows without a record (the face was away) are skipped; a last window shorter than
 * half a window joins the one before it, so no reference clip is a mere sliver. Returns the
 * records of each window, in order.
 */
export function referenceWindows<T extends { tSec: number }>(records: readonly T[], windowSec = REFERENCE_WINDOW_SEC): T[][] {
  if (!(windowSec > 0)) throw new TypeError(`referenceWindows: windowSec must be > 0, got ${windowSec}`);
  const first = records[0];
  if (!first) return [];
  const windows: { index: number; records: T[] }[] = [];
  for (const r of records) {
    const index = Math.floor((r.tSec - first.tSec) / windowSec);
    const last = windows[windows.length - 1];
    if (last && last.index === index) last.records.push(r);
    else if (last && index < last.index) throw new TypeError('referenceWindows: records must be in time order');
    else windows.push({ index, records: [r] });
  }
  const tail = windows[windows.length - 1]!;
  const tailSpan = tail.records[tail.records.length - 1]!.tSec - (first.tSec + tail.index * windowSec);
  if (windows.length > 1 && tailSpan < windowSec / 2) windows[windows.length - 2]!.records.push(...windows.pop()!.records);
  return windows.map((w) => w.records);
}
