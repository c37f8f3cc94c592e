/**
 * Test inputs made with ffmpeg from the shared clips (never committed): composites with known
 * answers, a video without faces, broken files. Each is made once per run into test-results/inputs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loopVideo } from '../src/node/ffmpeg';
import { makePersonFree, PERSON_FREE_KINDS } from '../src/node/person-free-footage';
import { makeUnfamiliar, UNFAMILIAR_KINDS } from '../src/node/unfamiliar-footage';
import { clip, makeOnce, scratch } from './fixtures';
import { demoPhoto } from '../src/node/demo-photos';
import { alternatingShotsArgs } from '../src/node/edited-footage';

const H264 = ['-an', '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-r', '30'];
/** H264 at ffmpeg's fastest preset, for the HD and 4K copies (4K at veryfast takes several seconds more). */
const H264_FAST = H264.map((a) => (a === 'veryfast' ? 'ultrafast' : a));
/** H264 with the sound kept (AAC), for clips whose voice a test listens to. */
const H264_WITH_SOUND = [...H264.filter((a) => a !== '-an'), '-c:a', 'aac'];

function ffmpeg(out: string, args: string[]): string {
  return makeOnce(join(scratch, out), (tmp) => execFileSync('ffmpeg', ['-v', 'error', '-y', ...args, tmp]));
}

/** Duration of a media file in seconds (ffprobe). */
export function durationSec(path: string): number {
  return Number(
    execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', path]).toString().trim(),
  );
}

/** Frame count of the first video stream, counted by decoding (ffprobe). */
export function frameCount(path: string): number {
  return Number(
    execFileSync('ffprobe', [
      '-v', 'error', '-select_streams', 'v:0', '-count_frames',
      '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', path,
    ]).toString().trim(),
  );
}

/** Two people side by side: `big` at full size on the left, `small` at half size on the right. */
export function sideBySideOneLarger(big = '01-01-03_01.mp4', small = '02-01-01_01.mp4'): string {
  return ffmpeg('side-by-side-left-larger.mp4', [
    '-i', clip(big), '-i', clip(small),
    '-filter_complex', '[1:v]scale=180:136,pad=360:270:90:67:black[r];[0:v][r]hstack=inputs=2:shortest=1[v]',
    '-map', '[v]', ...H264,
  ]);
}

/**
 * `main` on the left for the whole clip; `late` appears on the right (same size) only for the last
 * quarter of it, black before.
 */
export function lateSecondFace(main = '02-04-05_01.mp4', late = '01-01-01_01.mp4'): string {
  const d = durationSec(clip(main));
  const start = (d * 0.75).toFixed(3);
  return ffmpeg('late-second-face.mp4', [
    '-i', clip(main), '-i', clip(late),
    '-filter_complex',
    `[1:v]tpad=start_duration=${start}:color=black,setpts=PTS-STARTPTS[r];[0:v][r]hstack=inputs=2:shortest=1[v]`,
    '-map', '[v]', '-t', d.toFixed(3), ...H264,
  ]);
}

/**
 * Three seconds of a plain colour whose hue turns: a real video with no face in it. (ffmpeg's
 * busier test patterns, e.g. testsrc2, contain shapes the face detector takes for faces.)
 */
export function noFaceVideo(): string {
  return ffmpeg('no-face.mp4', ['-f', 'lavfi', '-i', 'color=c=0x3a6ea5:size=320x240:rate=30:duration=3', '-vf', 'hue=H=2*PI*t/3', ...H264]);
}

/** The first second of a shared clip. */
export function firstSecond(name: string): string {
  return ffmpeg(`first-second-${name}`, ['-i', clip(name), '-t', '1', ...H264]);
}

/** 0.6 s from the middle of a shared clip's sentence, with its sound: too short to tell whose voice it is. */
export function shortExcerpt(name = '01-01-03_01.mp4'): string {
  return ffmpeg(`short-excerpt-${name}`, ['-ss', '1.2', '-i', clip(name), '-t', '0.6', ...H264_WITH_SOUND]);
}

/** A clip re-encoded as HEVC (H.265), which Chromium on Linux cannot decode. */
export function hevcVideo(): string {
  return ffmpeg('hevc.mp4', ['-i', clip('01-01-03_01.mp4'), '-t', '2', '-an', '-c:v', 'libx265', '-x265-params', 'log-level=error']);
}

