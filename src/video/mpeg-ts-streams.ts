/**
 * Which video codec an MPEG-TS file's program map lists (a camcorder's or a TV recording's
 * stream), read from its first packets. mediabunny skips video streams it cannot decode (MPEG-2 of
 * HDV camcorders and TV recordings), so such a file looked like audio only; this names what it
 * holds instead. Pure: no DOM.
 */
import { CODEC_NAMES } from './codec-names';

/** Elementary stream types of video (ISO/IEC 13818-1 table 2-34, and the usual registrations). */
const VIDEO_STREAM_TYPES: Record<number, string> = {
  0x01: CODEC_NAMES.mpeg1,
  0x02: CODEC_NAMES.mpeg2,
  0x10: CODEC_NAMES.mpeg4Part2,
  0x1b: CODEC_NAMES.h264,
  0x24: CODEC_NAMES.hevc,
  0xea: CODEC_NAMES.vc1,
};

const SYNC = 0x47;

/** The packet size (188, or 192 for a Blu-ray/AVCHD .m2ts) and the sync byte's offset in each packet; null when `bytes` is not MPEG-TS. */
function packetLayout(bytes: Uint8Array): { size: number; sync: number } | null {
  for (const [size, sync] of [[188, 0], [192, 4]] as const) {
    if (bytes.length < size * 3) continue;
    if ([0, 1, 2].every((i) => bytes[i * size + sync] === SYNC)) return { size, sync };
  }
  return null;
}

/** The payloads of the packets of `pid` that start a section, in file order (pointer field applied). */
function* sectionStarts(bytes: Uint8Array, layout: { size: number; sync: number }, pid: number): Generator<Uint8Array> {
  for (let at = layout.sync; at + 188 <= bytes.length; at += layout.size) {
    if (bytes[at] !== SYNC) continue;
    const start = (bytes[at + 1]! & 0x40) !== 0;
    if (!start || (((bytes[at + 1]! & 0x1f) << 8) | bytes[at + 2]!) !== pid) continue;
    const adaptation = (bytes[at + 3]! >> 4) & 0x3;
    let payload = at + 4;
    if (adaptation === 2) continue;
    if (adaptation === 3) payload += 1 + bytes[payload]!;
    payload += 1 + bytes[payload]!; // the pointer field
    if (payload < at + 188) yield bytes.subarray(payload, at + 188);
  }
}

/**
 * The name of the first video stream an MPEG-TS file's program map lists ('MPEG-2 (…)', 'H.264',
 * …), from its first bytes (64 KB hold the tables of a camera's file); null when `bytes` is not
 * MPEG-TS or lists no video stream of those kinds.
 */
export function mpegTsVideoCodec(bytes: Uint8Array): string | null {
  const layout = packetLayout(bytes);
  if (!layout) return null;
  for (const pat of sectionStarts(bytes, layout, 0)) {
    // PAT: table id 0, then 8 header bytes, then 4 bytes per program until the CRC.
    const sectionLength = ((pat[1]! & 0x0f) << 8) | pat[2]!;
    for (let p = 8; p + 4 <= 3 + sectionLength - 4 && p + 4 <= pat.length; p += 4) {
      const program = (pat[p]! << 8) | pat[p + 1]!;
      if (program === 0) continue; // the network PID
      const pmtPid = ((pat[p + 2]! & 0x1f) << 8) | pat[p + 3]!;
      for (const pmt of sectionStarts(bytes, layout, pmtPid)) {
        if (pmt[0] !== 0x02) continue;
        const length = ((pmt[1]! & 0x0f) << 8) | pmt[2]!;
        const end = Math.min(pmt.length, 3 + length - 4);
        let at = 12 + (((pmt[10]! & 0x0f) << 8) | pmt[11]!);
        while (at + 5 <= end) {
          const type = pmt[at]!;
          const name = VIDEO_STREAM_TYPES[type];
          if (name) return name;
          at += 5 + (((pmt[at + 3]! & 0x0f) << 8) | pmt[at + 4]!);
        }
        return null;
      }
    }
  }
  return null;
}
