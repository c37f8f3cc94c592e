/**
 * A picture stored sideways or upside down without a rotation tag (a phone's rotation lock held
 * across a landscape shot, an editor that dropped the tag) shows nobody upright, so emolens found
 * no face in it. When a file's run finds none, a few of its frames are looked at turned by 90°,
 * 270° and 180°: a turn under which faces are found on most of them is the picture's
 * (VideoInfo.turn), and the file is analysed again turned (src/app/file-runner.ts). Only faceless
 * runs, and runs whose main face may be upside down or sideways (`turnInDoubt`: Tiny Face finds
 * such faces on some clips, BlazeFace's check scores them lower), pay for it: four frames, each
 * read up to four ways (1–2 s for a short clip on WASM on our 2-core machines; `lookSearches`).
 */
import * as tf from '@tensorflow/tfjs';
import type { PerceptionConfig } from '../shared/perception-config';
import type { Rotation, TurnFound } from '../shared/video-info';
import { confirmedFaces, createPerceptionState } from './perceive-frame';
import type { PerceptionModels } from './perception-models';
import { createStageTimer } from './stage-timer';
import { frameTensorOf } from './analyze-video';
import type { FrameSource } from './tracked-frame';
import { FIND_TURN } from './find-turn-frames';

export { FIND_TURN, findTurnFps, lookSearches, turnInDoubt } from './find-turn-frames';

/** Turns tried after upright, quarter turns first (sideways is the common case). */
const TURNS: readonly Rotation[] = [0, 90, 270, 180];

/** For each turn, on how many of the `frames` looked at a face was found. */
export type TurnCounts = Omit<TurnFound, 'turn'>;

/**
 * The turn to analyse with: the one whose faces score highest over the frames, if it finds a face
 * on at least half of them and beats upright; 0 otherwise. By score, not by count: turned the wrong
 * way a sideways face is upside down, which the detector and the verifier still take for a face on
 * some clips, on as many frames but with lower scores (measured on 7 of our clips each way, both
 * ways on all four frames: 2.66 against 2.04 and 2.61 against 2.01; docs/real-files.md).
 */
export function chooseTurn({ frames, withFace, scores }: TurnCounts): Rotation {
  let best: Rotation = 0;
  for (const turn of TURNS) if (scores[turn] > scores[best]) best = turn;
  return best !== 0 && withFace[best] * 2 >= frames && scores[best] > TURN_MARGIN * scores[0] ? best : 0;
}

/**
 * How much a turn must outscore upright. The look also runs on pictures whose faces were found
 * upright (`turnInDoubt`): on our 42 sentence-01 clips upright, the best turn scored at most 0.82 of
 * upright; stored upside down, the upright turn at least 1.22 of the picture as stored.
 */
const TURN_MARGIN = 1.1;

/**
 * The turns to read on the next frame, after `framesRead` of at most FIND_TURN.frames: a turn while
 * it could still outscore upright by TURN_MARGIN and every other turn, and upright beside them. A
 * frame adds at most 1 to a turn's score (a detector score times a check score, each ≤ 1) and the
 * others' scores only grow, so a turn left out could never have been taken. None (the look is over,
 * its answer upright) when no turn is left, or when none could still show a face on half of the
 * frames. Either way the answer is the one reading every turn of every frame gives. It spares the
 * reads that find nobody, the costliest (the detector's faceless fallbacks), on the last frames.
 */
export function turnsInPlay({ withFace, scores }: Pick<TurnCounts, 'withFace' | 'scores'>, framesRead: number): Rotation[] {
  const framesLeft = FIND_TURN.frames - framesRead;
  const turned = TURNS.filter((turn) => turn !== 0);
  const open = turned.filter((turn) => {
    const reach = scores[turn] + framesLeft;
    const rivals = turned.filter((t) => t !== turn).map((t) => scores[t]);
    return reach > TURN_MARGIN * scores[0] && reach >= Math.max(...rivals);
  });
  const anyEnoughFaces = turned.some((turn) => 2 * (withFace[turn] + framesLeft) >= FIND_TURN.frames);
  return open.length > 0 && anyEnoughFaces ? [0, ...open] : [];
}

/** `frame` turned clockwise by `turn`: a new tensor the caller disposes. */
export function turnFrame(frame: tf.Tensor3D, turn: Rotation): tf.Tensor3D {
  return tf.tidy(() => {
    if (turn === 180) return tf.reverse(frame, [0, 1]);
    if (turn === 0) return tf.clone(frame);
    const transposed = tf.transpose(frame, [1, 0, 2]);
    // Clockwise: the first stored row becomes the last column; counter-clockwise, the first.
    return tf.reverse(transposed, turn === 90 ? 1 : 0);
  });
}

/** How the look reads: `search` false leaves out the detector's search for small faces (`lookSearches`). */
export interface TurnLookOptions {
  search?: boolean;
}

/** The detector's settings without its search for small faces. */
const NO_SEARCH: Partial<PerceptionConfig> = Object.freeze({ faceInputSizeSearch: 0, faceInputSizeSearchSmallFrames: 0 });

/** `countFacesByTurn`, and the turn `chooseTurn` takes from its counts. */
export async function findTurn(models: PerceptionModels, source: FrameSource, options: TurnLookOptions = {}): Promise<TurnFound> {
  const counts = await countFacesByTurn(models, source, options);
  return { ...counts, turn: chooseTurn(counts) };
}

/**
 * Counts, for each turn, the frames of `source` on which the face networks (Tiny Face and the
 * BlazeFace check, nothing after them) find a face, while the turn is in play (`turnsInPlay`).
 * `source` gives the frames to look at (a few, spread over the file; at most FIND_TURN.frames are
 * read) and is closed here.
 */
export async function countFacesByTurn(models: PerceptionModels, source: FrameSource, { search = true }: TurnLookOptions = {}): Promise<TurnCounts> {
  const settings = search ? {} : NO_SEARCH;
  const withFace: Record<Rotation, number> = { 0: 0, 90: 0, 180: 0, 270: 0 };
  let frames = 0;
  const scores: Record<Rotation, number> = { 0: 0, 90: 0, 180: 0, 270: 0 };
  try {
    while (frames < FIND_TURN.frames) {
      const turns = turnsInPlay({ withFace, scores }, frames);
      if (turns.length === 0) break; // no turn can be taken any more: upright it is
      const next = await source.next();
      if (next.done) break;
      const frame = next.value;
      try {
        const tensor = await frameTensorOf(frame);
        try {
          for (const turn of turns) {
            const turned = turnFrame(tensor, turn);
            try {
              const faces = await confirmedFaces(models, turned, frame.tSec, createPerceptionState(settings), createStageTimer());
              if (faces.length > 0) {
                withFace[turn]++;
                scores[turn] += Math.max(...faces.map((f) => f.score * (f.verifyScore ?? 1)));
              }
            } finally {
              turned.dispose();
            }
          }
        } finally {
          tensor.dispose();
        }
      } finally {
        frame.close();
      }
      frames++;
    }
  } finally {
    await source.return(undefined);
  }
  return { frames, withFace, scores };
}
