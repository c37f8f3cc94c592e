/**
 * Node-only: our labelled clips re-made with ffmpeg the way other footage differs from ours — a
 * tight face crop, grey, a small and heavily compressed picture, other lighting, steady noise or
 * music under the voice, and speech in another language under the picture. The people and their expressions stay the same, so their
 * labels hold; what changes is everything the trained heads might have learnt about our camera,
 * framing and language. For the familiarity check and the answer on unfamiliar footage (issue 28).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promptForClip, promptInput, recordedPrompts, type RecordedPrompt } from './recorded-voices';

/** One kind of unfamiliar footage: the ffmpeg arguments that make a clip of it from a shared one. */
export interface UnfamiliarKind {
  name: string;
  /** What a person would call it. */
  description: string;
  /** ffmpeg arguments after `-i <clip>` and before the output; `speech` is the input arguments of the voice laid under it (for `voice`); `clipDb` is the clip's mean sound level (for `underVoiceDb`). */
  args: (speech: string[] | null, clipDb?: number) => string[];
  /** Lays speech in another language under the picture: espeak-ng's synthetic English, or people's recorded prompts (recorded-voices.ts). */
  voice?: 'espeak' | 'recorded';
  /** Lays steady noise or music this many dB under the clip's mean sound level (needs `clipDb`; 0 for `music-alone`, which takes the voice out). */
  underVoiceDb?: number;
}

const VIDEO = ['-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p'];
const KEEP_AUDIO = ['-map', '0:v', '-map', '0:a?', '-c:a', 'aac'];

/** The `noisy` kind's noise: this many dB under the clip's mean sound level. */
const NOISY_UNDER_DB = 10;
/** The `music` kind's music: this many dB under the clip's mean sound level. */
const MUSIC_UNDER_DB = 10;

