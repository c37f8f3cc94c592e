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
}

/** Draws boxes, IDs, the main-track star and top emotion; `scale` maps frame to canvas pixels. */
export function drawOverlay(ctx: CanvasRenderingContext2D, entry: OverlayEntry | null, scale: number, marks: OverlayMarks): void {
  const font = Math.max(12, Math.round(ctx.canvas.width / 40));
  ctx.font = `600 ${font}px system-ui, sans-serif`;
  ctx.textBaseline = 'top';
  for (const f of entry?.faces ?? []) {
    const colour = trackColour(f.trackId);
    const main = f.trackId === marks.mainTrackId;
    const x = f.box.x * scale;
    const y = f.box.y * scale;
    const w = f.box.w * scale;
    const h = f.box.h * scale;
    ctx.lineWidth = main ? 4 : 2;
    ctx.setLineDash(main ? [] : [8, 4]);
    ctx.strokeStyle = colour;
    ctx.strokeRect(x, y, w, h);
    if (f.trackId === marks.selectedTrackId) {
      ctx.setLineDash([2, 3]);
      ctx.lineWidth = 2;
      ctx.strokeStyle = '#ffffff';
      ctx.strokeRect(x - 4, y - 4, w + 8, h + 8);
    }
    ctx.setLineDash([]);
    const top = EMOTION_LABELS[argmax(f.probs)]!;
    const emotion = marks.trackLabels?.[f.trackId] ?? `${top} ${pct(f.probs[argmax(f.probs)] ?? 0)}`;
    const text = `#${f.trackId}${main ? ' ★ main' : ''} · ${emotion}`;
    const tw = ctx.measureText(text).width + 8;
    const ty = y - font - 6 >= 0 ? y - font - 6 : y + h + 2;
    const tx = Math.min(Math.max(0, x), ctx.canvas.width - tw);
    ctx.fillStyle = colour;
    ctx.fillRect(tx, ty, tw, font + 6);
    ctx.fillStyle = inkOn(colour);
    ctx.fillText(text, tx + 4, ty + 3);
  }
  if (marks.catchingUp) {
    const text = 'analysis catching up…';
    const tw = ctx.measureText(text).width + 16;
    ctx.fillStyle = 'rgba(0,0,0,0.7)';
    ctx.fillRect(8, ctx.canvas.height - font - 20, tw, font + 12);
    ctx.fillStyle = '#ffffff';
    ctx.fillText(text, 16, ctx.canvas.height - font - 14);
  }
}

/** The face under canvas point (px, py), smallest first when boxes overlap. */
export function hitFace(entry: OverlayEntry | null, px: number, py: number, scale: number): number | null {
  const hits = (entry?.faces ?? [])
    .filter((f) => px >= f.box.x * scale && px <= (f.box.x + f.box.w) * scale && py >= f.box.y * scale && py <= (f.box.y + f.box.h) * scale)
    .sort((a, b) => a.box.w * a.box.h - b.box.w * b.box.h);
  return hits[0]?.trackId ?? null;
}
