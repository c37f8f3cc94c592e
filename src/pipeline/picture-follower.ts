/**
 * The picture inside bars, followed from frame to frame of one video (src/core/framing/picture-bars.ts)
 * and put in the analysed frame's pixels for the person detector (`PerceptionState.picture`). The app's
 * worker reads it on the decoder's grey frames; the Node feature extraction on each frame's own pixels.
 */
import type { Box } from '../core/geometry';
import { pictureInBars } from '../core/framing/picture-bars';
import type { GrayImage } from '../core/gray-image';

/** A function of one video: a grey picture of the frame and the analysed frame's width → the picture in that frame's pixels, or null. */
export function createPictureFollower(): (grey: GrayImage, frameWidth: number) => Box | null {
  let known: Box | null = null;
  return (grey, frameWidth) => {
    known = pictureInBars(grey, known);
    const k = frameWidth / grey.width;
    return known && { x: known.x * k, y: known.y * k, w: known.w * k, h: known.h * k };
  };
}
