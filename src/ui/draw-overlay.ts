/** Draws the analysed faces over a video frame on a 2D canvas. */
import { EMOTION_LABELS } from '../core/labels';
import { argmax } from '../core/vector';
import type { OverlayEntry } from '../app/overlay-buffer';
import { inkOn, pct, trackColour } from './palette';

/** What to mark. */
export interface OverlayMarks {
  mainTrackId: number | null;
  selectedTrackId: number | null;
  /** Rolling (camera) or clip emotion per track, shown instead of the frame's when given. */
  trackLabels?: Readonly<Record<number, string>>;
  catchingUp: boolean;
  /**
   * Draw the boxes left–right mirrored (the camera's self-view, shown as a mirror shows a face): the
   * boxes move, their labels stay readable. Boxes stay in the picture's own coordinates everywhere else.
   */
  mirrored?: boolean;
}

/** Label text and line widths as seen on screen (CSS pixels), whatever the video's size. */
const LABEL_CSS_PX = 14;
const MAIN_LINE_CSS_PX = 3;
const LINE_CSS_PX = 2;
/** Space between a label's text and the edge of its box. */
const LABEL_PAD_CSS_PX = 3;

/**
 * Canvas pixels per CSS pixel of a canvas shown with `object-fit: contain` in a `clientWidth` ×
 * `clientHeight` box: a 4K or portrait video's canvas is shown 3–6× smaller than its pixels, a
 * 360×270 one larger. 1 before the canvas is laid out.
 */
export function canvasPixelsPerCssPixel(width: number, height: number, clientWidth: number, clientHeight: number): number {
  if (!(clientWidth > 0 && clientHeight > 0 && width > 0 && height > 0)) return 1;
  return Math.max(width / clientWidth, height / clientHeight);
}

/** The overlay's sizes in canvas pixels for `perCss` canvas pixels per CSS pixel. */
export function overlaySizes(perCss: number): { font: number; pad: number; mainLine: number; line: number; dash: number[]; selectedDash: number[] } {
  return {
    font: LABEL_CSS_PX * perCss,
    pad: LABEL_PAD_CSS_PX * perCss,
    mainLine: MAIN_LINE_CSS_PX * perCss,
    line: LINE_CSS_PX * perCss,
    dash: [8 * perCss, 4 * perCss],
    selectedDash: [2 * perCss, 3 * perCss],
  };
}

/**
 * Draws boxes, IDs, the main-track star and top emotion; `scale` maps frame to canvas pixels,
 * `perCss` is canvas pixels per CSS pixel (canvasPixelsPerCssPixel), so labels read alike on any video.
 */
export function drawOverlay(ctx: CanvasRenderingContext2D, entry: OverlayEntry | null, scale: number, marks: OverlayMarks, perCss = 1): void {
  const { font, pad, mainLine, line, dash, selectedDash } = overlaySizes(perCss);
  ctx.font = `600 ${font}px system-ui, sans-serif`;
  ctx.textBaseline = 'top';
  for (const f of entry?.faces ?? []) {
    const colour = trackColour(f.trackId);
    const main = f.trackId === marks.mainTrackId;
    const x = shownX(f.box, scale, ctx.canvas.width, marks.mirrored);
    const y = f.box.y * scale;
    const w = f.box.w * scale;
    const h = f.box.h * scale;
    ctx.lineWidth = main ? mainLine : line;
    ctx.setLineDash(main ? [] : dash);
    ctx.strokeStyle = colour;
    ctx.strokeRect(x, y, w, h);
    if (f.trackId === marks.selectedTrackId) {
      ctx.setLineDash(selectedDash);
      ctx.lineWidth = line;
      ctx.strokeStyle = '#ffffff';
      ctx.strokeRect(x - 2 * line, y - 2 * line, w + 4 * line, h + 4 * line);
    }
    ctx.setLineDash([]);
    const top = EMOTION_LABELS[argmax(f.probs)]!;
    const emotion = marks.trackLabels?.[f.trackId] ?? `${top} ${pct(f.probs[argmax(f.probs)] ?? 0)}`;
    const text = `#${f.trackId}${main ? ' ★ main' : ''} · ${emotion}`;
    const tw = ctx.measureText(text).width + 2 * pad;
    const th = font + 2 * pad;
    const ty = y - th >= 0 ? y - th : y + h + line;
    const tx = Math.min(Math.max(0, x), ctx.canvas.width - tw);
    ctx.fillStyle = colour;
    ctx.fillRect(tx, ty, tw, th);
    ctx.fillStyle = inkOn(colour);
    ctx.fillText(text, tx + pad, ty + pad);
  }
  if (marks.catchingUp) {
    const text = 'analysis catching up…';
    const tw = ctx.measureText(text).width + 4 * pad;
    const th = font + 4 * pad;
    ctx.fillStyle = 'rgba(0,0,0,0.7)';
    ctx.fillRect(2 * pad, ctx.canvas.height - th - 2 * pad, tw, th);
    ctx.fillStyle = '#ffffff';
    ctx.fillText(text, 4 * pad, ctx.canvas.height - th);
  }
}

/** A box's left edge on a canvas `width` pixels wide, mirrored or not. */
function shownX(box: { x: number; w: number }, scale: number, width: number, mirrored = false): number {
  return mirrored ? width - (box.x + box.w) * scale : box.x * scale;
}

/** The face under canvas point (px, py), smallest first when boxes overlap; `mirrored` as drawn (the canvas `width` pixels wide). */
export function hitFace(entry: OverlayEntry | null, px: number, py: number, scale: number, mirrored = false, width = 0): number | null {
  const hits = (entry?.faces ?? [])
    .filter((f) => {
      const x = shownX(f.box, scale, width, mirrored);
      return px >= x && px <= x + f.box.w * scale && py >= f.box.y * scale && py <= (f.box.y + f.box.h) * scale;
    })
    .sort((a, b) => a.box.w * a.box.h - b.box.w * b.box.h);
  return hits[0]?.trackId ?? null;
}
