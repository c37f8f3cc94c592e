/**
 * Phone videos are usually stored sideways with a rotation in their metadata (90°, 180° or 270°
 * clockwise) that every player applies. The decoder hands out the stored pixels, so the frames are
 * turned upright here, before anything is detected: the analysed pixels, the thumbnails and the
 * boxes are then all in the upright picture's coordinates, as a player shows it.
 * Hand-written rather than mediabunny's CanvasSink: our decode loop keeps its own backpressure and
 * truncation check (decode-frames.ts), and a turn by a multiple of 90° is one canvas draw.
 */

import type { Orientation, Rotation, VideoInfo } from '../shared/video-info';

export type { Orientation, Rotation };

/** True when the stored frames can be shown as they are. */
export function isUpright(orientation: Orientation | undefined): boolean {
  return !orientation || (orientation.rotation === 0 && !orientation.flip);
}

/**
 * `info` with its upright picture turned clockwise by `turn` more (VideoInfo.turn): sides swapped
 * for 90° and 270°, and the turn composed with the file's own orientation (after its mirror: a
 * mirrored picture turned clockwise is the stored one turned the other way, then mirrored).
 */
export function turnedInfo(info: VideoInfo, turn: Rotation): VideoInfo {
  if (turn === 0) return info;
  const { rotation, flip } = info.orientation ?? { rotation: 0, flip: false };
  const composed = (((flip ? rotation - turn : rotation + turn) % 360) + 360) % 360;
  const size = turn % 180 === 0 ? { width: info.width, height: info.height } : { width: info.height, height: info.width };
  return { ...info, ...size, orientation: { rotation: composed as Rotation, flip }, turn };
}

/** The stored (pre-rotation) size of a picture that is `upright` once turned: sides swapped for 90° and 270°. */
export function storedSize(upright: { width: number; height: number }, rotation: Rotation): { width: number; height: number } {
  return rotation % 180 === 0 ? { ...upright } : { width: upright.height, height: upright.width };
}

/**
 * The canvas transform (a, b, c, d, e, f as in `setTransform`) that draws a stored picture of
 * `stored` size, placed at the origin, upright: turned clockwise by `rotation`, then mirrored.
 * Every pixel lands on a whole pixel of the upright canvas, so no value is resampled.
 */
export function uprightTransform(orientation: Orientation, stored: { width: number; height: number }): [number, number, number, number, number, number] {
  const { width: w, height: h } = stored;
  // Turn about the origin, then shift the turned picture back into the positive quadrant.
  const turns: Record<Rotation, [number, number, number, number, number, number]> = {
    0: [1, 0, 0, 1, 0, 0],
    90: [0, 1, -1, 0, h, 0],
    180: [-1, 0, 0, -1, w, h],
    270: [0, -1, 1, 0, 0, w],
  };
  const [a, b, c, d, e, f] = turns[orientation.rotation];
  if (!orientation.flip) return [a, b, c, d, e, f];
  const uprightWidth = orientation.rotation % 180 === 0 ? w : h;
  // Mirror about the vertical axis of the upright picture: x → width − x.
  return [-a, b, -c, d, uprightWidth - e, f];
}

/** Maps a stored pixel position to the upright picture through `uprightTransform`'s matrix. */
export function applyTransform(m: readonly number[], x: number, y: number): [number, number] {
  return [m[0]! * x + m[2]! * y + m[4]!, m[1]! * x + m[3]! * y + m[5]!];
}

/**
 * The upright bitmap of a decoded `frame` at `upright` size (the display size, or smaller): the
 * stored picture is resized first (one resampling, as for an upright video), then turned on a
 * canvas. The caller closes `frame`.
 */
export async function uprightBitmap(frame: VideoFrame, orientation: Orientation, upright: { width: number; height: number }): Promise<ImageBitmap> {
  const stored = storedSize(upright, orientation.rotation);
  const resized = await createImageBitmap(frame, { resizeWidth: stored.width, resizeHeight: stored.height });
  try {
    const canvas = new OffscreenCanvas(upright.width, upright.height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('OffscreenCanvas has no 2D context here');
    context.setTransform(...uprightTransform(orientation, stored));
    context.drawImage(resized, 0, 0);
    return canvas.transferToImageBitmap();
  } finally {
    resized.close();
  }
}