/** Every kind. Our clips are 360×270 head-and-shoulders shots with the face near (183, 150). */
export const UNFAMILIAR_KINDS: readonly UnfamiliarKind[] = Object.freeze([
  { name: 'face-crop', description: 'a tight 256×256 crop of the face', args: () => ['-vf', 'crop=200:200:83:50,scale=256:256', ...VIDEO, ...KEEP_AUDIO] },
  // A face dataset's or a face-only export's frame: the face fills it. Tiny Face missed it on most frames until the padded pass (docs/real-files.md).
  { name: 'tight-112', description: 'a 112×112 crop filled by the face', args: () => ['-vf', 'crop=150:150:108:75,scale=112:112', ...VIDEO, ...KEEP_AUDIO] },
  // A vlogger at arm's length: the picture ends between the mouth and the chin (the face box reaches the bottom edge).
  // Until the tracker left the embeddings of faces cut by the frame's edge out, one person was two tracks in 3 of 42 (docs/real-files.md).
  { name: 'too-close', description: 'filmed too close: the chin out of the picture', args: () => ['-vf', 'crop=360:180:0:0', ...VIDEO, ...KEEP_AUDIO] },
  // A landscape clip reposted for a phone: the same picture in a portrait frame, black above and below. Read whole,
  // the bars shrank the person in the context network's square input and the scene read unfamiliar (docs/real-files.md).
  { name: 'portrait-bars', description: 'reposted in a portrait frame, black above and below', args: () => ['-vf', 'pad=360:640:0:185:black', ...VIDEO, ...KEEP_AUDIO] },
  // The same, the way phone editors fill the frame: the picture enlarged and blurred behind it (docs/real-files.md).
  {
    name: 'portrait-blur',
    description: 'reposted in a portrait frame, its own picture enlarged and blurred above and below',
    args: () => ['-filter_complex', '[0:v]split[a][b];[a]scale=-2:640,crop=360:640,boxblur=20:2[fill];[b]scale=360:-2[picture];[fill][picture]overlay=0:(H-h)/2[v]', '-map', '[v]', '-map', '0:a?', '-c:a', 'aac', ...VIDEO],
  },
  { name: 'grey', description: 'black and white', args: () => ['-vf', 'format=gray,format=yuv420p', ...VIDEO, ...KEEP_AUDIO] },
  { name: 'low-res', description: '160×120, heavily compressed (an old webcam)', args: () => ['-vf', 'scale=160:120', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '36', '-pix_fmt', 'yuv420p', ...KEEP_AUDIO] },
  // Measured for grouping (docs/calibration.md: compression, not size, is what scatters a face's descriptors).
  { name: 'compressed-240', description: '240×180, heavily compressed', args: () => ['-vf', 'scale=240:180', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '36', '-pix_fmt', 'yuv420p', ...KEEP_AUDIO] },
  // Reposted through a messaging app or a social site: smaller and re-encoded, but not to the point of blocks (docs/calibration.md).
  { name: 'messaging', description: '320×240, re-encoded as a messaging app does', args: () => ['-vf', 'scale=320:240', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '30', '-pix_fmt', 'yuv420p', ...KEEP_AUDIO] },
  { name: 'lighting', description: 'dim, warm, low-contrast light', args: () => ['-vf', 'eq=brightness=-0.12:contrast=0.75:gamma=1.3,colorbalance=rs=0.25:gs=0.05:bs=-0.25', ...VIDEO, ...KEEP_AUDIO] },
  // A street, a fan: pink noise 10 dB under the clip's mean level (its voice 9–25 dB over it by background-noise.ts).
  { name: 'noisy', description: `steady noise ${NOISY_UNDER_DB} dB under the voice (traffic, a fan)`, underVoiceDb: NOISY_UNDER_DB, args: (_, clipDb) => noiseUnderArgs(clipDb!, NOISY_UNDER_DB) },
  // A vlog's or a clip app's soundtrack: chords, a bass drum and a hi-hat 10 dB under the voice (docs/speech.md, "Music under the voice").
  { name: 'music', description: `music ${MUSIC_UNDER_DB} dB under the voice (a vlog's soundtrack)`, underVoiceDb: MUSIC_UNDER_DB, args: (_, clipDb) => musicUnderArgs(clipDb!, MUSIC_UNDER_DB) },
  // A clip posted with a song over it: the same music at the voice's level, the voice gone (docs/speaker.md, "A soundtrack with no voice").
  { name: 'music-alone', description: 'music alone at the voice\'s level, nobody on screen heard', underVoiceDb: 0, args: (_, clipDb) => musicAloneArgs(clipDb!) },
  // A silent moment filmed beside a fan or in a street: the noisy kind's noise, the voice gone.
  { name: 'noise-alone', description: `steady noise alone (a fan, a street), ${NOISY_UNDER_DB} dB under the voice's level, nobody heard`, underVoiceDb: NOISY_UNDER_DB, args: (_, clipDb) => noiseAloneArgs(clipDb!, NOISY_UNDER_DB) },
  { name: 'other-language', description: 'the same picture with an English sentence spoken under it (espeak-ng)', voice: 'espeak', args: voiceUnderArgs },
  // Five people's recorded voices (English, Spanish, French, Italian, Russian): espeak-ng's is unlike any person's.
  { name: 'recorded-voices', description: 'the same picture with a person speaking another language under it (recorded phone prompts)', voice: 'recorded', args: voiceUnderArgs },
]);

/** The picture copied, the soundtrack replaced by the voice input; as long as the shorter of the two. */
function voiceUnderArgs(speech: string[] | null): string[] {
  return [...speech!, '-map', '0:v', '-map', '1:a', '-c:v', 'copy', '-c:a', 'aac', '-shortest'];
}

/** Steady pink noise (ffmpeg's lavfi source), seeded: the same file each run. */
const PINK_NOISE = 'anoisesrc=color=pink:amplitude=0.1:seed=1';
/** Mean level (dBFS) of PINK_NOISE (measured over 3 s). */
const PINK_NOISE_DB = -33.9;

