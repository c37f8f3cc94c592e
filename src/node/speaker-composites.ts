/**
 * Node-only: the speaker test set of issue 29, made from our clips with ffmpeg when the tests run
 * (never committed), and a light per-frame loop that credits the voice in one of them the way the
 * app does (ffmpeg's grey mouth frames, the mouth tracer, the association), with only the networks
 * the speaker needs: the face detector and the landmarks. Faces are tracked by position (the
 * composites' people stay in their half).
 */
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loudnessEnvelope } from '../core/audio/loudness-envelope';
import { speechInputOfAudio } from '../core/audio/speech-features';
import { associateSpeaker, DEFAULT_SPEAKER_CONFIG, type MouthSeries, type SpeakerConfig, type SpeakerResult } from '../core/speaker/speaker-association';
import { MOUTH_TRACE } from '../core/speaker/speaker-constants';
import { center, type Box } from '../core/geometry';
import { populationStd } from '../core/vector';
import { createMouthTracer } from '../pipeline/mouth-trace';
import { detectFaces } from '../pipeline/detect-faces';
import { createPerceptionState, frameFromPixels } from '../pipeline/perceive-frame';
import type { PerceptionModels } from '../pipeline/perception-models';
import { createStageTimer } from '../pipeline/stage-timer';
import { readAudioWithFfmpeg } from './ffmpeg-audio';
import { ffmpegOnce, readFramesWithFfmpeg } from './ffmpeg';


/** One video of the set and its answer: the side whose voice is heard, or null (nobody on screen speaks). */
export interface SpeakerCase {
  name: string;
  path: string;
  kind: 'still-other' | 'both-moving' | 'dubbed';
  speaker: 'left' | 'right' | null;
}

/** Pairs of clips of different people (the composites' left and right), spread over actors, sentences and emotions. */
export const COMPOSITE_PAIRS: readonly (readonly [string, string])[] = [
  ['01-01-03_01.mp4', '02-01-01_01.mp4'],
  ['03-02-04_01.mp4', '05-03-02_01.mp4'],
  ['06-04-06_01.mp4', '07-02-05_01.mp4'],
  ['04-03-01_01.mp4', '02-04-03_01.mp4'],
  ['07-01-02_01.mp4', '01-03-06_01.mp4'],
  ['05-01-05_01.mp4', '03-04-01_01.mp4'],
];

/** A held first frame: a person who does not speak. */
const STILL = 'trim=end_frame=1,setpts=PTS-STARTPTS,tpad=stop_mode=clone:stop_duration=20';
/** Half size, centred in a 360×270 half. */
const SMALL = 'scale=180:136,pad=360:270:90:67:black';
const ENCODE = ['-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-r', '30', '-c:a', 'aac', '-shortest'];

/** `<dir>/<name>.mp4` made once from ffmpeg `args` and the set's encoding. */
function make(dir: string, name: string, args: string[]): Promise<string> {
  return ffmpegOnce(join(dir, `${name}.mp4`), [...args, ...ENCODE]);
}

/**
 * The set for clips `a` and `b` (paths; two different people, 360×270): the speaker left and right,
 * the silent one (a held frame) larger and smaller; both speaking side by side with either's sound;
 * and `a` with `b`'s sound (nobody on screen speaks). Made once into `dir`.
 */
export async function makeSpeakerCases(dir: string, tag: string, a: string, b: string): Promise<SpeakerCase[]> {
  mkdirSync(dir, { recursive: true });
  const cases: SpeakerCase[] = [];
  for (const side of ['left', 'right'] as const) {
    for (const silent of ['larger', 'smaller'] as const) {
      // The speaker is `a`; the silent person is `b`'s first frame.
      const speakerSize = silent === 'larger' ? SMALL : 'null';
      const silentSize = silent === 'larger' ? 'null' : SMALL;
      const speaking = `[0:v]${speakerSize}[s]`;
      const still = `[1:v]${STILL},${silentSize}[q]`;
      const stack = side === 'left' ? '[s][q]hstack=inputs=2:shortest=1[v]' : '[q][s]hstack=inputs=2:shortest=1[v]';
      const name = `${tag}-speaker-${side}-silent-${silent}`;
      cases.push({ name, kind: 'still-other', speaker: side, path: await make(dir, name, ['-i', a, '-i', b, '-filter_complex', `${speaking};${still};${stack}`, '-map', '[v]', '-map', '0:a']) });
    }
  }
  for (const heard of ['left', 'right'] as const) {
    const name = `${tag}-both-moving-${heard}-heard`;
    cases.push({ name, kind: 'both-moving', speaker: heard, path: await make(dir, name, ['-i', a, '-i', b, '-filter_complex', '[0:v][1:v]hstack=inputs=2:shortest=1[v]', '-map', '[v]', '-map', heard === 'left' ? '0:a' : '1:a']) });
  }
  const name = `${tag}-dubbed`;
  cases.push({ name, kind: 'dubbed', speaker: null, path: await make(dir, name, ['-i', a, '-i', b, '-map', '0:v', '-map', '1:a']) });
  return cases;
}

