/**
 * The general-purpose expression networks (HSEmotion, OpenCV's MobileFaceNet: the `general`
 * per-frame model) behind one call that may run on another thread, with a folder clip's grouping
 * embedding (each face's descriptor averaged with its mirror's, PerceptionConfig.mirrorEmbedding),
 * which only the clip's end reads. Their inputs (square crops, faces aligned by their
 * landmarks) are made where the frame is; the networks run here (Node, GPU backends) or in the
 * general worker (WASM in the browser: src/pipeline/worker/general.worker.ts), where the machine's
 * second core has room while this thread runs the other networks — they cost more than every
 * other face network together (docs/performance.md). A run that waits on its frames (an HD file,
 * whose decoding takes that core) runs them here instead: frame-bound.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { generalEmotion } from '../core/general-emotion';
import type { Box } from '../core/geometry';
// The models' own files, not the models index: the general worker bundles these networks alone.
import { createGeneralHsemotion, hsemotionInput, type GeneralHsemotionModel } from '../models/general-hsemotion/general-hsemotion';
import { createGeneralOpencvFer, opencvFerInputOnDevice, type GeneralOpencvFerModel } from '../models/general-opencv-fer/general-opencv-fer';
import { createFaceEmbedding, faceEmbeddingCrops, type FaceEmbeddingModel } from '../models/face-embedding/face-embedding';
import { loadAll, type Frame } from '../models/model';
import { mirrorImages } from '../models/crop';
import type { WeightSource } from '../models/weight-source';
import type { DeviceReads } from '../models/device-reads';
import { FACE_LANDMARKS_DEFAULTS } from '../models/face-landmarks/constants';
import { generalFacesInTurn, generalView, type PerceptionConfig } from '../shared/perception-config';
import { GENERAL } from '../shared/prediction-keys';

/**
 * One frame's inputs, each disposed by `run`: `hse` and `fer` null when the expression networks are
 * not due (`fer` also when no face had landmarks), `group` (face-embedding crops) null unless the
 * clip is grouped by person. With `mirrored`, `hse` and `fer` hold the faces then their mirror
 * images, each face's two rows averaged (PerceptionConfig.generalMirror 'both').
 */
export interface GeneralNetsInput {
  hse: tf.Tensor4D | null;
  fer: tf.Tensor4D | null;
  group: tf.Tensor4D | null;
  mirrored: boolean;
}

/**
 * Each input row's 7 probabilities (paper order) and mirror-averaged descriptor; `offThreadMs`: the
 * other thread's time on the call, when it ran there.
 */
export interface GeneralNetsOutput {
  hse: Float32Array[];
  fer: Float32Array[];
  group: Float32Array[];
  offThreadMs?: number;
}

/** Frees a frame's inputs that will not be run. */
export function disposeGeneralInput(input: GeneralNetsInput): void {
  for (const t of [input.hse, input.fer, input.group]) t?.dispose();
}

/** The two networks and the face embedding's mirror average, wherever they run. */
export interface GeneralNets {
  /** Takes `input` (read with `reads` where it must leave this thread) and resolves with the outputs. */
  run(input: GeneralNetsInput, reads: DeviceReads): Promise<GeneralNetsOutput>;
  /** The other thread's live tensors, when they run there (here they are counted with this thread's). */
  memory?(): Promise<{ numTensors: number }>;
  dispose(): void;
}

/**
 * The networks in this thread: their outputs are read with the frame's other outputs. `embedding`
 * is disposed with them unless `shared` (the perception models' own, which they dispose).
 */
export function localGeneralNets(hse: GeneralHsemotionModel, fer: GeneralOpencvFerModel, embedding: FaceEmbeddingModel, shared = false): GeneralNets {
  return {
    async run(input, reads) {
      const [h, f, g] = await Promise.all([
        input.hse ? hse.classify(input.hse, input.mirrored, reads) : [],
        input.fer ? fer.classify(input.fer, input.mirrored, reads) : [],
        input.group ? embedding.mirrorAveraged(input.group, reads) : [],
      ]);
      return { hse: h.map((r) => r.probs), fer: f.map((r) => r.probs), group: g };
    },
    dispose() {
      hse.dispose();
      fer.dispose();
      if (!shared) embedding.dispose();
    },
  };
}

/**
 * The general networks loaded in this thread, with `embedding` (loaded by its owner) or, in a
 * thread of their own, a face embedding net of theirs.
 */
export async function loadGeneralNetsHere(source: WeightSource, embedding?: FaceEmbeddingModel): Promise<GeneralNets> {
  const [hse, fer, own] = [createGeneralHsemotion(source), createGeneralOpencvFer(source), embedding ? null : createFaceEmbedding(source)];
  await loadAll(own ? [hse, fer, own] : [hse, fer]);
  return localGeneralNets(hse, fer, own ?? embedding!, !own);
}

/**
 * `there` (the general worker) until a call of it fails — a worker that crashed or ran out of memory
 * fails every later call too — then `here` for good: that call's run fails, later runs go on, with
 * the same numbers (general-nets.test.ts).
 */
