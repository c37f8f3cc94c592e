/**
 * What an H.264 frame in Annex B form (start codes, as AVI and MPEG-TS store it) says about
 * itself: whether it is a key frame, and the WebCodecs codec string from its sequence parameter
 * set. Pure: no DOM.
 */

const NAL_IDR = 5;
const NAL_SPS = 7;

/** The NAL units' payloads (after each 00 00 01 start code). */
function* nalUnits(bytes: Uint8Array): Generator<Uint8Array> {
  let start = -1;
  for (let i = 0; i + 2 < bytes.length; i++) {
    if (bytes[i] !== 0 || bytes[i + 1] !== 0 || bytes[i + 2] !== 1) continue;
    if (start >= 0) yield bytes.subarray(start, i);
    start = i + 3;
    i += 2;
  }
  if (start >= 0 && start < bytes.length) yield bytes.subarray(start);
}

/** True when the frame holds an IDR picture (decoding can start there). */
export function isH264KeyFrame(bytes: Uint8Array): boolean {
  for (const nal of nalUnits(bytes)) if ((nal[0]! & 0x1f) === NAL_IDR) return true;
  return false;
}

/** `avc1.PPCCLL` from the frame's sequence parameter set (profile, constraint flags, level); null without one. */
export function h264CodecString(bytes: Uint8Array): string | null {
  for (const nal of nalUnits(bytes)) {
    if ((nal[0]! & 0x1f) !== NAL_SPS || nal.length < 4) continue;
    const hex = (v: number) => v.toString(16).padStart(2, '0');
    return `avc1.${hex(nal[1]!)}${hex(nal[2]!)}${hex(nal[3]!)}`;
  }
  return null;
}