/**
 * ffmpeg arguments (after `-i <clip>`) that mix steady pink noise `underDb` under the clip's mean
 * sound level `clipDb` into its soundtrack; the picture is copied.
 */
export function noiseUnderArgs(clipDb: number, underDb: number): string[] {
  return underVoiceArgs(PINK_NOISE, clipDb - underDb - PINK_NOISE_DB);
}

/** The same noise alone, the clip's sound taken out (nobody on screen is heard); the picture is copied. */
function noiseAloneArgs(clipDb: number, underDb: number): string[] {
  return soundAloneArgs(PINK_NOISE, clipDb - underDb - PINK_NOISE_DB);
}

/** ffmpeg arguments that mix the lavfi `source`, `gainDb` louder, into the clip's soundtrack (stereo, AAC); the picture is copied. */
function underVoiceArgs(source: string, gainDb: number): string[] {
  return [
    '-f', 'lavfi', '-i', source,
    '-filter_complex', `[0:a]aformat=channel_layouts=stereo[voice];[1:a]aformat=channel_layouts=stereo,volume=${gainDb.toFixed(2)}dB[under];[voice][under]amix=inputs=2:duration=first:normalize=0[mix]`,
    '-map', '0:v', '-map', '[mix]', '-c:v', 'copy', '-c:a', 'aac',
  ];
}

/**
 * Synthetic music without a pause, in ffmpeg's `aevalsrc` (no music file is committed): three-note
 * chords changing every 2 s (A, F, C, G), a bass drum on every beat at 120 bpm and a hi-hat between.
 */
const MUSIC_SOURCE = (() => {
  const root = '220*if(lt(mod(t,8),2),1,if(lt(mod(t,8),4),0.7937,if(lt(mod(t,8),6),1.1892,0.8909)))';
  const note = (ratio: number, gain: number) => `${gain}*sin(2*PI*${ratio}*${root}*t)`;
  const chord = `0.25*(${note(1, 1)}+${note(1.26, 0.6)}+${note(1.498, 0.5)})`;
  const drum = '0.6*sin(2*PI*55*mod(t,0.5))*exp(-mod(t,0.5)*18)';
  const hat = '0.25*(random(0)*2-1)*exp(-mod(t+0.25,0.5)*50)';
  return `aevalsrc='${chord}+${drum}+${hat}':s=44100`;
})();

/** Mean level (dBFS) of MUSIC_SOURCE (measured over 10 s). */
const MUSIC_DB = -12.2;

/**
 * ffmpeg arguments (after `-i <clip>`) that mix MUSIC_SOURCE `underDb` under the clip's mean sound
 * level `clipDb` into its soundtrack; the picture is copied.
 */
export function musicUnderArgs(clipDb: number, underDb: number): string[] {
  return underVoiceArgs(MUSIC_SOURCE, clipDb - underDb - MUSIC_DB);
}

/**
 * ffmpeg arguments that put `seconds` of MUSIC_SOURCE at the clip's mean level `clipDb` before the
 * clip's sound, or after it (`after`), `pauseSec` of silence between (a vlog's jingle, an outro);
 * mono. `input` goes before `-i <clip>`, `output` after it. Sound alone (for `makeAudioVariant`), or
 * with `picture` the clip's picture too, its first (last) frame held while the music plays.
 */
