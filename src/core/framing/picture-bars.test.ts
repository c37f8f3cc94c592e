import { describe, expect, it } from 'vitest';
import { pictureInBars, type GrayImage } from './picture-bars';

/** A `width`×`height` grey frame: `pixel(x, y)` inside `picture`, `outside` elsewhere. */
function frame(width: number, height: number, picture: { x: number; y: number; w: number; h: number }, pixel: (x: number, y: number) => number, outside = 16): GrayImage {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inside = x >= picture.x && x < picture.x + picture.w && y >= picture.y && y < picture.y + picture.h;
      data[y * width + x] = inside ? pixel(x - picture.x, y - picture.y) : outside;
    }
  }
  return { width, height, data };
}
/** A textured scene (a room, a face): every line has detail and a mid-grey median. */
const scene = (x: number, y: number) => 90 + ((x * 37 + y * 91 + ((x * y) % 13) * 7) % 80);

describe('pictureInBars', () => {
  it('finds the picture in black bars above and below (a landscape clip reposted in portrait) and at the sides (a portrait one in landscape)', () => {
    expect(pictureInBars(frame(360, 640, { x: 0, y: 185, w: 360, h: 270 }, scene))).toEqual({ x: 0, y: 185, w: 360, h: 270 });
    expect(pictureInBars(frame(480, 270, { x: 164, y: 0, w: 152, h: 270 }, scene))).toEqual({ x: 164, y: 0, w: 152, h: 270 });
  });

  it('finds none in a frame filled by its picture, nor beside a scene whose dark background reaches the frame’s edges', () => {
    expect(pictureInBars(frame(360, 270, { x: 0, y: 0, w: 360, h: 270 }, scene))).toBeNull();
    // A person lit in the middle of a room clipped to black (head and shoulders, an ellipse): the
    // columns past the dark ones cross the person's edge only, dark along most of their length.
    const person = (x: number, y: number) => (((x - 180) / 90) ** 2 + ((y - 230) / 170) ** 2 < 1 ? scene(x, y) : 16);
    expect(pictureInBars(frame(360, 270, { x: 0, y: 0, w: 360, h: 270 }, person))).toBeNull();
  });

  it('wants bars at both ends, of about one size, leaving the picture at least 30 % of the frame', () => {
    expect(pictureInBars(frame(360, 640, { x: 0, y: 0, w: 360, h: 455 }, scene))).toBeNull(); // one bar only
    expect(pictureInBars(frame(360, 640, { x: 0, y: 100, w: 360, h: 270 }, scene))).toBeNull(); // 100 and 270: not centred
    expect(pictureInBars(frame(360, 640, { x: 0, y: 260, w: 360, h: 120 }, scene))).toBeNull(); // 19 % left
  });

  it('keeps a picture found before while its bars hold, when its own edge lines turn dark', () => {
    const found = pictureInBars(frame(360, 640, { x: 0, y: 185, w: 360, h: 270 }, scene))!;
    // Dark at the picture's top and bottom (hair, clothes): alone it is not told from a dark room.
    const darkEnds = frame(360, 640, { x: 0, y: 185, w: 360, h: 270 }, (x, y) => (y < 10 || y >= 260 ? 20 + ((x * 7) % 12) : scene(x, y)));
    expect(pictureInBars(darkEnds)).toBeNull();
    expect(pictureInBars(darkEnds, found)).toEqual(found);
    // Bars gone (a cut to a full-frame shot): not kept.
    expect(pictureInBars(frame(360, 640, { x: 0, y: 0, w: 360, h: 640 }, scene), found)).toBeNull();
  });
});
