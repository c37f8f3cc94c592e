import { describe, expect, it } from 'vitest';
import { createThumbnailStore } from './thumbnails';

describe('thumbnail store', () => {
  const store = () => createThumbnailStore(4, 8, (_bitmap, box) => `crop@${box.x}`);
  const offer = (s: ReturnType<typeof store>, trackId: number, n: number, from = 0) => {
    for (let i = from; i < from + n; i++) s.offer(trackId, i, {} as CanvasImageSource, { x: i, y: 0, w: 1, h: 1 });
  };

  it('keeps at most perTrack crops, spread over the track', () => {
    const s = store();
    offer(s, 1, 9);
    expect(s.get(1).map((t) => t.tSec)).toEqual([0, 4, 8]);
  });

  it('puts a joined track’s crops after those of the track it continues, within perTrack', () => {
    const s = store();
    offer(s, 1, 3);
    offer(s, 2, 3, 10);
    offer(s, 3, 2, 20);
    s.relabel(new Map([[3, 1]]));
    expect(s.get(3)).toEqual([]);
    expect(s.get(1).map((t) => t.tSec)).toEqual([0, 2, 21]); // 0, 1, 2, 20, 21 thinned to every other one
    expect(s.get(2).map((t) => t.tSec)).toEqual([10, 11, 12]);
    // A joined track whose kept one has no crops (too short to be offered any) keeps its own.
    s.relabel(new Map([[2, 9]]));
    expect(s.get(9).map((t) => t.tSec)).toEqual([10, 11, 12]);
  });
});
