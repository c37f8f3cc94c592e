import { describe, it, expect } from 'vitest';
import { area, atFrameEdge, center, containment, distance, intersectionArea, iou } from './geometry';

describe('geometry', () => {
  const a = { x: 0, y: 0, w: 10, h: 10 };
  const b = { x: 5, y: 5, w: 10, h: 10 };

  it('computes area, centre and distance', () => {
    expect(area(a)).toBe(100);
    expect(area({ x: 0, y: 0, w: -1, h: 5 })).toBe(0);
    expect(center(b)).toEqual({ x: 10, y: 10 });
    expect(distance({ x: 0, y: 0 }, { x: 3, y: 4 })).toBe(5);
  });

  it('computes intersection, IoU and containment by hand', () => {
    expect(intersectionArea(a, b)).toBe(25);
    expect(iou(a, b)).toBeCloseTo(25 / 175, 12);
    expect(iou(a, { x: 20, y: 20, w: 5, h: 5 })).toBe(0);
    expect(containment({ x: 2, y: 2, w: 4, h: 4 }, a)).toBe(1);
    expect(containment(b, a)).toBe(0.25);
    expect(containment({ x: 0, y: 0, w: 0, h: 0 }, a)).toBe(0);
  });
});

describe('atFrameEdge', () => {
  it('is true for a box clipped at any edge of the frame, false for one inside it', () => {
    expect(atFrameEdge({ x: 100, y: 72.4, w: 137.2, h: 123.6 }, 360, 196)).toBe(true); // bottom: 72.4 + 123.6 = 196
    expect(atFrameEdge({ x: 120, y: 0, w: 130, h: 110 }, 360, 180)).toBe(true); // top
    expect(atFrameEdge({ x: 0.5, y: 40, w: 100, h: 100 }, 360, 270)).toBe(true); // left, within a pixel
    expect(atFrameEdge({ x: 280, y: 40, w: 80, h: 100 }, 360, 270)).toBe(true); // right
    expect(atFrameEdge({ x: -20, y: 40, w: 100, h: 100 }, 360, 270)).toBe(true); // past it
    expect(atFrameEdge({ x: 120, y: 4, w: 117, h: 108 }, 360, 270)).toBe(false); // 4 px from the top
    expect(atFrameEdge({ x: 130, y: 80, w: 110, h: 120 }, 360, 270)).toBe(false);
  });
});
