/**
 * Reads an AVI file's streams and where each stream's chunks lie (RIFF: `hdrl` headers, `movi`
 * data, `idx1` index), for the AVI files of older digital cameras and capture tools (Motion JPEG
 * with PCM sound, sometimes H.264). mediabunny reads no AVI, and no npm package we found gives an
 * AVI's video chunks in the browser (audiojs' @audio/decode-avi decodes the sound only), so this is
 * ours: the headers and the index are all it needs. Pure: reads through `read`, no DOM.
 */

/** Reads `length` bytes at `offset` (fewer at the end of the file). */
export type ByteReader = (offset: number, length: number) => Promise<Uint8Array>;

/** Where one chunk's data lies in the file. */
export interface AviChunk {
  offset: number;
  size: number;
}

/** The first video stream: its compression fourcc (`MJPG`, `H264`, `XVID`, …) and frame grid. */
export interface AviVideoStream {
  compression: string;
  width: number;
  height: number;
  /** Seconds per frame slot (strh scale / rate): AVI has one frame per slot, an empty chunk for a dropped one. */
  frameSec: number;
  /** One per frame slot, in order; size 0 for a dropped frame. */
  chunks: AviChunk[];
  /** Frame slots the header announces (strh length): more than `chunks` when the recording was cut short. */
  declaredFrames: number;
}

/** The first audio stream: its WAVEFORMATEX and chunks. */
export interface AviAudioStream {
  /** WAVE_FORMAT tag: 1 PCM, 3 float, 0x55 MP3, 0xff / 0x1600 AAC, 0xfffe extensible. */
  formatTag: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  blockAlign: number;
  bytesPerSec: number;
  /** The extensible format's sub-format (its GUID's first two bytes), else `formatTag`. */
  subFormat: number;
  chunks: AviChunk[];
}

export interface AviFile {
  video: AviVideoStream | null;
  audio: AviAudioStream | null;
}

/** Thrown when the bytes are not an AVI file this reader understands, or end before its index. */
export class AviFormatError extends Error {}

const AVIIF_LIST = 0x1;
/** Bytes of one idx1 entry: ckid, flags, offset, size. */
const IDX1_ENTRY = 16;

interface RiffChunk {
  id: string;
  /** For RIFF and LIST: the list type. */
  listType?: string;
  /** Where the chunk's data starts (after id and size, and after the list type for lists). */
  dataOffset: number;
  dataSize: number;
}

