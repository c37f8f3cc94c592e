/**
 * Stand-ins for Node tests of the app's runs: an analysis client that "analyses" scripted clips
 * through the real page-side recording (recordFrame into a real ClipAnalysis), and a playback whose
 * <video> is a plain object and whose thumbnails are strings naming the clip and frame they came from.
 */
import { NUM_EMOTIONS } from '../core/labels';
import { createClipAnalysis, type ClipAnalysis } from '../pipeline/clip-analysis';
import { createStageTimer } from '../pipeline/stage-timer';
import { recordFrame } from '../pipeline/tracked-frame';
import type { AnalysisClient } from '../pipeline/worker/analysis-client';
import type { FaceRecord, TrackedFrame } from '../shared/face-record';
import type { PerceptionConfig } from '../shared/perception-config';
import type { Rotation, VideoInfo } from '../shared/video-info';
import { turnedInfo } from '../video/orientation';
import { createAppStore } from '../store/app-store';
import { createPlayback, type Playback } from './playback';
import { createResults } from './results';
import { createRunSlot } from './run-slot';
import { createThumbnailStore } from './thumbnails';

/** A scripted clip: its frames' face tracks and the emotion (label index) every face shows. */
export interface ScriptedClip {
  /** Track IDs of the faces in each analysed frame (one entry per frame). */
  frames: number[][];
  emotion: number;
  /** A picture stored turned without a tag: its faces are seen only when analysed with this turn… */
  storedTurn?: Rotation;
  /** …or, upside down, also without it, with the low scores BlazeFace's check gives such faces (and another emotion). */
  seenTurned?: boolean;
}

const INFO: VideoInfo = { width: 320, height: 240, fps: 5, durationSec: 2, frameCount: 10, codec: 'avc', codecString: 'avc1.64001e' };

/** A bitmap stand-in that says which clip and frame it is (the test crop reads it). */
function fakeBitmap(name: string): ImageBitmap {
  return { width: INFO.width, height: INFO.height, close() {}, name } as unknown as ImageBitmap;
}

function face(frameIndex: number, tSec: number, trackId: number, emotion: number, verifyScore?: number): FaceRecord {
  const probs = new Float32Array(NUM_EMOTIONS).fill(0.01);
  probs[emotion] = 1 - 0.01 * (NUM_EMOTIONS - 1);
  return {
    frameIndex,
    tSec,
    // Lower track IDs have larger faces, so FaceVoting's size and frequency terms can disagree.
    box: { x: 40 * trackId, y: 20, w: 100 - 20 * trackId, h: 100 - 20 * trackId },
    score: 0.9,
    ...(verifyScore !== undefined && { verifyScore }),
    probs,
    faceFeature: new Float32Array(256),
    contextFeature: new Float32Array(480),
    personBox: null,
  };
}

/**
 * An AnalysisClient that plays `clips` (by file name) through the page's half of the loop, one
 * task per frame, and counts the runs it was asked for. The trained models do not load (the
 * frame average answers); anything not scripted rejects like a file that is not a video.
 */
export function fakeAnalysisClient(
  clips: Record<string, ScriptedClip>,
): AnalysisClient & { analysed: string[]; perceptions: (Partial<PerceptionConfig> | undefined)[]; looks: { file: string; search: boolean }[] } {
  const analysed: string[] = [];
  /** The perception settings each analysed file was given, in order. */
  const perceptions: (Partial<PerceptionConfig> | undefined)[] = [];
  /** Each look for a turn: the file, and whether it read with the detector's search for small faces. */
  const looks: { file: string; search: boolean }[] = [];
  let predictorTried = false;
  return {
    analysed,
    perceptions,
    looks,
    init: async () => ({ active: 'wasm' }),
    loadModels: async () => undefined,
    status: async () => ({ backend: { active: 'wasm' }, models: 'ready', predictor: predictorTried ? 'failed' : 'idle' }),
    loadPredictor: () => {
      predictorTried = true;
      return Promise.reject(new Error('no trained models in this test'));
    },
    probe: async (file) => {
      if (!clips[(file as File).name]) throw new Error('not a video');
      return INFO;
    },
    async analyzeVideo(file, options = {}) {
      const name = (file as File).name;
      const script = clips[name];
      if (!script) throw new Error('not a video');
      analysed.push(name);
      perceptions.push(options.perception);
      const info = turnedInfo(INFO, options.turn ?? 0);
      const clip: ClipAnalysis = createClipAnalysis(info.width, info.height);
      options.onOpened?.(info);
      const upright = (script.storedTurn ?? 0) === (options.turn ?? 0);
      const seen = upright || script.seenTurned === true;
      for (const [i, ids] of script.frames.entries()) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        options.signal?.throwIfAborted();
        const tSec = i / INFO.fps;
        const frame: TrackedFrame = {
          frameIndex: i,
          tSec,
          faces: seen ? ids.map((id) => (upright ? face(i, tSec, id, script.emotion) : face(i, tSec, id, (script.emotion + 1) % NUM_EMOTIONS, 0.68))) : [],
          trackIds: seen ? ids : [],
          persons: [],
          bitmap: fakeBitmap(`${name}#${i}`),
        };
        options.onFrame?.(recordFrame(clip, frame, frame.bitmap!, i + 1));
      }
      return { info, clip, timer: createStageTimer(), tensorDelta: 0, joins: new Map() };
    },
    async findTurn(file, _durationSec, search) {
      looks.push({ file: (file as File).name, search });
      const turn = clips[(file as File).name]?.storedTurn ?? 0;
      const withFace = { 0: turn ? 0 : 4, 90: 0, 180: 0, 270: 0, [turn]: 4 };
      return { frames: 4, withFace, scores: { 0: withFace[0] * 0.7, 90: 0, 180: 0, 270: 0, [turn]: 2.8 }, turn };
    },
    analyzeStream: () => Promise.reject(new Error('no camera in this test')),
    speech: async () => ({ features: null, note: 'no sound in this test' }),
    predict: () => Promise.reject(new Error('no trained models in this test')),
    memory: async () => ({ numTensors: 0, numBytes: 0 }),
    dispose() {},
  };
}

/** A playback over a plain-object <video>; each thumbnail's URL names the frame it was cut from. */
export function testPlayback(): Playback {
  const video = { pause() {}, load() {}, removeAttribute() {}, play: async () => undefined, srcObject: null } as unknown as HTMLVideoElement;
  return createPlayback(video, createThumbnailStore(8, 64, (bitmap) => (bitmap as unknown as { name: string }).name));
}

/** A File in Node (global since Node 20) with `text` as its contents. */
export function testFile(name: string, text = ''): File {
  return new File([text], name);
}

/** What a runner is made from, over `clips`: the scripted client, a fresh store, a test playback, results and a run slot. */
export function testRunContext(clips: Record<string, ScriptedClip>) {
  const client = fakeAnalysisClient(clips);
  const store = createAppStore();
  const playback = testPlayback();
  const results = createResults({ client, playback, store });
  const slot = createRunSlot({ store, playback, refresh: results.refresh });
  return { client, store, playback, results, slot };
}
