import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { EXPRESSION_GEOMETRY_DIM, EXPRESSION_GEOMETRY_NAMES, expressionGeometry } from './expression-geometry';

/** iBUG 68 index of each point's mirror image (right ↔ left). */
const MIRROR = [
  16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 27, 28, 29, 30, 35, 34, 33, 32, 31, 45, 44, 43, 42, 47, 46, 39,
  38, 37, 36, 41, 40, 54, 53, 52, 51, 50, 49, 48, 59, 58, 57, 56, 55, 64, 63, 62, 61, 60, 67, 66, 65,
];

/** Random points, except the eyes: level, centred at x = 0.35 and 0.65 (inter-ocular distance 0.3). */
function face(seed: number): Float32Array {
  const rng = createRng(seed);
  const p = new Float32Array(136);
  for (let i = 0; i < 68; i++) {
    p[2 * i] = 0.5 + (rng.next() - 0.5) * 0.6;
    p[2 * i + 1] = 0.2 + rng.next() * 0.7;
  }
  for (let k = 0; k < 6; k++) {
    const dx = [-0.05, -0.02, 0.02, 0.05, 0.02, -0.02][k]!;
    const dy = [0, -0.02, -0.02, 0, 0.02, 0.02][k]!;
    p.set([0.35 + dx, 0.4 + dy], 2 * (36 + k));
    p.set([0.65 - dx, 0.4 + dy], 2 * (42 + k));
  }
  return p;
}
const IOD = 0.3;

function transform(p: Float32Array, angle: number, scale: number, dx: number, dy: number): Float32Array {
  const out = new Float32Array(p.length);
  for (let i = 0; i < 68; i++) {
    const x = p[2 * i]!;
    const y = p[2 * i + 1]!;
    out[2 * i] = scale * (Math.cos(angle) * x - Math.sin(angle) * y) + dx;
    out[2 * i + 1] = scale * (Math.sin(angle) * x + Math.cos(angle) * y) + dy;
  }
  return out;
}

const at = (name: (typeof EXPRESSION_GEOMETRY_NAMES)[number]) => EXPRESSION_GEOMETRY_NAMES.indexOf(name);

describe('expressionGeometry', () => {
  it('does not change when the face moves, grows or rolls', () => {
    const p = face(1);
    const g = expressionGeometry(p);
    expect(g).toHaveLength(EXPRESSION_GEOMETRY_DIM);
    const moved = expressionGeometry(transform(p, 0.4, 2.5, 30, -7));
    g.forEach((v, i) => expect(moved[i]).toBeCloseTo(v, 4));
  });

  it('gives the same numbers for the mirror image of a face', () => {
    const p = face(2);
    const mirrored = new Float32Array(136);
    for (let i = 0; i < 68; i++) {
      mirrored[2 * i] = 1 - p[2 * MIRROR[i]!]!;
      mirrored[2 * i + 1] = p[2 * MIRROR[i]! + 1]!;
    }
    const g = expressionGeometry(p);
    const m = expressionGeometry(mirrored);
    g.forEach((v, i) => expect(m[i]).toBeCloseTo(v, 4));
  });

  it('reads raised brows and a dropped jaw where they are, and nowhere else', () => {
    const p = face(3);
    const raised = Float32Array.from(p);
    for (let i = 17; i <= 26; i++) raised[2 * i + 1]! -= 0.05;
    const before = expressionGeometry(p);
    const after = expressionGeometry(raised);
    expect(after[at('browHeight')]! - before[at('browHeight')]!).toBeCloseTo(0.05 / IOD, 4);
    expect(before[at('eyeOpening')]).toBeCloseTo(0.04 / IOD, 4);
    expect(after[at('mouthWidth')]).toBeCloseTo(before[at('mouthWidth')]!, 6);
    const opened = Float32Array.from(p);
    for (const i of [8, 55, 56, 57, 58, 59, 65, 66, 67]) opened[2 * i + 1]! += 0.05;
    const o = expressionGeometry(opened);
    expect(o[at('mouthInnerOpening')]!).toBeGreaterThan(before[at('mouthInnerOpening')]!);
    expect(o[at('chinDepth')]!).toBeGreaterThan(before[at('chinDepth')]!);
    expect(o[at('browHeight')]).toBeCloseTo(before[at('browHeight')]!, 6);
  });

  it('refuses too few numbers and gives zeros for a degenerate face', () => {
    expect(() => expressionGeometry(new Float32Array(10))).toThrow(/136/);
    expect([...expressionGeometry(new Float32Array(136))]).toEqual(new Array(EXPRESSION_GEOMETRY_DIM).fill(0));
  });
});
