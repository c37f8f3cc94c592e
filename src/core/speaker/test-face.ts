/** Test helper: landmarks of a drawn face, for the speaker's unit tests (no network involved). */

/** 68 landmarks of a schematic face with the inner lips `gap` apart (face length 1 from eyes to chin), relative to the face box's square crop. */
export function schematicFace(gap: number): number[] {
  const p = new Array<number>(136).fill(0.5);
  for (let i = 36; i < 48; i++) p[2 * i + 1] = 0.3; // eyes
  p[2 * 8 + 1] = 1.3; // chin
  for (let i = 48; i < 60; i++) {
    p[2 * i] = 0.4 + (0.2 * (i - 48)) / 11; // outer lips from x 0.4 to 0.6
    p[2 * i + 1] = i < 55 ? 0.85 : 0.95;
  }
  for (const [top, bottom] of [[61, 67], [62, 66], [63, 65]] as const) {
    p[2 * top + 1] = 0.9 - gap / 2;
    p[2 * bottom + 1] = 0.9 + gap / 2;
  }
  return p;
}
