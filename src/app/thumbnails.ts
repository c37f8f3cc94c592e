/**
 * A few face crops per track, cut from frames as they are analysed and kept outside the store as
 * small JPEG data URLs. When a track has more than `perTrack`, every other one is dropped and the
 * stride doubles, so the kept crops stay spread over the whole track.
 */
import type { Box } from '../core/geometry';

/** One kept crop. */
export interface Thumbnail {
  tSec: number;
  url: string;
}

/** Thumbnails per track. */
export interface ThumbnailStore {
  /** Offers the face `box` of `trackId` in `bitmap`; crops it only when the track's stride says so. */
  offer(trackId: number, tSec: number, bitmap: CanvasImageSource, box: Box): boolean;
  get(trackId: number): readonly Thumbnail[];
  /** Puts each joined track's crops after those of the track it continues (tracks joined across cuts). */
  relabel(joins: ReadonlyMap<number, number>): void;
  clear(): void;
}

interface TrackThumbs {
  seen: number;
  stride: number;
  list: Thumbnail[];
}

/** Cuts the face `box` out of `bitmap` and returns it as a data URL. */
export type CropToUrl = (bitmap: CanvasImageSource, box: Box) => string;

/** Crops through one reused `size`×`size` canvas into a small JPEG. */
export function canvasCrop(size: number): CropToUrl {
  let canvas: HTMLCanvasElement | null = null;
  return (bitmap, box) => {
    canvas ??= Object.assign(document.createElement('canvas'), { width: size, height: size });
    const ctx = canvas.getContext('2d')!;
    // A square around the face with a little margin, like the crops the networks see.
    const side = Math.max(box.w, box.h) * 1.2;
    const cx = box.x + box.w / 2;
    const cy = box.y + box.h / 2;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, size, size);
    ctx.drawImage(bitmap, cx - side / 2, cy - side / 2, side, side, 0, 0, size, size);
    return canvas.toDataURL('image/jpeg', 0.8);
  };
}

/**
 * Creates an empty store. `size` is the square crop side in CSS pixels; `crop` makes the picture
 * (a canvas in the page; tests pass their own).
 */
export function createThumbnailStore(perTrack = 8, size = 64, crop: CropToUrl = canvasCrop(size)): ThumbnailStore {
  const tracks = new Map<number, TrackThumbs>();
  /** Every other crop dropped, stride doubled, until the track's crops fit `perTrack`. */
  const thin = (t: TrackThumbs) => {
    while (t.list.length > perTrack) {
      t.list = t.list.filter((_, i) => i % 2 === 0);
      t.stride *= 2;
    }
  };
  return {
    offer(trackId, tSec, bitmap, box) {
      let t = tracks.get(trackId);
      if (!t) tracks.set(trackId, (t = { seen: 0, stride: 1, list: [] }));
      const take = t.seen % t.stride === 0;
      t.seen++;
      if (!take) return false;
      t.list.push({ tSec, url: crop(bitmap, box) });
      thin(t);
      return true;
    },
    relabel(joins) {
      for (const [from, into] of joins) {
        const joined = tracks.get(from);
        if (!joined) continue;
        tracks.delete(from);
        const kept = tracks.get(into);
        if (!kept) tracks.set(into, joined);
        else {
          kept.list.push(...joined.list);
          kept.seen += joined.seen;
          kept.stride = Math.max(kept.stride, joined.stride);
          thin(kept);
        }
      }
    },
    get: (trackId) => tracks.get(trackId)?.list ?? [],
    clear: () => tracks.clear(),
  };
}
