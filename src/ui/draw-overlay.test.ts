import { describe, expect, it } from 'vitest';
import { canvasPixelsPerCssPixel, drawOverlay, hitFace, overlaySizes } from './draw-overlay';

/** The label's height on screen, in CSS pixels, for a video of `w`×`h` shown in a `cw`×`ch` stage. */
const labelOnScreen = (w: number, h: number, cw: number, ch: number) => {
  const perCss = canvasPixelsPerCssPixel(w, h, cw, ch);
  return overlaySizes(perCss).font / perCss;
};

describe('overlay sizes', () => {
  it('reads alike on screen for our clips, HD, 4K and portrait videos in the same stage', () => {
    // The 600×450 stage (4:3, object-fit: contain). Before: 20, 15, 15 and 6 CSS px.
    for (const [w, h] of [[360, 270], [1920, 1080], [3840, 2160], [720, 1280], [1080, 1920]] as const) {
      expect(labelOnScreen(w, h, 600, 450), `${w}×${h}`).toBeCloseTo(14, 0);
    }
  });

  it('fits the side that limits the picture, and falls back before layout', () => {
    expect(canvasPixelsPerCssPixel(720, 1280, 600, 450)).toBeCloseTo(1280 / 450);
    expect(canvasPixelsPerCssPixel(1920, 1080, 600, 450)).toBeCloseTo(1920 / 600);
    expect(canvasPixelsPerCssPixel(1920, 1080, 0, 0)).toBe(1);
    const { mainLine, line } = overlaySizes(canvasPixelsPerCssPixel(3840, 2160, 600, 450));
    expect(mainLine / (3840 / 600)).toBeCloseTo(3);
    expect(line / (3840 / 600)).toBeCloseTo(2);
  });
});

/** A 2D context that records the boxes stroked and the labels written (all drawOverlay uses). */
function recordingContext(width: number) {
  const boxes: number[][] = [];
  const texts: [string, number][] = [];
  const ctx = {
    canvas: { width, height: 300 },
    font: '', textBaseline: '', lineWidth: 0, strokeStyle: '', fillStyle: '',
    setLineDash: () => {},
    strokeRect: (x: number, y: number, w: number, h: number) => boxes.push([x, y, w, h]),
    fillRect: () => {},
    measureText: (t: string) => ({ width: t.length * 7 }),
    fillText: (t: string, x: number) => texts.push([t, x]),
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, boxes, texts };
}

describe("the camera's mirrored self-view", () => {
  const entry = { tSec: 1, faces: [{ trackId: 3, box: { x: 40, y: 20, w: 50, h: 60 }, probs: new Float32Array([0, 0, 0, 1, 0, 0, 0]) }] } as never;
  const marks = { mainTrackId: 3, selectedTrackId: null, catchingUp: false };

  it('draws each box where the mirror shows its face, its label readable', () => {
    const plain = recordingContext(400);
    drawOverlay(plain.ctx, entry, 2, marks);
    expect(plain.boxes[0]).toEqual([80, 40, 100, 120]);
    const mirrored = recordingContext(400);
    drawOverlay(mirrored.ctx, entry, 2, { ...marks, mirrored: true });
    // 400 − (40 + 50) · 2: the same box, left–right swapped within the canvas.
    expect(mirrored.boxes[0]).toEqual([220, 40, 100, 120]);
    expect(mirrored.texts[0]![0]).toBe(plain.texts[0]![0]);
    // The label moves with its box (kept inside the canvas).
    expect(mirrored.texts[0]![1]).toBeGreaterThan(plain.texts[0]![1] + 100);
  });

  it('finds the face under a click where it is drawn', () => {
    expect(hitFace(entry, 100, 60, 2)).toBe(3);
    expect(hitFace(entry, 100, 60, 2, true, 400)).toBeNull();
    expect(hitFace(entry, 300, 60, 2, true, 400)).toBe(3);
  });
});
