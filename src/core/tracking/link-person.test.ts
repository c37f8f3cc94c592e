import { describe, it, expect } from 'vitest';
import { linkFacesToPersons } from './link-person';

const frame = { width: 640, height: 480 };

describe('linkFacesToPersons', () => {
  it('picks the person box that contains the face best', () => {
    const face = { x: 100, y: 100, w: 20, h: 20 };
    const partly = { x: 110, y: 90, w: 100, h: 200 }; // holds half the face
    const fully = { x: 80, y: 80, w: 100, h: 300 };
    const [link] = linkFacesToPersons([face], [partly, fully], frame);
    expect(link).toEqual({ personIndex: 1, box: fully, containment: 1 });
  });

  it('breaks ties with the smaller person box', () => {
    const face = { x: 100, y: 100, w: 20, h: 20 };
    const big = { x: 0, y: 0, w: 400, h: 400 };
    const small = { x: 90, y: 90, w: 60, h: 150 };
    expect(linkFacesToPersons([face], [big, small], frame)[0]!.personIndex).toBe(1);
    expect(linkFacesToPersons([face], [small, big], frame)[0]!.personIndex).toBe(0);
  });

  it('falls back to the whole frame', () => {
    const face = { x: 100, y: 100, w: 20, h: 20 };
    const elsewhere = { x: 300, y: 0, w: 100, h: 300 };
    const barely = { x: 115, y: 100, w: 100, h: 100 }; // 25 % of the face
    const links = linkFacesToPersons([face], [elsewhere, barely], frame);
    expect(links[0]).toEqual({ personIndex: -1, box: { x: 0, y: 0, w: 640, h: 480 }, containment: 1 });
    expect(linkFacesToPersons([face], [barely], frame, 0.2)[0]!.personIndex).toBe(0);
    expect(linkFacesToPersons([], [elsewhere], frame)).toEqual([]);
  });
});