/** A clip in MPEG-4 Part 2 (old cameras' "mp4v"), a codec no browser decodes. */
export function mpeg4Part2Video(): string {
  return ffmpeg('mpeg4-part2.mp4', ['-i', clip('01-01-03_01.mp4'), '-t', '2', '-an', '-c:v', 'mpeg4']);
}

/**
 * An hour-long MPEG-4 Part 2 video in 1920×1440 holding three of a shared clip's frames (at 0, 30 and
 * 60 min, in Matroska): converted as an hour is, in a second.
 */
export function hourLongSparseVideo(): string {
  return ffmpeg('hour-long-sparse.mkv', ['-i', clip('01-01-03_01.mp4'), '-vf', "select='between(n,40,42)',setpts=(N)*1800/TB,scale=1920:1440", '-fps_mode', 'passthrough', '-an', '-c:v', 'mpeg4', '-q:v', '3']);
}

/** A shared clip as an HDV camcorder or a TV recording stores it: MPEG-2 video and MP2 sound in MPEG-TS (mediabunny sees only the sound). */
export function mpeg2Ts(): string {
  return ffmpeg('mpeg2-hdv.m2t', ['-i', clip('01-01-03_01.mp4'), '-t', '2', '-c:v', 'mpeg2video', '-c:a', 'mp2', '-f', 'mpegts']);
}

/**
 * A shared clip cut at `fromSec` without re-encoding, as trimming tools do: the video starts at the
 * keyframe before the cut and an edit list hides those frames (timestamps before 0), while the
 * sound starts at the cut.
 */
export function cutWithoutReencoding(name: string, fromSec: number): string {
  return ffmpeg(`cut-${fromSec}s-${name}`, ['-ss', String(fromSec), '-i', clip(name), '-c', 'copy']);
}

/** A clip in AVI as films and datasets such as AFEW come: Xvid (MPEG-4 Part 2), which no browser decodes, and MP3. */
export function xvidAvi(): string {
  return ffmpeg('xvid.avi', ['-i', clip('01-01-03_01.mp4'), '-t', '2', '-c:v', 'mpeg4', '-vtag', 'XVID', '-c:a', 'libmp3lame', '-f', 'avi']);
}

/**
 * `xvidAvi` with every frame's bytes zeroed after the fact (headers and index intact): neither the
 * browser nor FFmpeg can make a picture of it, so it is refused with the browser's own sentence.
 */
export function damagedXvidAvi(): string {
  return makeOnce(join(scratch, 'xvid-damaged.avi'), (tmp) => {
    const avi = readFileSync(xvidAvi());
    const view = new DataView(avi.buffer, avi.byteOffset, avi.byteLength);
    const end = avi.indexOf('idx1');
    // The chunks of the 'movi' list: a four-letter id, a little-endian size, the data (padded to even).
    for (let at = avi.indexOf('movi') + 4; at + 8 <= end; ) {
      const size = view.getUint32(at + 4, true);
      if (/^\d\dd[cb]$/.test(avi.toString('latin1', at, at + 4))) avi.fill(0, at + 8, at + 8 + size);
      at += 8 + size + (size & 1);
    }
    writeFileSync(tmp, avi);
  });
}

/** A shared clip as Windows Media: WMV 8 and WMA sound in an ASF file, a container browsers do not read. */
export function windowsMedia(): string {
  return ffmpeg('windows-media.wmv', ['-i', clip('01-01-03_01.mp4'), '-t', '2', '-c:v', 'wmv2', '-b:v', '1500k', '-c:a', 'wmav2']);
}

/** `name` as an AVCHD camcorder stores it: H.264 with Dolby Digital (AC-3) sound in an MPEG-TS, a sound browsers do not decode. */
export function avchdAc3(name = '04-01-03_01.mp4'): string {
  return ffmpeg(`avchd-${name.replace(/\.mp4$/, '.mts')}`, ['-i', clip(name), '-c:v', 'copy', '-bsf:v', 'h264_mp4toannexb', '-c:a', 'ac3', '-f', 'mpegts']);
}

/** `name` in Matroska with DTS sound, as films come: a picture browsers decode, a sound they do not. */
export function dtsSound(name = '04-01-03_01.mp4'): string {
  return ffmpeg(`dts-${name.replace(/\.mp4$/, '.mkv')}`, ['-i', clip(name), '-c:v', 'copy', '-strict', '-2', '-c:a', 'dts', '-ar', '48000', '-ac', '2']);
}

