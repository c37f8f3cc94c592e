/**
 * Names, from a file's first bytes, what people drop that is not a video a browser reads
 * (mediabunny reads MP4/MOV, WebM/MKV, MPEG-TS, Ogg), so "not a video emolens can read" can say
 * what the file is and what to do: the containers of older cameras and datasets (Flash video, MPEG
 * program streams, Windows Media; AVI, which emolens reads itself: open-avi.ts), and pictures — a phone's HEIC photo is an ISO file like an
 * MP4, which mediabunny opened and called truncated. Pure: no DOM.
 */

/** What a file's first bytes announce: a video container browsers do not read, or a picture. */
export interface SniffedFile {
  kind: 'container' | 'picture';
  name: string;
}

/** The major brands of ISO files that hold pictures (HEIF/HEIC, AVIF, and their sequences), not video. */
const PICTURE_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1', 'avif', 'avis']);

/** The name of the AVI container, which open-video.ts reads itself (open-avi.ts) instead of refusing. */
export const AVI = 'AVI';

/** The GIF picture format: an animated one is a clip (reaction GIFs), converted on the device like a video (conversion.ts). */
export const GIF = 'GIF';

/** Magic numbers at the start of each kind of file. */
const SIGNATURES: (SniffedFile & { matches: (b: Uint8Array) => boolean })[] = [
  { kind: 'container', name: AVI, matches: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'AVI ' },
  { kind: 'container', name: 'Flash video (FLV)', matches: (b) => ascii(b, 0, 3) === 'FLV' },
  { kind: 'container', name: 'MPEG program stream (VOB, MPG)', matches: (b) => startsWith(b, [0x00, 0x00, 0x01, 0xba]) },
  { kind: 'container', name: 'Windows Media (WMV, ASF)', matches: (b) => startsWith(b, [0x30, 0x26, 0xb2, 0x75]) },
  { kind: 'picture', name: 'JPEG', matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  { kind: 'picture', name: 'PNG', matches: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47]) },
  { kind: 'picture', name: GIF, matches: (b) => ascii(b, 0, 4) === 'GIF8' },
  { kind: 'picture', name: 'WebP', matches: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP' },
  { kind: 'picture', name: 'BMP', matches: (b) => ascii(b, 0, 2) === 'BM' && b.length >= 6 },
  { kind: 'picture', name: 'TIFF', matches: (b) => ascii(b, 0, 4) === 'II*\0' || ascii(b, 0, 4) === 'MM\0*' },
  { kind: 'picture', name: 'HEIC/HEIF or AVIF', matches: (b) => ascii(b, 4, 4) === 'ftyp' && PICTURE_BRANDS.has(ascii(b, 8, 4)) },
];

function ascii(bytes: Uint8Array, from: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(from, from + length));
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((v, i) => bytes[i] === v);
}

/** Bytes every signature above reads within. */
const HEAD_BYTES = 12;

/** What a file's first bytes (HEAD_BYTES are enough) announce, among what browsers cannot play as video; null otherwise. */
export function sniffFile(head: Uint8Array): SniffedFile | null {
  const found = SIGNATURES.find((s) => s.matches(head));
  return found ? { kind: found.kind, name: found.name } : null;
}

/** What the first bytes of `blob` announce (sniffFile). */
export async function sniffBlob(blob: Blob): Promise<SniffedFile | null> {
  return sniffFile(new Uint8Array(await blob.slice(0, HEAD_BYTES).arrayBuffer()));
}

/** The sentence for such a file. */
export function sniffedFileMessage({ kind, name }: SniffedFile): string {
  if (kind === 'picture') {
    return `This is a picture (${name}), not a video. emolens reads emotion in videos: drop a video, or make one of the picture, e.g. ffmpeg -loop 1 -i <file> -t 3 -c:v libx264 -pix_fmt yuv420p out.mp4.`;
  }
  return `This is a ${name} file, a container browsers do not read. Re-encode it as MP4 (H.264), e.g. ffmpeg -i <file> -c:v libx264 -c:a aac out.mp4.`;
}
