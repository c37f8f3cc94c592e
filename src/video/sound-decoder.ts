/**
 * Whether a sound track can be decoded in this browser: by WebCodecs itself, or — Dolby Digital (AC-3,
 * E-AC-3: camcorders' AVCHD, films, TV recordings), which most browsers lack — by mediabunny's
 * extension in WebAssembly (1.1 MB, fetched only when such a track is met). Shared by the probe
 * (open-video.ts: a sound it cannot decode is converted, conversion.ts) and the decoding (decode-audio.ts).
 */
import type { InputAudioTrack } from 'mediabunny';

let ac3Registered = false;

/** True when `track` can be decoded here (registering the AC-3 extension when it is what it takes). */
export async function canDecodeSound(track: InputAudioTrack): Promise<boolean> {
  if (await track.canDecode()) return true;
  if (track.codec !== 'ac3' && track.codec !== 'eac3') return false;
  const { registerAc3Decoder } = await import('@mediabunny/ac3');
  ac3Registered ||= (registerAc3Decoder(), true);
  return true;
}