/** `name` as older compact cameras record it: Motion JPEG with IMA ADPCM sound in an AVI (a sound emolens's AVI reader does not hand on). */
export function cameraAdpcmAvi(name = '04-01-03_01.mp4'): string {
  return ffmpeg(`camera-adpcm-${name.replace(/\.mp4$/, '.avi')}`, ['-i', clip(name), '-c:v', 'mjpeg', '-q:v', '3', '-c:a', 'adpcm_ima_wav']);
}

/**
 * `name` as an iPhone records it: HEVC in 10 bits at 1280×960, stored sideways with a rotation tag
 * (a player turns it 90° clockwise), AAC sound, in a MOV. Chromium on Linux has no HEVC decoder.
 */
export function phoneHevc(name = '04-01-03_01.mp4'): string {
  const sideways = ffmpeg(`hevc-sideways-${name}`, [
    '-i', clip(name), '-vf', 'scale=1280:960,transpose=2',
    '-c:v', 'libx265', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p10le', '-tag:v', 'hvc1', '-x265-params', 'log-level=error', '-c:a', 'aac',
  ]);
  return withRotationTag(sideways, `phone-hevc-${name.replace(/\.mp4$/, '.mov')}`, 90);
}

/**
 * A shared clip in AVI as capture tools write it (browsers read no AVI: emolens does, open-avi.ts):
 * H.264 in decode order with B-frames, which must come out at their own times, and PCM sound.
 */
export function h264Avi(name = '01-01-03_01.mp4'): string {
  return ffmpeg(`h264-${name.replace(/\.mp4$/, '.avi')}`, ['-i', clip(name), '-c:v', 'libx264', '-preset', 'veryfast', '-bf', '3', '-c:a', 'pcm_s16le', '-f', 'avi']);
}

/**
 * One frame of a shared clip saved as a picture: a JPEG, or an AVIF — an ISO file like a phone's
 * HEIC photo, which a video reader opens as it opens an MP4.
 */
export function stillPicture(format: 'jpg' | 'avif' | 'gif'): string {
  const codec = format === 'avif' ? ['-c:v', 'libaom-av1', '-still-picture', '1'] : [];
  return ffmpeg(`photo.${format}`, ['-i', clip('01-01-03_01.mp4'), '-frames:v', '1', ...codec]);
}

/** A reaction GIF: the first two seconds of `name` at 10 frames a second, 240 px wide, no sound. */
export function animatedGif(name = '01-01-03_01.mp4'): string {
  return ffmpeg(`reaction-${name.replace(/\.mp4$/, '.gif')}`, ['-i', clip(name), '-t', '2', '-vf', 'fps=10,scale=240:-1']);
}

/** A shared clip cropped to its face and scaled to `side` px square: the face fills the frame, as in a face dataset. */
export function tightFaceCrop(side: number, name = '01-01-03_01.mp4'): string {
  return ffmpeg(`tight-${side}-${name}`, ['-i', clip(name), '-vf', `crop=150:150:108:75,scale=${side}:${side}`, ...H264]);
}

/** A shared clip as filmed at night: dark, low contrast, grainy (ffmpeg's noise is seeded: the same file each run). */
export function nightCopy(name = '01-01-03_01.mp4'): string {
  return ffmpeg(`night-${name}`, ['-i', clip(name), '-vf', 'eq=brightness=-0.25:contrast=0.5,noise=alls=25:allf=t', ...H264]);
}

/** Two seconds of a tone in an MP4 container: audio only. */
export function audioOnly(): string {
  return ffmpeg('audio-only.m4a', ['-f', 'lavfi', '-i', 'sine=frequency=440:duration=2', '-c:a', 'aac']);
}

/** A 4K (3840×2160) version of a shared clip, two seconds long. */
export function video4k(): string {
  return ffmpeg('4k.mp4', ['-i', clip('01-01-03_01.mp4'), '-t', '2', '-vf', 'scale=3840:2160', '-an', '-c:v', 'libx264', '-preset', 'ultrafast']);
}

/**
 * The first half of a shared clip's bytes. `moovFirst` keeps the index at the front (faststart),
 * so the frames run out; otherwise the index at the end is lost.
 */