export function withFallback(there: GeneralNets, here: GeneralNets): GeneralNets {
  let failed = false;
  return {
    run(input, reads) {
      if (failed) return here.run(input, reads);
      return there.run(input, reads).catch((error: unknown) => {
        failed = true;
        there.dispose();
        throw error;
      });
    },
    memory: async () => (failed ? { numTensors: 0 } : ((await there.memory?.()) ?? { numTensors: 0 })),
    dispose() {
      there.dispose();
      here.dispose();
    },
  };
}

/** Which faces the general networks may take, and where their landmarks are. */
export interface GeneralChoice {
  main: number | null;
  /** Whether face j is a confirmed face (unconfirmed detections come last). */
  confirmed: (j: number) => boolean;
  /** Face j's row in `landmarks`, −1 when it has none. */
  fullIndex: (j: number) => number;
  /** The landmarks net's output, left on the device; null when it did not run. */
  landmarks: tf.Tensor2D | null;
}

/** `general` probabilities and grouping embeddings by face index (of the frame's boxes, then of its records), and the other thread's time. */
export interface GeneralByFace {
  probs: Map<number, Float32Array>;
  grouping: Map<number, Float32Array>;
  offThreadMs?: number;
}

/**
 * What is due on this frame: the expression networks (`generalIntervalSec`) and how many times they
 * have run before in this video (which faces they read, and which view of them: `generalFacesInTurn`),
 * the grouping embedding (a folder clip: every frame).
 */
export interface GeneralDue {
  emotion: boolean;
  run: number;
  group: boolean;
}

/**
 * Issues what is `due` as one call. The expression networks on at most `generalMaxFaces` faces —
 * the main one when it is known, else confirmed faces first, largest first, in turn when there are
 * more (`generalFacesInTurn`) — as one batch each: HSEmotion on the square crop, OpenCV's
 * MobileFaceNet on the face aligned by its landmarks on the device (skipped without them); each face
 * as `generalView` says (its crop, its mirror image, or both averaged). The grouping embedding on
 * every face, with its mirror. The inputs are made now; the promise resolves when the networks have answered.
 */
export function issueGeneralNets(nets: GeneralNets, frame: Frame, boxes: Box[], choice: GeneralChoice, config: PerceptionConfig, reads: DeviceReads, due: GeneralDue): Promise<GeneralByFace> {
  const { main, confirmed, fullIndex, landmarks } = choice;
  const area = (j: number) => boxes[j]!.w * boxes[j]!.h;
  const order = main !== null ? [main] : boxes.map((_, j) => j).sort((a, b) => Number(confirmed(b)) - Number(confirmed(a)) || area(b) - area(a));
  const inTurn = generalFacesInTurn(order, main !== null ? 1 : order.filter(confirmed).length, config.generalMaxFaces, due.run);
  const chosen = due.emotion ? inTurn.faces : [];
  const grouped = due.group ? boxes.map((_, j) => j) : [];
  if (chosen.length === 0 && grouped.length === 0) return Promise.resolve({ probs: new Map(), grouping: new Map() });
  const aligned = landmarks ? chosen.filter((j) => fullIndex(j) >= 0) : [];
  const view = generalView(config, inTurn.turn);
  const mirror = view === 'both';
  // The mirror view alone: the crop (or the aligned face) flipped, so the landmarks' alignment is kept.
  const viewed = (t: tf.Tensor4D) => (view === 'mirror' ? mirrorImages(t) : t);
  const input: GeneralNetsInput = { hse: null, fer: null, group: null, mirrored: mirror };
  try {
    if (chosen.length) input.hse = viewed(hsemotionInput(frame, chosen.map((j) => boxes[j]!), { mirror, inputSize: config.generalInputSize }));
    if (aligned.length) {
      const rows = tf.gather(landmarks!, aligned.map(fullIndex));
      try {
        input.fer = viewed(opencvFerInputOnDevice({ frame, boxes: aligned.map((j) => boxes[j]!), landmarks: rows, landmarksPadding: FACE_LANDMARKS_DEFAULTS.padding }, { mirror }));
      } finally {
        rows.dispose();
      }
    }
    if (grouped.length) input.group = faceEmbeddingCrops(frame, grouped.map((j) => boxes[j]!));
  } catch (error) {
    disposeGeneralInput(input);
    throw error;
  }
  return nets.run(input, reads).then(({ hse: h, fer: f, group: g, offThreadMs }) => {
    const probs = new Map<number, Float32Array>();
    chosen.forEach((j, k) => {
      const a = aligned.indexOf(j);
      const p = generalEmotion(a >= 0 ? [h[k]!, f[a]!] : [h[k]!]);
      if (p) probs.set(j, p);
    });
    const grouping = new Map(grouped.map((j, k) => [j, g[k]!]));
    return { probs, grouping, ...(offThreadMs !== undefined && { offThreadMs }) };
  });
}

/** The faces with their `general` probabilities among their baselines, and their grouping embeddings (both by face index). */
export function withGeneral<F extends { baselineProbs?: Record<string, Float32Array>; groupingEmbedding?: Float32Array }>(
  faces: readonly F[],
  { probs, grouping }: Pick<GeneralByFace, 'probs' | 'grouping'>,
): F[] {
  return faces.map((f, i) => {
    const p = probs.get(i);
    const g = grouping.get(i);
    return { ...f, ...(p && { baselineProbs: { ...f.baselineProbs, [GENERAL]: p } }), ...(g && { groupingEmbedding: g }) };
  });
}