export function musicBesideArgs(clipDb: number, seconds: number, pauseSec: number, { after = false, picture = false } = {}): { input: string[]; output: string[] } {
  const music = `[0:a]aformat=sample_rates=44100:channel_layouts=mono,volume=${(clipDb - MUSIC_DB).toFixed(2)}dB,${after ? `adelay=${Math.round(pauseSec * 1000)}` : `apad=pad_dur=${pauseSec}`}[m]`;
  const voice = '[1:a]aformat=sample_rates=44100:channel_layouts=mono[v]';
  const sound = `${music};${voice};${after ? '[v][m]' : '[m][v]'}concat=n=2:v=0:a=1[out]`;
  const held = `[1:v]tpad=${after ? 'stop' : 'start'}_duration=${seconds + pauseSec}:${after ? 'stop' : 'start'}_mode=clone[pic]`;
  return {
    input: ['-f', 'lavfi', '-t', String(seconds), '-i', MUSIC_SOURCE],
    output: picture ? ['-filter_complex', `${sound};${held}`, '-map', '[pic]', '-map', '[out]', ...VIDEO, '-c:a', 'aac'] : ['-filter_complex', sound, '-map', '[out]'],
  };
}

/**
 * ffmpeg arguments (after `-i <clip>`) that replace the clip's sound with MUSIC_SOURCE alone at its
 * mean level `clipDb` (a video posted with a song over it: nobody on screen is heard); the picture is copied.
 */
function musicAloneArgs(clipDb: number): string[] {
  return soundAloneArgs(MUSIC_SOURCE, clipDb - MUSIC_DB);
}

/** ffmpeg arguments (after `-i <clip>`) that replace the clip's sound with the lavfi `source` alone, `gainDb` louder; the picture is copied. */
function soundAloneArgs(source: string, gainDb: number): string[] {
  return [
    '-f', 'lavfi', '-i', source,
    '-filter_complex', `[1:a]aformat=channel_layouts=stereo,volume=${gainDb.toFixed(2)}dB[sound]`,
    '-map', '0:v', '-map', '[sound]', '-c:v', 'copy', '-c:a', 'aac', '-shortest',
  ];
}

/** The mean level (dBFS) of `path`'s sound, by ffmpeg's volumedetect. */
export function meanSoundDb(path: string): number {
  const result = spawnSync('ffmpeg', ['-hide_banner', '-i', path, '-vn', '-af', 'volumedetect', '-f', 'null', '-'], { encoding: 'utf8' });
  const level = /mean_volume: (-?[\d.]+) dB/.exec(result.stderr ?? '')?.[1];
  if (level === undefined) throw new Error(`meanSoundDb: no sound level for ${path}`);
  return Number(level);
}

/** English sentences for the `other-language` kind, one per clip in turn. */
const SENTENCES = [
  'I really did not expect to see you here today.',
  'The train was late again this morning, so I walked.',
  'Could you tell me where the nearest station is?',
  'We will finish the report before the end of the week.',
];

/**
 * Makes `kind`'s copy of each shared clip in `rows` into `<dir>/<kind>/clips/`, with a labels.csv
 * beside them (the same columns as ours), unless already there. Returns the kind's folder.
 */
export function makeUnfamiliar(kind: UnfamiliarKind, rows: readonly string[][], header: string, dir: string, clip: (file: string) => string): string {
  const folder = join(dir, kind.name);
  mkdirSync(join(folder, 'clips'), { recursive: true });
  let prompts: RecordedPrompt[] | undefined;
  for (const [k, row] of rows.entries()) {
    const out = join(folder, 'clips', row[0]!);
    if (existsSync(out)) continue;
    let speech: string[] | null = null;
    if (kind.voice === 'espeak') {
      const wav = join(folder, `${row[0]!}.wav`);
      execFileSync('espeak-ng', ['-v', 'en', '-s', '150', '-w', wav, SENTENCES[k % SENTENCES.length]!]);
      speech = ['-i', wav];
    } else if (kind.voice === 'recorded') {
      speech = promptInput(promptForClip((prompts ??= recordedPrompts(join(dir, '.voices'))), k));
    }
    const clipDb = kind.underVoiceDb === undefined ? undefined : meanSoundDb(clip(row[0]!));
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', clip(row[0]!), ...kind.args(speech, clipDb), out]);
  }
  writeFileSync(join(folder, 'labels.csv'), [header, ...rows.map((r) => r.join(','))].join('\n') + '\n');
  return folder;
}
