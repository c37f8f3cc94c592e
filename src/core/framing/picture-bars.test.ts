import { describe, expect, it } from 'vitest';
import { pictureInBars } from './picture-bars';
import type { GrayImage } from '../gray-image';

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

  it('finds the picture in a blurred fill above and below a portrait frame, and none where a portrait scene is smooth at its ends without an edge', () => {
    // The fill: the picture enlarged and blurred (here a smooth shading), as a phone's editor makes it.
    const blurred = (x: number, y: number) => 100 + Math.round(40 * Math.sin(x / 60) + 30 * Math.cos(y / 80));
    // A picture whose neighbouring rows are alike, as a camera's are: detail along the rows, slow change down them.
    const scene = (x: number, y: number) => 60 + ((x * 37) % 120) + Math.round(20 * Math.sin(y / 15));
    const filled = frame(360, 640, { x: 0, y: 185, w: 360, h: 270 }, scene);
    for (let y = 0; y < 640; y++) for (let x = 0; x < 360; x++) if (y < 185 || y >= 455) filled.data[y * 360 + x] = blurred(x, y);
    expect(pictureInBars(filled)).toEqual({ x: 0, y: 185, w: 360, h: 270 });
    // A portrait scene with a smooth sky and floor that shade into it: no straight edge, no picture.
    const sky = (x: number, y: number) => (y < 185 || y >= 455 ? blurred(x, y) : Math.round((scene(x, y) * Math.min(y - 184, 455 - y, 60)) / 60 + (blurred(x, y) * (60 - Math.min(y - 184, 455 - y, 60))) / 60));
    expect(pictureInBars(frame(360, 640, { x: 0, y: 0, w: 360, h: 640 }, sky))).toBeNull();
    // Landscape frames are not looked at for a fill (our clips' walls beside the picture are as flat).
    const wide = frame(640, 360, { x: 185, y: 0, w: 270, h: 360 }, scene);
    for (let y = 0; y < 360; y++) for (let x = 0; x < 640; x++) if (x < 185 || x >= 455) wide.data[y * 640 + x] = blurred(y, x);
    expect(pictureInBars(wide)).toBeNull();
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
