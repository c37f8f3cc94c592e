/**
 * Whether a sound track can be decoded in this browser: by WebCodecs itself, or — Dolby Digital (AC-3,
 * E-AC-3: camcorders' AVCHD, films, TV recordings), which most browsers lack — by mediabunny's
 * extension in WebAssembly (1.1 MB). The probe (open-video.ts: a sound it cannot decode is converted,
 * conversion.ts) only asks; the decoding (decode-audio.ts) fetches and registers the extension.
 */
import type { InputAudioTrack } from 'mediabunny';

/** True when mediabunny's AC-3 extension decodes `codec`. */
function extensionDecodes(codec: string | null): boolean {
  return codec === 'ac3' || codec === 'eac3';
}

/** True when `track` can be decoded here, by the browser or by the extension (not fetched by asking). */
export async function canDecodeSound(track: InputAudioTrack): Promise<boolean> {
  return extensionDecodes(track.codec) || (await track.canDecode());
}

let extensionRegistered = false;

/** Makes `track` decodable here when it takes the extension (fetched and registered once); false when it cannot be. */
export async function readySoundDecoder(track: InputAudioTrack): Promise<boolean> {
  if (await track.canDecode()) return true;
  if (!extensionDecodes(track.codec)) return false;
  if (!extensionRegistered) {
    const { registerAc3Decoder } = await import('@mediabunny/ac3');
    registerAc3Decoder();
    extensionRegistered = true;
  }
  return true;
}