export function truncatedMp4(moovFirst: boolean): string {
  const name = moovFirst ? 'truncated-moov-first.mp4' : 'truncated-moov-last.mp4';
  return makeOnce(join(scratch, name), (tmp) => {
    const source = moovFirst ? ffmpeg('faststart.mp4', ['-i', clip('01-01-03_01.mp4'), '-c', 'copy', '-movflags', '+faststart']) : clip('01-01-03_01.mp4');
    const bytes = readFileSync(source);
    writeFileSync(tmp, bytes.subarray(0, Math.floor(bytes.length / 2)));
  });
}

/**
 * An older camera's AVI (Motion JPEG, PCM) whose recording was cut short: the first 60 % of its
 * bytes, its index (at the end) lost, its header still announcing every frame.
 */
export function cutShortAvi(): string {
  return makeOnce(join(scratch, 'cut-short.avi'), (tmp) => {
    const bytes = readFileSync(ffmpeg('mjpeg-pcm.avi', ['-i', clip('01-01-03_01.mp4'), '-c:v', 'mjpeg', '-q:v', '4', '-c:a', 'pcm_s16le', '-f', 'avi']));
    writeFileSync(tmp, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
  });
}

/** An empty file named like a video. */
export function zeroByteFile(): string {
  return makeOnce(join(scratch, 'zero.mp4'), (tmp) => writeFileSync(tmp, ''));
}

/** A text file named like a video. */
export function notAVideo(): string {
  return makeOnce(join(scratch, 'not-a-video.mp4'), (tmp) => writeFileSync(tmp, 'this is plain text, not a video\n'.repeat(100)));
}

/** A video over ten minutes long (643 s): an 8-s clip looped 80 times by stream copy, made in about a second. */
export async function longVideo(): Promise<string> {
  mkdirSync(scratch, { recursive: true });
  return loopVideo(clip('02-04-05_01.mp4'), join(scratch, 'long-10min.mp4'), 600);
}

/** A person-free video of `kind` (src/node/person-free-footage.ts), e.g. the colour bars Tiny Face takes for a face. */
export function personFreeVideo(kind: string): string {
  const found = PERSON_FREE_KINDS.find((k) => k.name === kind);
  if (!found) throw new Error(`no person-free kind ${kind}`);
  return makePersonFree(found, scratch, clip);
}

/**
 * Two faces and one voice: a large face (left, full size) and a small one (right, half size). The
 * face named by `speaking` plays its clip with its own sound; the other is its clip's first frame,
 * held (a silent person: the mouth does not move). The video lasts as long as the speaking clip.
 */
export function speakerComposite(speaking: 'large' | 'small', large = '01-01-03_01.mp4', small = '02-01-01_01.mp4'): string {
  const still = (label: string) => `trim=end_frame=1,setpts=PTS-STARTPTS,tpad=stop_mode=clone:stop_duration=20[${label}]`;
  const [l, r] = speaking === 'large' ? ['[0:v]null[l]', `[1:v]${still('s')};[s]scale=180:136,pad=360:270:90:67:black[r]`] : [`[0:v]${still('l')}`, '[1:v]scale=180:136,pad=360:270:90:67:black[r]'];
  return ffmpeg(`speaker-${speaking}.mp4`, [
    '-i', clip(large), '-i', clip(small),
    '-filter_complex', `${l};${r};[l][r]hstack=inputs=2:shortest=1[v]`,
    '-map', '[v]', '-map', speaking === 'large' ? '0:a' : '1:a', '-shortest',
    ...H264_WITH_SOUND,
  ]);
}

/**
 * The first two seconds of `name` as a phone stores a video held another way up: the pixels turned
 * so that a player must turn them clockwise by `rotation` degrees, and that rotation in the
 * metadata. Every player (ffmpeg's decoder included) shows it exactly as the original.
 */
export function phoneRotated(rotation: 90 | 180 | 270, name = '01-01-03_01.mp4'): string {
  return withRotationTag(storedTurned(rotation, name), `phone-${rotation}-${name}`, rotation);
}

/** `stored` copied as it is (nothing re-encoded) to `out`, tagged so that players turn it clockwise by `rotation` degrees. */
function withRotationTag(stored: string, out: string, rotation: 90 | 180 | 270): string {
  // ffmpeg's `rotate` tag counts anticlockwise: a clockwise turn of 90° for the player is 270.
  return makeOnce(join(scratch, out), (tmp) =>
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', stored, '-c', 'copy', '-metadata:s:v:0', `rotate=${(360 - rotation) % 360}`, tmp]),
  );
}

/**
 * The first two seconds of `name` stored as a phone stores a picture that needs a clockwise turn
 * of `rotation` to be upright, without the tag that says so (a rotation lock, an editor that dropped it).
 */
export function storedTurned(rotation: 90 | 180 | 270, name = '01-01-03_01.mp4'): string {
  // The stored pixels are the upright picture turned the other way: transpose=2 turns 90° anticlockwise.
  const stored = { 90: 'transpose=2', 180: 'hflip,vflip', 270: 'transpose=1' }[rotation];
  return ffmpeg(`stored-${rotation}-${name}`, ['-i', clip(name), '-t', '2', '-vf', stored, ...H264]);
}

/** The first two seconds of `name`, unchanged but re-encoded like the variants below (the reference). */
export function firstTwoSeconds(name = '01-01-03_01.mp4'): string {
  return ffmpeg(`two-seconds-${name}`, ['-i', clip(name), '-t', '2', ...H264]);
}

/**
 * `source` in a `width`×`height` frame as a camera or an editor would make it: scaled to fit
 * (aspect kept, no stretching) and centred on black. Returns the file and where the source landed.
 */
export function inFrame(source: string, width: number, height: number, tag: string): { file: string; scale: number; dx: number; dy: number } {
  const [w, h] = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', source])
    .toString().trim().split(',').map(Number) as [number, number];
  const scale = Math.min(width / w, height / h);
  const sw = Math.round((w * scale) / 2) * 2;
  const sh = Math.round((h * scale) / 2) * 2;
  const dx = Math.floor((width - sw) / 2);
  const dy = Math.floor((height - sh) / 2);
  const file = ffmpeg(`${tag}-${width}x${height}.mp4`, ['-i', source, '-vf', `scale=${sw}:${sh},pad=${width}:${height}:${dx}:${dy}:black`, ...H264_FAST]);
  return { file, scale: sw / w, dx, dy };
}

/**
 * A portrait (taller than wide) upright clip: a 9:16 strip of `name`'s first two seconds around
 * the face, scaled to 720×1280. Returns the file and where the original's pixels landed.
 */
export function portrait(name = '01-01-03_01.mp4'): { file: string; scale: number; dx: number; dy: number } {
  const cropWidth = 152;
  const cropX = 108; // the face of 01-01-03 sits around x = 180 of 360
  const scale = 1280 / 270;
  const file = ffmpeg(`portrait-${name}`, ['-i', clip(name), '-t', '2', '-vf', `crop=${cropWidth}:270:${cropX}:0,scale=720:1280`, ...H264]);
  return { file, scale, dx: -cropX * scale, dy: 0 };
}

/**
 * `source` as an HDR camera stores it: 10-bit HLG in BT.2020 (phones since the iPhone 12 and many
 * Android phones by default, Sony's XAVC S HLG; YouTube's HDR downloads as VP9 profile 2). SDR white
 * is placed at 203 nits (BT.2408). `codec` 'h264' is H.264 High 10 in an MP4, 'vp9' VP9 profile 2 in a
 * WebM — both decoded by the browser itself (HEVC, an iPhone's, is converted first: converted-files.spec).
 */
export function hdrCopy(source: string, codec: 'h264' | 'vp9'): string {
  const hlg =
    'setparams=color_primaries=bt709:color_trc=bt709:colorspace=bt709:range=tv,zscale=t=linear:npl=203,format=gbrpf32le,' +
    'zscale=p=bt2020:t=arib-std-b67:m=bt2020nc:r=tv:npl=1000,format=yuv420p10le';
  const tags = ['-color_primaries', 'bt2020', '-color_trc', 'arib-std-b67', '-colorspace', 'bt2020nc'];
  const encode = codec === 'h264' ? ['-c:v', 'libx264', '-profile:v', 'high10', '-preset', 'veryfast'] : ['-c:v', 'libvpx-vp9', '-profile:v', '2', '-crf', '30', '-b:v', '0', '-deadline', 'realtime', '-cpu-used', '8'];
  const name = source.split('/').pop()!.replace(/\.[^.]+$/, '');
  return ffmpeg(`hdr-${codec}-${name}.${codec === 'h264' ? 'mp4' : 'webm'}`, ['-i', source, '-an', '-vf', hlg, ...tags, ...encode]);
}

/** The first two seconds of the two-person composite (`sideBySideOneLarger`), the reference for its HD versions. */
export function twoPeopleTwoSeconds(): string {
  return ffmpeg('two-people-two-seconds.mp4', ['-i', sideBySideOneLarger(), '-t', '2', ...H264]);
}

/** `name` re-made as one kind of unfamiliar footage (src/node/unfamiliar-footage.ts: a face crop, English speech, …). */
export function unfamiliarCopy(kind: string, name = '01-01-03_01.mp4'): string {
  const found = UNFAMILIAR_KINDS.find((k) => k.name === kind);
  if (!found) throw new Error(`no unfamiliar kind ${kind}`);
  const dir = join(scratch, 'unfamiliar');
  return join(makeUnfamiliar(found, [[name]], 'file', dir, clip), 'clips', name);
}

/**
 * Another person, not one of our actors: a head-and-shoulders strip of one woman in a photo that
 * ships with the face-api npm package (demo/sample4.jpg, MIT; read from node_modules, never copied),
 * panned slowly for 3 s at our clips' 360×270. Silent.
 */
export function anotherPerson(): string {
  const photo = demoPhoto(4);
  // At 1280 px wide her face is at (629, 150), 162×148 px; the 384×288 window keeps it in its upper
  // half and her neighbours' faces out but for a sliver.
  const pan = 'crop=384:288:506+12*sin(2*PI*t/3):104+6*sin(2*PI*t/2)';
  return ffmpeg('another-person.mp4', ['-loop', '1', '-i', photo, '-t', '3', '-vf', `scale=1280:-2,${pan},scale=360:270`, ...H264]);
}

/**
 * A camera's MPEG-TS stream picked up mid-stream (a capture started late, a recovered or split
 * file): the clip with a key frame every 2 s, its first fifth cut off at a 188-byte packet
 * boundary, so it opens on frames that need the ones before them.
 */
export function midStreamTs(name = '01-01-03_01.mp4'): string {
  const whole = ffmpeg(`gop60-${name.replace(/\.mp4$/, '.ts')}`, ['-i', clip(name), '-c:v', 'libx264', '-g', '60', '-c:a', 'aac', '-f', 'mpegts']);
  return makeOnce(join(scratch, `midstream-${name.replace(/\.mp4$/, '.ts')}`), (tmp) => {
    const bytes = readFileSync(whole);
    writeFileSync(tmp, bytes.subarray(Math.floor(bytes.length / 5 / 188) * 188));
  });
}

/**
 * A shared clip as an older digital camera records it: Motion JPEG (every frame a JPEG) with PCM
 * sound in a QuickTime MOV, which browsers' VideoDecoder does not take.
 */
export function motionJpegMov(name = '01-01-03_01.mp4'): string {
  return ffmpeg(`mjpeg-${name.replace(/\.mp4$/, '.mov')}`, ['-i', clip(name), '-c:v', 'mjpeg', '-q:v', '3', '-c:a', 'pcm_s16le']);
}

/**
 * Two seconds of a shared clip as Motion JPEG in an MP4 (some cameras and ffmpeg write it so): the
 * sample entry is MPEG-4 Part 2's `mp4v`, only the object type says JPEG.
 */
export function motionJpegMp4(): string {
  return ffmpeg('mjpeg-in-mp4.mp4', ['-i', clip('01-01-03_01.mp4'), '-t', '2', '-c:v', 'mjpeg', '-q:v', '4', '-c:a', 'aac']);
}

/**
 * A shared clip as a camcorder's MPEG-TS stream (.MTS): the same H.264 and AAC, stream-copied,
 * whose timeline starts at 1.4 s (ffmpeg's default, as broadcast streams do), not at 0.
 */
export function mpegTs(name = '01-01-03_01.mp4'): string {
  return ffmpeg(`ts-${name.replace(/\.mp4$/, '.ts')}`, ['-i', clip(name), '-c', 'copy', '-f', 'mpegts']);
}

/** Edited footage: 1-s shots of two of our actors at the same framing, A B A B (cuts at 1, 2 and 3 s). */
export function alternatingShots(a = '01-03-03_01.mp4', b = '04-03-03_01.mp4'): string {
  return ffmpeg(`alternating-${a.slice(0, 2)}-${b.slice(0, 2)}.mp4`, alternatingShotsArgs(clip(a), clip(b)));
}