/**
 * `path` (a 360×270 clip) as a handheld phone films it: the picture moves by up to 9 px, at 2–5 Hz
 * (zoomed 12 % so no border shows); `strength` scales the shake and the zoom (2.5: up to 23 px, as
 * a phone held while walking). The mouth measure must undo that shake (docs/speaker.md).
 */
export async function handheldCopy(dir: string, path: string, strength = 1): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const [a, b, c] = [6 * strength, 3 * strength, 6 * strength];
  // The margins the zoom leaves around the crop (22 and 17 px at strength 1: scale=404:304).
  const [mx, my] = [Math.round(22 * strength), Math.round(17 * strength)];
  const shake = `scale=${360 + 2 * mx}:${270 + 2 * my},crop=360:270:${mx}+${a}*sin(2*PI*t*2.3)+${b}*sin(2*PI*t*5.1):${my}+${c}*cos(2*PI*t*1.7)`;
  return make(dir, `handheld${strength === 1 ? '' : strength}-${basename(path, '.mp4')}`, ['-i', path, '-vf', shake]);
}

/** What the light loop found: each track's side and mean box, and the association's answer. */
export interface LightSpeaker {
  tracks: { trackId: number; side: 'left' | 'right'; samples: number; mouthStd: number }[];
  /** Each track's mouth series (for measuring the noise of silent faces against other voices). */
  series: MouthSeries[];
  result: SpeakerResult;
  /** The side credited (null: nobody). */
  credited: 'left' | 'right' | null;
}

/**
 * Credits the voice of `path` (app's frames at `fps`, the app's detector passes, the mouth tracer on
 * ffmpeg's grey frames, the association). Lighter than the app: no face check, tracks by position.
 */
export async function lightSpeaker(models: PerceptionModels, path: string, fps = 5, config: SpeakerConfig = DEFAULT_SPEAKER_CONFIG): Promise<LightSpeaker> {
  const tracer = createMouthTracer();
  const [state, timer] = [createPerceptionState(), createStageTimer()];
  const last: { trackId: number; box: Box }[] = [];
  const series = new Map<number, { tSec: number[]; mouth: number[]; x: number[] }>();
  let width = 0;
  for await (const f of readFramesWithFfmpeg(path, { fps, frames: 'app', mouthFps: MOUTH_TRACE.fps })) {
    width = f.width;
    const frame = frameFromPixels(f);
    try {
      const found = await detectFaces(models, frame, f.tSec, state, timer);
      const landmarks = await models.faceLandmarks.run({ frame, boxes: found.map((d) => d.box) });
      const faces = found.map((d, j) => ({ trackId: trackOf(last, d.box), box: d.box, landmarks: landmarks[j]! }));
      const traces = tracer.trace(faces, f.tSec, f.mouthFrames ?? [], f.width);
      faces.forEach((face, j) => {
        const s = series.get(face.trackId) ?? { tSec: [], mouth: [], x: [] };
        series.set(face.trackId, s);
        s.tSec.push(...traces[j]!.tSec);
        s.mouth.push(...traces[j]!.value);
        s.x.push(center(face.box).x);
      });
    } finally {
      frame.dispose();
    }
  }
  const audio = await readAudioWithFfmpeg(path);
  const tracks = [...series].map(([trackId, s]) => ({ trackId, tSec: s.tSec, mouth: s.mouth }));
  const result = audio ? associateSpeaker(tracks, loudnessEnvelope(audio.channels, audio.sampleRate), config, speechInputOfAudio(audio.channels, audio.sampleRate)) : { trackId: null, score: 0, scores: [], alike: [] };
  const sideOf = (id: number) => (series.get(id)!.x.reduce((t, x) => t + x, 0) / series.get(id)!.x.length < width / 2 ? 'left' : 'right');
  return {
    tracks: [...series].map(([trackId, s]) => ({ trackId, side: sideOf(trackId), samples: s.tSec.length, mouthStd: populationStd(s.mouth) })),
    result,
    series: tracks,
    credited: result.trackId === null ? null : sideOf(result.trackId),
  };
}

/** The track of `box`: the known track whose last box centre is nearest, within the box's width; else a new one. */
function trackOf(last: { trackId: number; box: Box }[], box: Box): number {
  const c = center(box);
  let best: { trackId: number; box: Box } | undefined;
  let bestDist = box.w;
  for (const t of last) {
    const d = Math.hypot(center(t.box).x - c.x, center(t.box).y - c.y);
    if (d < bestDist) [best, bestDist] = [t, d];
  }
  if (best) {
    best.box = box;
    return best.trackId;
  }
  const trackId = last.length + 1;
  last.push({ trackId, box });
  return trackId;
}
