/**
 * The analysis worker's per-frame loop: take decoded frames (from the decode worker, or the camera's
 * from the page), perceive each frame and track faces (§3.3). Each tracked frame goes to the page, which records it for voting (§3.4) and
 * the emotion models (src/pipeline/tracked-frame.ts) and draws it while the video plays.
 */
import * as tf from '@tensorflow/tfjs';
import type { Box } from '../core/geometry';
import { createTracker, type Tracker, type TrackerConfig } from '../core/tracking/tracker';
import type { Detection } from '../core/tracking/cost-matrices';
import { createShotCutDetector, SHOT_EMBEDDING_SEC } from '../core/tracking/shot-cut';
import { unchangedAtCut } from '../core/tracking/cut-carry';
import { zoomedAcross } from '../core/tracking/zoom-cut';
import type { FramePixels, Rotation, VideoInfo } from '../video';
import { createPerceptionState, frameFromBitmap, frameFromPixels, perceiveFrameAhead, type PerceivedFrame } from './perceive-frame';
import { withGeneral, type GeneralByFace } from './general-nets';
import { createFrameBoundMeter } from './frame-bound';
import type { PerceptionConfig } from '../shared/perception-config';
import type { PerceptionModels } from './perception-models';
import { createPictureTimer, type StageTimer } from './stage-timer';
import { createMouthTracer } from './mouth-trace';
import { createPictureFollower } from './picture-follower';
import type { FrameSource, FrameUpdate, SourceFrame, TrackedFrame } from './tracked-frame';
import { grayFromRgbEvery, type GrayFrame } from '../core/gray-image';

/** Options of an analysis run (see the analysis client). */
export interface AnalyzeOptions {
  /** Sampling rate in frames per second; undefined analyses every frame. */
  fps?: number;
  signal?: AbortSignal;
  tracker?: Partial<TrackerConfig>;
  perception?: Partial<PerceptionConfig>;
  /**
   * Live sessions: keep only the last `historySec` seconds of faces (tracker and clip), so memory
   * stays flat over an hour; undefined keeps the whole clip (the paper's setting).
   */
  historySec?: number;
  onOpened?: (info: VideoInfo) => void;
  onFrame?: (update: FrameUpdate) => void;
  /** Files: a clockwise turn beyond the file's own orientation (VideoInfo.turn, found by find-turn.ts). */
  turn?: Rotation;
  /** The camera: the main track now (the page's running vote), sent with each picture (see `mainFaceOnlyNets`). */
  mainTrack?: () => number | null;
  /**
   * The camera: whether this picture needs the nets only the clip models read (Human's FER net, the
   * main face's mirror), sent with each picture; false while nobody calibrates (see `clipNets`).
   */
  clipNets?: () => boolean;
}

/** Options of a run over frames that are not a file (the camera). */
export type AnalyzeFramesOptions = Omit<AnalyzeOptions, 'fps' | 'onOpened' | 'turn'>;

/**
 * The expensive half of the per-frame loop (perceive, track), run in the analysis worker where the
 * networks are. Stage 'decode' is the wait for the next frame (about zero while the decode worker
 * keeps ahead); 'toTensor' copies the frame's pixels read ahead, or reads the bitmap when there
 * are none (GPU backends). `onTracked` may keep `bitmap` only by transferring it;
 * the frame is closed after it returns. Stops the source when it leaves early.
 *
 * With `overlap` (files), a frame whose general networks run on another thread (general-nets.ts) is
 * sent once they answer, while this thread goes on with the next frames (up to MAX_HELD_FRAMES wait,
 * then the oldest is waited for): that thread works while this one runs the other networks. Frames
 * still go out in order. The camera sends its next picture only after this one's `tracked`, so it
 * would wait for the answer: it runs them here.
 */
