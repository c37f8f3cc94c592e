/**
 * Names the containers people still have that browsers do not read (mediabunny reads MP4/MOV,
 * WebM/MKV, MPEG-TS, Ogg): older cameras' and datasets' AVI, Flash video, MPEG program streams,
 * Windows Media. Read from the file's first bytes, so "not a video emolens can read" can say what
 * the file is and how to make it readable. Pure: no DOM.
 */

/** Magic numbers at the start of each container. */
const SIGNATURES: { name: string; matches: (b: Uint8Array) => boolean }[] = [
  { name: 'AVI', matches: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'AVI ' },
  { name: 'Flash video (FLV)', matches: (b) => ascii(b, 0, 3) === 'FLV' },
  { name: 'MPEG program stream (VOB, MPG)', matches: (b) => b[0] === 0x00 && b[1] === 0x00 && b[2] === 0x01 && b[3] === 0xba },
  { name: 'Windows Media (WMV, ASF)', matches: (b) => b[0] === 0x30 && b[1] === 0x26 && b[2] === 0xb2 && b[3] === 0x75 },
];

function ascii(bytes: Uint8Array, from: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(from, from + length));
}

/** The container a file's first bytes (12 are enough) announce, among those browsers do not read; null otherwise. */
export function unreadableContainer(head: Uint8Array): string | null {
  return SIGNATURES.find((s) => s.matches(head))?.name ?? null;
}

/** The sentence for such a file. */
export function unreadableContainerMessage(container: string): string {
  return `This is ${container === 'AVI' ? 'an' : 'a'} ${container} file, a container browsers do not read. Re-encode it as MP4 (H.264), e.g. ffmpeg -i <file> -c:v libx264 -c:a aac out.mp4.`;
}
