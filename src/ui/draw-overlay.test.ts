import { describe, expect, it } from 'vitest';
import { canvasPixelsPerCssPixel, overlaySizes } from './draw-overlay';

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