export async function trackFrames(
  frames: FrameSource,
  size: { width: number; height: number },
  models: PerceptionModels,
  options: Pick<AnalyzeFramesOptions, 'signal' | 'tracker' | 'perception' | 'historySec'> & { overlap?: boolean },
  timer: StageTimer,
  onTracked: (frame: TrackedFrame) => void,
): Promise<void> {
  const tracker = createTracker({ historySec: options.historySec ?? Infinity, ...options.tracker });
  const perception = createPerceptionState(options.perception);
  perception.sourceLongSide = Math.max(size.width, size.height);
  const mouths = createMouthTracer();
  // Cuts in edited footage, on a file's grey frames (the camera has none: it never cuts).
  const shots = createShotCutDetector();
  // Frames that come without grey frames (the camera's) are read for changes of light alone — a lamp
  // switched on before the camera — on their own grey, with no frame after them to wait for (a "cut"
  // there is someone moving close to the lens: a camera never cuts).
  const ownLight = createShotCutDetector();
  const cameraRelit = (frame: SourceFrame): boolean => !frame.mouthFrames && !!frame.pixels && ownLight.push(greyOf(frame.tSec, frame.pixels)) === 'light';
  /** The last grey frame of the frame before (what a cut on a frame's first grey frame is measured against). */
  let lastGrey: GrayFrame | undefined;
  const followPicture = createPictureFollower();
  const frameBound = createFrameBoundMeter();
  // Each tracked frame carries its own stage breakdown (the camera's diagnostics read it).
  const picture = createPictureTimer(timer);
  /** Frames waiting to be sent, oldest first, each sent after the one before it (see `overlap`). */
  const held: Promise<void>[] = [];
  /** False once the run has ended: a frame whose answer comes after a failure is closed, not sent (after a cancel, from the cancel on). */
  let running = true;
  const sendHeld = async (keep: number) => {
    while (held.length > keep) {
      const oldest = held.shift()!;
      await picture.time('generalWait', () => oldest);
    }
  };
  /** The wait for the next frame spent while taking it early: it is that frame's wait (frameBound). */
  let waitedAhead = 0;
  /** The frame after the one being analysed, taken early when a cut needs it (see `firstGreyAfter`). */
  let following: Promise<IteratorResult<SourceFrame & { close(): void }>> | undefined;
  /**
   * The first grey frame after this frame's last: whether a jump on the analysed frame itself is a
   * cut or fast motion is told by the calm after it (shot-cut.ts), so a file's next frame is taken
   * now (the decoder stays as far ahead as before: one more frame is held).
   */
  const firstGreyAfter = async (): Promise<GrayFrame | undefined> => {
    following ??= frames.next();
    const start = performance.now();
    const after = await picture.time('decode', () => following!);
    waitedAhead += performance.now() - start;
    return after.done ? undefined : after.value.mouthFrames?.[0];
  };
  try {
    for (;;) {
      const waitStart = performance.now();
      const taken = following;
      following = undefined;
      const next = await picture.time('decode', () => taken ?? frames.next());
      if (next.done) break;
      // A run that waits on its frames runs the general networks here, in the wait (frame-bound.ts).
      // So does a run that would wait for their answer anyway (the camera): the other core stays
      // the page's, which draws it.
      perception.generalHere = !options.overlap || frameBound.add(performance.now() - waitStart + waitedAhead);
      waitedAhead = 0;
      const decoded = next.value;
      // Part of the wait above that this thread spent making a camera frame's bitmap and pixels.
      for (const [stage, ms] of Object.entries(decoded.readyMs ?? {})) picture.add(stage, ms);
      let tensor: tf.Tensor3D | undefined;
      let closedLater = false;
      try {
        tensor = await picture.time('toTensor', () => frameTensorOf(decoded));
        const scale = size.width / tensor.shape[1];
        // Every grey frame goes through the detector (no short cut): each one is the next one's reference.
        const grey = decoded.mouthFrames ?? [];
        const greyAfter = grey.length > 0 ? await firstGreyAfter() : undefined;
        const changes = grey.map((g, k) => shots.push(g, grey[k + 1] ?? greyAfter));
        const cutAt = changes.lastIndexOf('cut');
        const newShot = cutAt >= 0;
        // The light changed at once since the last cut (a lamp, an exposure step): the same shot, but every colour and grey level jumped.
        const relitAt = changes.lastIndexOf('light');
        if (relitAt > cutAt || cameraRelit(decoded)) tracker.relit();
        // Faces whose own region the cut left as it was (picture in picture) go on across it.
        const beforeCut = newShot ? (cutAt > 0 ? grey[cutAt - 1] : lastGrey) : undefined;
        const carried = newShot ? carriedAcrossCut(tracker, decoded.tSec, beforeCut, grey[cutAt]!, size.width) : [];
        if (grey.length > 0) lastGrey = grey.at(-1);
        // The picture inside bars (a reposted or pillarboxed video): the context network reads it alone.
        if (lastGrey) perception.picture = followPicture(lastGrey, tensor.shape[1]);
        // The tracks' boxes are in video pixels; perception works in the analysed frame's. Early in a
        // shot every face is embedded (no recent track): that is what re-joins it across the cut.
        const earlyInShot = newShot || decoded.tSec - tracker.shotStartSec < SHOT_EMBEDDING_SEC;
        const recent = earlyInShot ? [] : tracker.recentTrackBoxes(decoded.tSec, perception.config.embeddingIntervalSec).map((b) => scaleBox(b, 1 / scale));
        const mainBox = decoded.mainTrackId == null ? null : tracker.lastBoxOf(decoded.mainTrackId);
        perception.clipNets = decoded.clipNets !== false;
        const ahead = await perceiveFrameAhead(models, tensor, decoded.tSec, perception, picture, recent, mainBox && scaleBox(mainBox, 1 / scale));
        const seen = toVideoPixels(ahead.seen, scale);
        const { trackIds } = await picture.time('tracking', () => {
          // Faces the cut took closer or wider (a jump cut to another framing of the same scene) go on their tracks.
          const continued = newShot ? zoomedAcrossCut(tracker, decoded.tSec, beforeCut, grey.at(-1)!, seen.detections, carried, size.width) : undefined;
          return tracker.update(decoded.frameIndex, decoded.tSec, seen.detections, newShot, carried, continued);
        });
        const { frameIndex, tSec } = decoded;
        // A file frame's bitmap was made while it was analysed: normally ready by now.
        const bitmap = await picture.time('bitmapWait', () => decoded.bitmap);
        // The mouth between analysed frames (a file's grey frames), for crediting the voice: src/pipeline/mouth-trace.ts.
        // The mouth is measured within the shot only: from the cut on, nothing compared across it
        // (a carried face keeps its region; its first grey frame after the cut has no sample).
        if (newShot) mouths.cut(carried);
        if (relitAt > cutAt) mouths.relit();
        const shotFrom = Math.max(cutAt, relitAt);
        const mouthFrames = shotFrom >= 0 ? grey.slice(shotFrom) : decoded.mouthFrames;
        const traces = mouthFrames
          ? await picture.time('mouthTrace', () => mouths.trace(seen.faces.map((f, j) => ({ trackId: trackIds[j]!, box: f.box, landmarks: f.landmarks })), tSec, mouthFrames, size.width))
          : [];
        const faces = seen.faces.map((f, j) => ({ ...f, frameIndex, tSec, ...(traces[j] && { mouthTrace: traces[j] }) }));
        const stageMs = picture.take();
        const send = (general?: GeneralByFace) => {
          if (!running || options.signal?.aborted) return;
          if (general?.offThreadMs !== undefined) timer.add('generalOffThread', general.offThreadMs);
          onTracked({ frameIndex, tSec, faces: general ? withGeneral(faces, general) : faces, trackIds, persons: seen.persons, bitmap, stageMs, ...(newShot && { newShot }) });
        };
        if (options.overlap && (ahead.general || held.length > 0)) {
          const own = ahead.general ?? Promise.resolve(undefined);
          const previous = held.at(-1) ?? Promise.resolve();
          const sent = previous.then(() => own).then(send).finally(() => decoded.close());
          sent.catch(() => undefined); // a failure is thrown where the frame is waited for, not reported as unhandled meanwhile
          held.push(sent);
          closedLater = true;
          await sendHeld(MAX_HELD_FRAMES);
        } else {
          send(ahead.general ? await picture.time('generalWait', () => ahead.general!) : undefined);
        }
      } finally {
        tensor?.dispose();
        if (!closedLater) decoded.close();
      }
      options.signal?.throwIfAborted();
    }
    await sendHeld(0);
  } finally {
    running = false;
    held.length = 0; // left by a failure: each frame closes when its answer comes, unsent
    const unanalysed = following;
    await frames.return(undefined);
    // A frame taken ahead and never analysed (a stop, a failure) is closed here.
    await unanalysed?.then((r) => !r.done && r.value.close(), () => undefined);
  }
}

