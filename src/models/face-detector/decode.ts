/**
 * Tiny Face Detector's output grid → face boxes, on numbers already read back: face-api's
 * `TinyYolov2Base.extractBoxes` and `nonMaxSuppression` (MIT, @vladmandic/face-api 1.7.15) ported
 * as they are. face-api reads the scores and the boxes in two downloads and runs NMS itself; we read
 * the grid once (with the rest of the frame on a GPU, see device-reads.ts) and decode here.
 */
import type { Box } from '../model';

/** What the decoding needs besides the grid. */
export interface TinyFaceGrid {
  /** Cells per side (input size / 32). */
  cells: number;
  /** Anchor sizes in cells (face-api's BOX_ANCHORS). */
  anchors: readonly { x: number; y: number }[];
  /** The network's input side, and the frame's size (the frame is padded bottom/right to a square). */
  inputSize: number;
  width: number;
  height: number;
  scoreThreshold: number;
  iouThreshold: number;
}

/** One face: box in frame pixels (not clipped), score 0–1. */
export interface DecodedFace {
  box: Box;
  score: number;
}

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

/** Decodes `data` ([cells, cells, anchors, 5] as face-api lays it out) and keeps the NMS winners, best first. */
export function decodeTinyFace(data: ArrayLike<number>, grid: TinyFaceGrid): DecodedFace[] {
  const { cells, anchors, inputSize, width, height, scoreThreshold } = grid;
  // face-api's computeReshapedDimensions: the frame scaled so its long side is the input size.
  const scale = inputSize / Math.max(width, height);
  const [rw, rh] = [Math.round(width * scale), Math.round(height * scale)];
  const side = Math.max(rw, rh);
  const [fx, fy] = [side / rw, side / rh];
  const found: { x: number; y: number; w: number; h: number; score: number }[] = [];
  for (let row = 0; row < cells; row++) {
    for (let col = 0; col < cells; col++) {
      for (let a = 0; a < anchors.length; a++) {
        const at = ((row * cells + col) * anchors.length + a) * 5;
        const score = sigmoid(data[at + 4]!);
        if (scoreThreshold && !(score > scoreThreshold)) continue;
        const cx = ((col + sigmoid(data[at]!)) / cells) * fx;
        const cy = ((row + sigmoid(data[at + 1]!)) / cells) * fy;
        const w = ((Math.exp(data[at + 2]!) * anchors[a]!.x) / cells) * fx;
        const h = ((Math.exp(data[at + 3]!) * anchors[a]!.y) / cells) * fy;
        found.push({ x: cx - w / 2, y: cy - h / 2, w, h, score });
      }
    }
  }
  return pickByScore(found, grid.iouThreshold).map((i) => {
    const f = found[i]!;
    return { box: { x: f.x * width, y: f.y * height, w: f.w * width, h: f.h * height }, score: f.score };
  });
}

/** face-api's greedy NMS (relative boxes; IoU does not change with a common scale). */
function pickByScore(boxes: readonly { x: number; y: number; w: number; h: number; score: number }[], iouThreshold: number): number[] {
  let order = boxes
    .map((b, i) => ({ score: b.score, i }))
    .sort((p, q) => p.score - q.score)
    .map((p) => p.i);
  const pick: number[] = [];
  while (order.length > 0) {
    const best = order.pop()!;
    pick.push(best);
    order = order.filter((i) => iouOf(boxes[best]!, boxes[i]!) <= iouThreshold);
  }
  return pick;
}

function iouOf(a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }): number {
  const w = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
  const h = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  const inter = w * h;
  return inter / (a.w * a.h + b.w * b.h - inter);
}