function fourcc(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The chunks from `offset` to `end`, headers only (each chunk's data is skipped). */
async function* chunksIn(read: ByteReader, offset: number, end: number): AsyncGenerator<RiffChunk> {
  while (offset + 8 <= end) {
    const head = await read(offset, 12);
    if (head.length < 8) return;
    const id = fourcc(head, 0);
    const size = view(head).getUint32(4, true);
    const isList = id === 'RIFF' || id === 'LIST';
    // A chunk the data does not hold whole ends the walk (a recording cut short); a list is yielded and read as far as it goes.
    if (!isList && offset + 8 + size > end) return;
    yield isList
      ? { id, listType: head.length >= 12 ? fourcc(head, 8) : '', dataOffset: offset + 12, dataSize: Math.max(0, size - 4) }
      : { id, dataOffset: offset + 8, dataSize: size };
    // Chunks are padded to an even size.
    offset += 8 + size + (size & 1);
  }
}

/** The stream number of a movi chunk id (`00dc`, `01wb`): its first two characters, in decimal. */
function streamOf(id: string): number {
  const n = Number.parseInt(id.slice(0, 2), 10);
  return Number.isNaN(n) ? -1 : n;
}

interface StreamHeader {
  type: string;
  scale: number;
  rate: number;
  length: number;
  format: Uint8Array;
}

async function readStreamList(read: ByteReader, list: RiffChunk): Promise<StreamHeader | null> {
  let header: Omit<StreamHeader, 'format'> | null = null;
  let format: Uint8Array | null = null;
  for await (const c of chunksIn(read, list.dataOffset, list.dataOffset + list.dataSize)) {
    if (c.id === 'strh' && c.dataSize >= 36) {
      const b = await read(c.dataOffset, c.dataSize);
      header = { type: fourcc(b, 0), scale: view(b).getUint32(20, true), rate: view(b).getUint32(24, true), length: view(b).getUint32(32, true) };
    } else if (c.id === 'strf') {
      format = await read(c.dataOffset, c.dataSize);
    }
  }
  return header && format ? { ...header, format } : null;
}

function videoStream(h: StreamHeader): Omit<AviVideoStream, 'chunks'> {
  if (h.format.length < 20) throw new AviFormatError('AVI video stream without a picture format');
  const f = view(h.format);
  // BITMAPINFOHEADER: a negative height means rows stored top-down.
  return {
    compression: fourcc(h.format, 16).replace(/\0/g, ' ').trim(),
    width: f.getInt32(4, true),
    height: Math.abs(f.getInt32(8, true)),
    frameSec: h.rate > 0 ? h.scale / h.rate : 0,
    declaredFrames: h.length,
  };
}

function audioStream(h: StreamHeader): Omit<AviAudioStream, 'chunks'> {
  if (h.format.length < 14) throw new AviFormatError('AVI audio stream without a sound format');
  const f = view(h.format);
  const formatTag = f.getUint16(0, true);
  const bitsPerSample = h.format.length >= 16 ? f.getUint16(14, true) : 0;
  // WAVEFORMATEXTENSIBLE: the real format is the first two bytes of the sub-format GUID (at 24).
  const subFormat = formatTag === 0xfffe && h.format.length >= 26 ? f.getUint16(24, true) : formatTag;
  return { formatTag, channels: f.getUint16(2, true), sampleRate: f.getUint32(4, true), bytesPerSec: f.getUint32(8, true), blockAlign: f.getUint16(12, true), bitsPerSample, subFormat };
}

/** Chunk positions from idx1, whose offsets count from the `movi` fourcc (or, in some writers', from the file's start). */
async function chunksFromIdx1(read: ByteReader, idx1: RiffChunk, moviStart: number, streams: number[]): Promise<Map<number, AviChunk[]> | null> {
  const bytes = await read(idx1.dataOffset, idx1.dataSize);
  const v = view(bytes);
  const count = Math.floor(bytes.length / IDX1_ENTRY);
  if (count === 0) return null;
  // Which base: the first entry's chunk id must be found 8 bytes before its data.
  const firstOffset = v.getUint32(8, true);
  const firstId = fourcc(bytes, 0);
  const probe = await read(moviStart + firstOffset, 4);
  const base = probe.length === 4 && fourcc(probe, 0) === firstId ? moviStart : 0;
  const out = new Map(streams.map((s) => [s, [] as AviChunk[]]));
  for (let i = 0; i < count; i++) {
    const at = i * IDX1_ENTRY;
    if (v.getUint32(at + 4, true) & AVIIF_LIST) continue;
    out.get(streamOf(fourcc(bytes, at)))?.push({ offset: base + v.getUint32(at + 8, true) + 8, size: v.getUint32(at + 12, true) });
  }
  return out;
}

/** Chunk positions by walking the movi lists (no idx1: a recording cut short, or an OpenDML file over 1 GB with more RIFF parts). */
async function chunksByScan(read: ByteReader, movis: RiffChunk[], streams: number[]): Promise<Map<number, AviChunk[]>> {
  const out = new Map(streams.map((s) => [s, [] as AviChunk[]]));
  const walk = async (list: RiffChunk) => {
    for await (const c of chunksIn(read, list.dataOffset, list.dataOffset + list.dataSize)) {
      if (c.id === 'LIST' && c.listType === 'rec ') await walk(c);
      else out.get(streamOf(c.id))?.push({ offset: c.dataOffset, size: c.dataSize });
    }
  };
  for (const m of movis) await walk(m);
  return out;
}

/** Reads the headers and index of the AVI file of `size` bytes behind `read`. */
export async function readAviFile(read: ByteReader, size: number): Promise<AviFile> {
  const head = await read(0, 12);
  if (head.length < 12 || fourcc(head, 0) !== 'RIFF' || fourcc(head, 8) !== 'AVI ') throw new AviFormatError('not an AVI file');
  const headers: StreamHeader[] = [];
  const movis: RiffChunk[] = [];
  let idx1: RiffChunk | null = null;
  // The first RIFF 'AVI ' part, then OpenDML's 'AVIX' parts, each with its own movi list.
  for await (const riff of chunksIn(read, 0, size)) {
    if (riff.id !== 'RIFF') continue;
    for await (const c of chunksIn(read, riff.dataOffset, Math.min(size, riff.dataOffset + riff.dataSize))) {
      if (c.id === 'LIST' && c.listType === 'hdrl') {
        for await (const s of chunksIn(read, c.dataOffset, c.dataOffset + c.dataSize)) {
          if (s.id === 'LIST' && s.listType === 'strl') headers.push((await readStreamList(read, s)) ?? { type: '', scale: 0, rate: 0, length: 0, format: new Uint8Array() });
        }
      } else if (c.id === 'LIST' && c.listType === 'movi') {
        // A file cut short keeps the list's announced size: read only what is there.
        movis.push({ ...c, dataSize: Math.min(c.dataSize, size - c.dataOffset) });
      } else if (c.id === 'idx1' && c.dataOffset + c.dataSize <= size) {
        idx1 = c;
      }
    }
  }
  if (movis.length === 0) throw new AviFormatError('AVI file without data (no movi list)');
  const videoIndex = headers.findIndex((h) => h.type === 'vids');
  const audioIndex = headers.findIndex((h) => h.type === 'auds');
  const streams = [videoIndex, audioIndex].filter((i) => i >= 0);
  const fromIndex = idx1 && movis.length === 1 ? await chunksFromIdx1(read, idx1, movis[0]!.dataOffset - 4, streams) : null;
  const chunks = fromIndex ?? (await chunksByScan(read, movis, streams));
  return {
    video: videoIndex >= 0 ? { ...videoStream(headers[videoIndex]!), chunks: chunks.get(videoIndex) ?? [] } : null,
    audio: audioIndex >= 0 ? { ...audioStream(headers[audioIndex]!), chunks: chunks.get(audioIndex) ?? [] } : null,
  };
}