/** Frames a file run may hold while their general networks answer on the other thread: two, so that one slow answer does not stop this thread. */
const MAX_HELD_FRAMES = 2;

/**
 * The frame as float32, made once: every network crops or pads a float copy of the frame, and an
 * int32 frame was cast anew by each (six or more whole-frame casts a frame: at 1280×720 a third of
 * a file frame's time). Casting 0–255 integers is exact, so every result is unchanged.
 */
function asFloatFrame(frame: tf.Tensor3D): tf.Tensor3D {
  if (frame.dtype === 'float32') return frame;
  try {
    return tf.cast(frame, 'float32');
  } finally {
    frame.dispose();
  }
}

/** A frame's grey levels from its RGB pixels, every 4th pixel of every 4th row (160×120 of a 640×480 camera: a change of light needs no more). */
function greyOf(tSec: number, pixels: FramePixels): GrayFrame {
  return { tSec, ...grayFromRgbEvery(pixels.data, pixels.width, pixels.height, 3, 4) };
}

/** A source frame as the float32 tensor the networks take (its pixels read ahead, else its bitmap); the caller disposes it. */
export async function frameTensorOf(frame: SourceFrame): Promise<tf.Tensor3D> {
  return asFloatFrame(frame.pixels ? frameFromPixels(frame.pixels) : frameFromBitmap(await bitmapOf(frame)));
}

