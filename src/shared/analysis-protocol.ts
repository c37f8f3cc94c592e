/**
 * Messages between the page and the analysis worker. The worker owns the networks and tfjs; the
 * page owns what is shown (the clip, the vote, the overlay). Requests carry an `id`; the worker
 * answers each with one `reply`, and streams `opened` / `tracked` events for analysis runs.
 */
import type { TrackerConfig } from '../core/tracking/tracker';
import type { BackendName, BackendStatus } from './backend';
import type { EnsembleConfig } from './ensemble-config';
import type { CameraPicture, ClipInput, ClipRecord, TrackedFrame } from './face-record';
import type { PerceptionConfig } from './perception-config';
import type { VideoInfo } from './video-info';
import type { WireError } from './wire-error';
import type { LoudnessEnvelope } from '../core/audio/loudness-envelope';

/** Absolute URLs of what the worker loads (its own URL is under assets/, so relative ones would miss). */
export interface WorkerUrls {
  wasm: string;
  models: string;
  trained: string;
}

/** Per-run settings shared by files and streams. */
export interface RunSettings {
  tracker?: Partial<TrackerConfig>;
  perception?: Partial<PerceptionConfig>;
  historySec?: number;
}

/** Page → worker. */
export type Request =
  | { type: 'init'; id: number; forced?: BackendName; urls: WorkerUrls }
  | { type: 'loadModels'; id: number }
  | { type: 'loadPredictor'; id: number }
  | { type: 'probe'; id: number; file: Blob }
  | { type: 'analyzeFile'; id: number; file: Blob; fps?: number; settings: RunSettings }
  | { type: 'analyzeStream'; id: number; size: { width: number; height: number }; settings: RunSettings }
  | { type: 'speech'; id: number; file: Blob }
  | { type: 'predict'; id: number; records: ClipRecord[]; speech: Float32Array | null; reference?: ClipInput[] }
  | { type: 'memory'; id: number };

/** Page → worker, no reply: a camera frame for stream `run`, its end, or cancelling run `run`. */
export type Notice =
  | { type: 'frame'; run: number; frameIndex: number; tSec: number; picture: CameraPicture }
  | { type: 'endStream'; run: number }
  | { type: 'cancel'; run: number };

/** What a finished run answers: stage timings and the tensors it left behind (0 when it leaks none). */
export interface RunResult {
  timings: Record<string, number[]>;
  tensorDelta: number;
}

/** The answers, by request type. */
export interface Replies {
  init: BackendStatus;
  loadModels: null;
  /** `calibrates`: a loaded model reads a person reference (ClipPredictor.calibrates). */
  loadPredictor: { names: string[]; ensemble: EnsembleConfig; calibrates: boolean };
  probe: VideoInfo;
  analyzeFile: RunResult;
  analyzeStream: RunResult;
  /**
   * The clip's speech features, or null and why there are none (no audio track, no speech, …); and
   * its loudness envelope whenever there is sound (for crediting the voice to the face that speaks).
   */
  speech: ({ features: Float32Array; note: null } | { features: null; note: string }) & { loudness?: LoudnessEnvelope };
  predict: Record<string, Float32Array>;
  /** tf.memory() of the worker, and the size of the WASM backend's memory (WASM only). */
  memory: { numTensors: number; numBytes: number; wasmMemoryBytes?: number };
}

/** Worker → page. */
export type WorkerEvent =
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: WireError }
  | { type: 'opened'; run: number; info: VideoInfo }
  | { type: 'tracked'; run: number; frame: TrackedFrame };
