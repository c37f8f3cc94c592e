import { describe, expect, it } from 'vitest';
import type { GrayFrame } from '../gray-image';
import { ZOOM_CUT_MAX_PAIRS, ZOOM_CUT_MAX_SHARE, zoomedAcross, zoomShareAtCut } from './zoom-cut';

const W = 192;
const H = 144;

/** A scene in continuous coordinates: a textured wall and a face-like ellipse at (96, 60); `other` is another wall and face. */
const scene = (other: boolean) => (x: number, y: number) => {
  const inFace = ((x - 96) / 20) ** 2 + ((y - 60) / 26) ** 2 < 1;
  if (inFace) return other ? 150 + 40 * Math.cos(y / 2.5) : 170 + 40 * Math.sin(x / 3) * Math.cos(y / 4);
  return other ? 120 + 60 * Math.cos(x / 5 + y / 11) : 128 + 50 * Math.sin(x / 7) * Math.cos(y / 9) + 30 * Math.sin((x + y) / 13);
};

/** The scene seen `zoom`× closer about the face, the face centred (zoom 1: the wide shot as it is). */
const shot = (level: (x: number, y: number) => number, zoom: number): GrayFrame => ({
  tSec: 0,
  width: W,
  height: H,
  data: Uint8Array.from({ length: W * H }, (_, i) => {
    const [x, y] = [i % W, Math.floor(i / W)];
    const v = zoom === 1 ? level(x, y) : level(96 + (x - W / 2) / zoom, 60 + (y - H / 2) / zoom);
    return Math.max(0, Math.min(255, Math.round(v)));
  }),
});

const wideFace = { x: 76, y: 34, w: 40, h: 52 };
/** The face 2× closer, centred. */
const closeFace = { x: W / 2 - 40, y: H / 2 - 52, w: 80, h: 104 };

describe('zoom-cut', () => {
  const wide = shot(scene(false), 1);
  const close = shot(scene(false), 2);

  it('a jump cut 2× closer or back is the picture zoomed: little of the change is left', () => {
    expect(zoomShareAtCut(wide, close, wideFace, closeFace)).toBeLessThan(0.25);
    expect(zoomShareAtCut(close, wide, closeFace, wideFace)).toBeLessThan(0.25);
    // Face boxes off by a few pixels, as a detector's are, change little.
    expect(zoomShareAtCut(wide, close, { ...wideFace, x: wideFace.x + 3, w: wideFace.w + 4 }, closeFace)).toBeLessThan(ZOOM_CUT_MAX_SHARE);
  });

  it('another scene at the same framing, or another scene closer, is not explained by a zoom', () => {
    const another = shot(scene(true), 1);
    expect(zoomShareAtCut(wide, another, wideFace, wideFace)).toBeGreaterThan(ZOOM_CUT_MAX_SHARE);
    expect(zoomShareAtCut(wide, shot(scene(true), 2), wideFace, closeFace)).toBeGreaterThan(ZOOM_CUT_MAX_SHARE);
    // A picture that barely changed (a fade's last frames) has no jump to explain.
    expect(zoomShareAtCut(wide, wide, wideFace, wideFace)).toBe(Infinity);
  });

  it('pairs each face after the cut with the track it continues, one to one, and judges few pairs only', () => {
    const tracks = [
      { id: 7, box: { x: 10, y: 90, w: 30, h: 40 } },
      { id: 3, box: wideFace },
    ];
    expect([...zoomedAcross(wide, close, tracks, [closeFace])]).toEqual([[0, 3]]);
    expect([...zoomedAcross(wide, shot(scene(true), 1), tracks, [wideFace])]).toEqual([]);
    const many = Array.from({ length: ZOOM_CUT_MAX_PAIRS + 1 }, (_, id) => ({ id, box: wideFace }));
    expect(zoomedAcross(wide, close, many, [closeFace]).size).toBe(0);
  });
});