/** The bitmap of a frame that came without its pixels (a source always sends one or the other). */
async function bitmapOf(frame: SourceFrame): Promise<ImageBitmap> {
  const bitmap = await frame.bitmap;
  if (!bitmap) throw new Error(`frame ${frame.frameIndex} came with neither pixels nor a bitmap`);
  return bitmap;
}

/** Maps a frame's boxes from analysis pixels back to video pixels (`scale` = video / analysis). */
function toVideoPixels(seen: PerceivedFrame, scale: number): PerceivedFrame {
  if (Math.abs(scale - 1) < 1e-9) return seen;
  const map = (b: Box): Box => scaleBox(b, scale);
  return {
    faces: seen.faces.map((f) => ({ ...f, box: map(f.box), personBox: f.personBox && map(f.personBox) })),
    detections: seen.detections.map((d) => ({ ...d, box: map(d.box) })),
    persons: seen.persons.map((p) => ({ ...p, box: map(p.box) })),
  };
}

function scaleBox(b: Box, scale: number): Box {
  return { x: b.x * scale, y: b.y * scale, w: b.w * scale, h: b.h * scale };
}

/** How far back a track may have been seen to go on across a cut (a small face missed on a few frames before it). */
const CARRY_WITHIN_SEC = 1;

/**
 * The tracks seen just before a cut whose own region (the last box, in video pixels of width
 * `videoWidth`) changed little from `before` to `after` against the whole picture: picture in
 * picture, a presenter before a changing backdrop (src/core/tracking/cut-carry.ts).
 */
function carriedAcrossCut(tracker: Tracker, tSec: number, before: GrayFrame | undefined, after: GrayFrame, videoWidth: number): number[] {
  if (!before || before.width !== after.width || before.height !== after.height) return [];
  const scale = after.width / videoWidth;
  return tracker.recentTracks(tSec, CARRY_WITHIN_SEC).flatMap(({ id, box }) => (unchangedAtCut(before, after, scaleBox(box, scale)) ? [id] : []));
}

/**
 * The detections after a cut (on the analysed frame, whose grey frame is `after`) that are faces of
 * tracks seen just before it (not carried) taken closer or wider: detection index → track id
 * (src/core/tracking/zoom-cut.ts).
 */
function zoomedAcrossCut(tracker: Tracker, tSec: number, before: GrayFrame | undefined, after: GrayFrame, detections: readonly Detection[], carried: readonly number[], videoWidth: number): Map<number, number> {
  if (!before || detections.length === 0 || before.width !== after.width || before.height !== after.height) return new Map();
  const scale = after.width / videoWidth;
  const tracks = tracker.recentTracks(tSec, CARRY_WITHIN_SEC).filter(({ id }) => !carried.includes(id));
  return zoomedAcross(before, after, tracks.map(({ id, box }) => ({ id, box: scaleBox(box, scale) })), detections.map((d) => scaleBox(d.box, scale)));
}
